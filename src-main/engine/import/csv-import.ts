import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { basename } from 'node:path'
import Papa from 'papaparse'
import type { ColumnInfo, Progress } from '../../../src-shared/contract'
import { ImportError, CancelledError } from '../errors'
import type { Dataset } from './dataset'
import { GrowableFloat64 } from './growable-array'
import { DEFAULT_MISSING_TOKENS, parseNumber } from './number-parse'

/** How many offending cells a column reports by row and value. */
const EXAMPLES_PER_COLUMN = 5

export interface ImportOptions {
  /** Name to show instead of the path's base name (browser mode uploads to a temporary path). */
  fileName?: string
  onProgress?: (progress: Progress) => void
  /** Checked between chunks; returning true aborts the read. */
  isCancelled?: () => boolean
}

interface ColumnBuilder {
  values: GrowableFloat64
  count: number
  missing: number
  nonNumeric: number
  examples: { row: number; value: string }[]
}

/**
 * Streams a CSV file through papaparse (string chunks, no dynamic typing) and converts every cell itself,
 * so numbers, missing tokens and stray text are counted per column. The first row is a header when none
 * of its cells is a number; otherwise columns are named `column 1`, `column 2`, ...
 */
export async function importCsv(path: string, options: ImportOptions = {}): Promise<Dataset> {
  let bytes: number
  try {
    const s = await stat(path)
    if (!s.isFile()) throw new ImportError(`${path} is not a file.`)
    bytes = s.size
  } catch (e) {
    if (e instanceof ImportError) throw e
    throw new ImportError(`Cannot open ${path}: ${(e as Error).message}`)
  }
  if (bytes === 0) throw new ImportError(`${basename(path)} is empty: there is nothing to import.`)

  const started = performance.now()
  const missing = new Set(DEFAULT_MISSING_TOKENS)
  const preview: string[][] = []
  let hasHeader = false
  const stream = createReadStream(path, { encoding: 'utf8' })
  let header: string[] | null = null
  let builders: ColumnBuilder[] = []
  let dataRows = 0
  let raggedRows = 0
  let firstRagged = 0
  let delimiter = ','
  let lastProgress = 0

  const addRow = (row: string[]) => {
    if (header === null) {
      const isHeader = !row.some((cell) => !Number.isNaN(parseNumber(cell.trim())))
      header = isHeader ? row : row.map((_, i) => `column ${i + 1}`)
      builders = header.map(() => ({
        values: new GrowableFloat64(),
        count: 0,
        missing: 0,
        nonNumeric: 0,
        examples: [],
      }))
      hasHeader = isHeader
      if (isHeader) return
    }
    if (preview.length < 100) preview.push(row)
    dataRows++
    if (row.length !== builders.length) {
      if (raggedRows++ === 0) firstRagged = dataRows
    }
    for (let c = 0; c < builders.length; c++) {
      const b = builders[c]
      const raw = c < row.length ? row[c] : ''
      const text = raw.trim()
      if (missing.has(text)) {
        b.missing++
        b.values.push(NaN)
        continue
      }
      const v = parseNumber(text)
      if (Number.isNaN(v)) {
        b.nonNumeric++
        if (b.examples.length < EXAMPLES_PER_COLUMN) b.examples.push({ row: dataRows, value: raw })
      } else {
        b.count++
      }
      b.values.push(v)
    }
  }

  await new Promise<void>((resolve, reject) => {
    let firstChunk = true
    Papa.parse<string[]>(stream as unknown as File, {
      header: false,
      skipEmptyLines: true,
      chunk(results, parser) {
        if (options.isCancelled?.()) {
          parser.abort()
          stream.destroy()
          reject(new CancelledError('Import cancelled.'))
          return
        }
        if (firstChunk) {
          firstChunk = false
          delimiter = results.meta.delimiter
          if (looksBinary(results.data)) {
            parser.abort()
            stream.destroy()
            reject(
              new ImportError(
                `${basename(path)} does not look like a text CSV file (it contains binary data).`,
              ),
            )
            return
          }
        }
        const quoteError = results.errors.find((e) => e.code === 'MissingQuotes')
        if (quoteError) {
          parser.abort()
          stream.destroy()
          reject(
            new ImportError(
              `Unterminated quoted field starting near data row ${dataRows + (quoteError.row ?? 0) + 1}: a " opens a field that never closes.`,
            ),
          )
          return
        }
        for (const row of results.data) addRow(row)
        const now = performance.now()
        if (options.onProgress && now - lastProgress > 50) {
          lastProgress = now
          const read = stream.bytesRead
          options.onProgress({
            task: 'import',
            fraction: Math.min(1, read / bytes),
            message: `${formatMb(read)} of ${formatMb(bytes)}, ${dataRows.toLocaleString('en-US')} rows`,
          })
        }
      },
      complete: () => resolve(),
      error: (err: Error) => reject(new ImportError(`Cannot read ${basename(path)}: ${err.message}`)),
    })
    stream.on('error', (err) => reject(new ImportError(`Cannot read ${basename(path)}: ${err.message}`)))
  })

  if (header === null) throw new ImportError(`${basename(path)} has no rows.`)
  if (dataRows === 0) throw new ImportError(`${basename(path)} has a header row but no data rows.`)

  const names = uniqueNames(header)
  const warnings: string[] = []
  if (raggedRows > 0) {
    warnings.push(
      `${raggedRows} row${raggedRows === 1 ? ' has' : 's have'} a different number of fields than the header (${names.length}); first at data row ${firstRagged}. Missing fields were read as missing values.`,
    )
  }
  const columns = builders.map((b, index) => {
    const info: ColumnInfo = {
      index,
      name: names[index],
      numeric: b.count > 0 && b.count >= b.nonNumeric,
      type: b.count === 0 ? (b.nonNumeric === 0 ? 'empty' : 'text') : 'real',
      count: b.count,
      missing: b.missing,
      nonNumeric: b.nonNumeric,
      nonNumericExamples: b.examples,
    }
    if (info.numeric && b.nonNumeric > 0) {
      const shown = b.examples.map((e) => `row ${e.row}: "${e.value}"`).join(', ')
      warnings.push(`Column "${info.name}": ${b.nonNumeric} non-numeric cell(s) excluded (${shown}).`)
    }
    return { info, values: b.values.toArray() }
  })
  options.onProgress?.({
    task: 'import',
    fraction: 1,
    message: `${dataRows.toLocaleString('en-US')} rows read`,
  })
  return {
    info: {
      path,
      fileName: options.fileName ?? basename(path),
      bytes,
      rows: dataRows,
      settings: {
        delimiter: delimiter as ',',
        decimal: 'point',
        header: hasHeader,
        encoding: 'utf-8',
        missingTokens: [...missing],
      },
      detected: {
        delimiter: delimiter as ',',
        decimal: 'point',
        header: hasHeader,
        encoding: 'utf-8',
        lineEnding: 'LF',
      },
      columns: columns.map((c) => c.info),
      preview,
      warnings,
      seconds: (performance.now() - started) / 1000,
    },
    columns,
  }
}

/** Empty header cells become `column N`; repeated names get `_2`, `_3` suffixes. */
export function uniqueNames(header: string[]): string[] {
  const seen = new Map<string, number>()
  return header.map((raw, i) => {
    const base = raw.trim().replace(/^\uFEFF/, '') || `column ${i + 1}`
    const times = seen.get(base) ?? 0
    seen.set(base, times + 1)
    return times === 0 ? base : `${base}_${times + 1}`
  })
}

/** NUL or many control characters in the first rows mean an image or other binary renamed .csv. */
function looksBinary(rows: string[][]): boolean {
  let control = 0
  let total = 0
  for (const row of rows.slice(0, 50)) {
    for (const cell of row) {
      for (let i = 0; i < cell.length; i++) {
        const c = cell.charCodeAt(i)
        total++
        if (c === 0 || c === 0xfffd || (c < 32 && c !== 9 && c !== 10 && c !== 13)) control++
      }
    }
  }
  return total > 0 && control / total > 0.01
}

function formatMb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`
}
