import { stat } from 'node:fs/promises'
import { basename } from 'node:path'
import type { DatasetInfo, ImportSettings, Progress } from '../../../src-shared/contract'
import { CancelledError, ImportError } from '../errors'
import { openFileSource, type ByteSource } from './byte-source'
import { ColumnBuilder, type CellRules } from './column-builder'
import type { Dataset } from './dataset'
import { checkText, detectFormat, newlineOf, sniffEncoding } from './detect'
import { headerNames } from './header-names'
import { BYTES_PER_COLUMN, checkColumnCount, describeLimit, formatBytes, memoryLimit } from './limits'
import { COMMA, DEFAULT_MISSING_TOKENS, POINT, parseNumber } from './number-parse'
import { createChunkParser } from './papa-parser'
import { describeRow, firstRowEnd, longRowError, progress, reason } from './import-messages'
import { RaggedRows } from './ragged-rows'
import { createChunkDecoder } from './text-decoder'
import { scanQuoteFree, type ScanTarget } from './scan-quote-free'

/** Bytes read from disk (and handed to papaparse after decoding) per chunk. */
export const DEFAULT_CHUNK_BYTES = 1 << 20
/** Longest row accepted (10 MB); longer ones mean a missing line break or an unclosed quote. */
export const DEFAULT_MAX_ROW_BYTES = 10 * (1 << 20)
/** Bytes at the start of the file used to detect encoding, delimiter, decimal separator and header. */
const HEAD_BYTES = 256 * 1024
/** Rows kept as raw text for the preview table. */
export const PREVIEW_ROWS = 100
/** Progress events at most this often (milliseconds): about 10 a second. */
const PROGRESS_MS = 100
/** Engine memory per cell: the Float64 value and a one-byte kind code. */
const BYTES_PER_CELL = 9

export interface ImportOptions {
  /** Name to show instead of the path's base name (browser mode uploads to a temporary path). */
  fileName?: string
  /** The user's overrides; anything absent is detected. */
  settings?: ImportSettings
  /** Called about 10 times a second with bytes read and rows so far. */
  onProgress?: (progress: Progress) => void
  /** Checked between chunks; returning true aborts the read (CancelledError) and frees the columns. */
  isCancelled?: () => boolean
  /** Bytes per read (default 1 MiB). */
  chunkBytes?: number
  /** Longest row accepted in characters (default 10 MiB). */
  maxRowBytes?: number
  /** Memory the columns may take, bytes (default: see `memoryLimit`). Files needing more are refused. */
  memoryLimitBytes?: number
  /**
   * Read quote-free chunks with the built-in scanner (default true); false sends every chunk through
   * papaparse. Both give the same dataset; tests compare them.
   */
  quoteFreeScan?: boolean
  /** Opens the file for reading (tests inject failing sources here). */
  open?: (path: string) => Promise<ByteSource>
}

/**
 * Streams a CSV file in chunks: bytes are decoded (UTF-8, UTF-16 LE/BE, Windows-1252) with a streaming
 * decoder, papaparse's RFC 4180 parser splits rows and fields, and every cell is converted here into
 * per-column Float64Arrays with a kind code per cell, so columns are typed from every row. Encoding,
 * delimiter, decimal separator and header row are detected from the first 256 KB unless `settings`
 * gives them. Throws ImportError with a message saying what is wrong and where, CancelledError on cancel.
 */
export async function importCsv(path: string, options: ImportOptions = {}): Promise<Dataset> {
  const started = performance.now()
  const fileName = options.fileName ?? basename(path)
  const settings = options.settings ?? {}
  const bytes = await fileSize(path, fileName)
  if (bytes === 0) throw new ImportError(`${fileName} is empty (0 bytes): there is nothing to import.`)

  const source = await (options.open ?? openFileSource)(path).catch((e: unknown) => {
    throw new ImportError(`Cannot open ${fileName}: ${reason(e)}.`)
  })
  try {
    return await readAll(source, bytes, fileName, path, settings, options, started)
  } finally {
    await source.close().catch(() => undefined)
  }
}

async function fileSize(path: string, fileName: string): Promise<number> {
  try {
    const s = await stat(path)
    if (!s.isFile()) {
      throw new ImportError(
        `${fileName} is not a regular file (it is a ${s.isDirectory() ? 'folder' : 'device, pipe or socket'}); choose a CSV file.`,
      )
    }
    return s.size
  } catch (e) {
    if (e instanceof ImportError) throw e
    throw new ImportError(`Cannot open ${fileName}: ${reason(e)}.`)
  }
}

async function readAll(
  source: ByteSource,
  bytes: number,
  fileName: string,
  path: string,
  settings: ImportSettings,
  options: ImportOptions,
  started: number,
): Promise<Dataset> {
  const chunkBytes = Math.max(16, options.chunkBytes ?? DEFAULT_CHUNK_BYTES)
  const maxRow = options.maxRowBytes ?? DEFAULT_MAX_ROW_BYTES
  let position = 0

  const read = async (buffer: Uint8Array): Promise<number> => {
    const want = Math.min(buffer.length, bytes - position)
    let n: number
    try {
      n = await source.read(buffer.subarray(0, want), position)
    } catch (e) {
      throw new ImportError(
        `Reading ${fileName} failed after ${formatBytes(position)} of ${formatBytes(bytes)}: ${reason(e)}. The file may have been moved, deleted or locked by another program; check it and import again.`,
      )
    }
    if (n === 0 && want > 0) {
      throw new ImportError(
        `${fileName} became shorter while it was being read: it was ${formatBytes(bytes)} but ends after ${formatBytes(position)}. Another program changed or replaced it; import it again when it is complete.`,
      )
    }
    position += n
    return n
  }

  // Detection on the head of the file.
  const head = new Uint8Array(Math.min(HEAD_BYTES, bytes))
  let headLength = 0
  while (headLength < head.length) headLength += await read(head.subarray(headLength))
  const sniffed = sniffEncoding(head, fileName)
  const encoding = settings.encoding ?? sniffed.encoding
  const detectedEncoding = sniffed.encoding
  const complete = headLength === bytes
  const headText = createChunkDecoder(encoding).decode(head, complete)
  checkText(headText, fileName)
  if (complete && headText.trim() === '') {
    throw new ImportError(`${fileName} has no rows: it contains only blank lines.`)
  }
  const guess = detectFormat(headText, complete, settings)
  const overridden = settings.delimiter ?? settings.decimal ?? settings.header
  const detected = overridden === undefined ? guess : detectFormat(headText, complete, {})
  const decimal = guess.decimal === 'comma' ? COMMA : POINT
  const missingTokens = settings.missingTokens ?? [...DEFAULT_MISSING_TOKENS]
  const rules: CellRules = {
    decimal,
    missing: new Set(missingTokens.map((t) => t.trim())),
    missingFirst: missingTokens.some((t) => parseNumber(t, decimal) === parseNumber(t, decimal)),
  }

  // Refuse before reading on when the columns alone would not fit.
  const bytesPerChar = headLength / Math.max(1, headText.length)
  const estimatedRows = Math.ceil(bytes / Math.max(1, guess.charsPerRow * bytesPerChar))
  const estimatedColumns = Math.max(1, guess.fields)
  const needed = estimatedRows * estimatedColumns * BYTES_PER_CELL + estimatedColumns * BYTES_PER_COLUMN
  const limit = options.memoryLimitBytes ?? memoryLimit()
  if (needed > limit) {
    throw new ImportError(
      `${fileName} is too big to import: it is ${formatBytes(bytes)}, about ${estimatedRows.toLocaleString('en-US')} rows × ${estimatedColumns.toLocaleString('en-US')} columns, which needs about ${formatBytes(needed)} of memory; the limit is ${describeLimit(limit, options.memoryLimitBytes !== undefined)}. Split the file or remove columns you do not need.`,
    )
  }

  const newline = newlineOf(guess.lineEnding)
  const parser = createChunkParser(guess.delimiter, newline)
  const preview: string[][] = []
  const ragged = new RaggedRows()
  // Cast so control-flow narrowing does not assume the closures below never assign it.
  let builders = null as ColumnBuilder[] | null
  let names: string[] = []
  const warnings: string[] = []
  let undecodable = 0
  for (let i = headText.indexOf('\ufffd'); i >= 0; i = headText.indexOf('\ufffd', i + 1)) undecodable++
  if (undecodable > 0) {
    warnings.push(
      `${undecodable} character${undecodable === 1 ? '' : 's'} in the first rows could not be read as ${encoding} (shown as \ufffd): the file may use another encoding; choose it in the import settings.`,
    )
  }
  let dataRows = 0
  let malformedQuotes = 0
  let firstMalformed = 0
  let lastProgress = performance.now()
  const capacity = Math.min(estimatedRows * 1.05 + 64, limit / BYTES_PER_CELL / estimatedColumns)

  const startColumns = (first: string[]): ColumnBuilder[] => {
    const ncols = Math.max(first.length, guess.fields)
    checkColumnCount(ncols, fileName)
    const fromHeader = guess.header ? first : []
    const named = headerNames(fromHeader, ncols)
    names = named.names
    warnings.push(...named.warnings)
    if (guess.header && first.length < ncols) {
      warnings.push(
        `The header has ${first.length} names but most rows have ${ncols} fields; the extra columns were named ${names
          .slice(first.length)
          .map((n) => `"${n}"`)
          .join(', ')}.`,
      )
    }
    const created = names.map(() => new ColumnBuilder(capacity))
    builders = created
    return created
  }

  const addRows = (rows: string[][], upTo: number) => {
    for (let r = 0; r < upTo; r++) {
      const row = rows[r]
      const nf = row.length
      if (nf === 1 && row[0] === '') continue
      let cols = builders
      if (cols === null) {
        cols = startColumns(row)
        if (guess.header) continue
      }
      const rowNumber = ++dataRows
      if (preview.length < PREVIEW_ROWS) preview.push(row)
      const ncols = cols.length
      if (nf !== ncols) ragged.add(rowNumber, nf, ncols)
      if (nf >= ncols) {
        for (let c = 0; c < ncols; c++) cols[c].add(row[c], rowNumber, rules)
      } else {
        for (let c = 0; c < ncols; c++) cols[c].add(c < nf ? row[c] : '', rowNumber, rules)
      }
    }
  }

  // Chunks with quotes go through papaparse's RFC 4180 parser; returns the characters consumed.
  const parseQuoted = (more: boolean): number => {
    const result = parser.parse(text, more)
    let stopAt = result.data.length
    const unclosed = result.errors.find((e) => e.code === 'MissingQuotes')
    if (unclosed) stopAt = Math.min(stopAt, unclosed.row ?? stopAt)
    const malformed = result.errors.filter(
      (e) => e.code === 'InvalidQuotes' && e.row !== undefined && e.row < stopAt,
    )
    if (malformed.length > 0 && malformedQuotes === 0) {
      // Papaparse counts rows within the chunk; a header parsed in this chunk is not a data row.
      const headerHere = builders === null && guess.header ? 0 : 1
      firstMalformed = dataRows + (malformed[0].row ?? 0) + headerHere
    }
    malformedQuotes += malformed.length
    addRows(result.data, stopAt)
    if (unclosed) {
      const where = builders === null ? 'the header row' : `data row ${dataRows + 1}`
      const row = result.data[stopAt] ?? []
      throw new ImportError(
        `${fileName} has a quoted field that is never closed: it starts in ${where} (${describeRow(row)}) and runs to the end of the file. Add the missing closing quote (") or remove the stray one.`,
      )
    }
    return result.meta.cursor
  }

  // Quote-free chunks (the common case) are read without making a string per cell.
  let scan: ScanTarget | null = null
  const scanPlain = (cols: ColumnBuilder[], more: boolean): number => {
    scan ??= { builders: cols, rules, ragged, preview, previewRows: PREVIEW_ROWS, rows: 0 }
    scan.rows = dataRows
    const consumed = scanQuoteFree(text, guess.delimiter, newline, more, scan)
    dataRows = scan.rows
    return consumed
  }

  // The rows are read from the start again in chunks (the head was only for detection).
  const scanAllowed = options.quoteFreeScan ?? true
  const buffer = new Uint8Array(chunkBytes)
  const decoder = createChunkDecoder(encoding)
  position = 0
  let text = ''
  let done = false
  for (;;) {
    const cols = builders
    const plain = cols !== null && scanAllowed && text.indexOf('"') < 0
    const consumed = plain ? scanPlain(cols, !done) : parseQuoted(!done)
    if (done) break
    text = text.slice(consumed)
    if (text.length > maxRow) throw longRowError(text, fileName, builders === null, dataRows, maxRow)

    if (options.isCancelled?.()) throw new CancelledError(`Import of ${fileName} cancelled.`)
    const now = performance.now()
    if (options.onProgress && now - lastProgress >= PROGRESS_MS) {
      lastProgress = now
      options.onProgress(progress(position, bytes, dataRows))
    }
    const n = await read(buffer)
    done = position >= bytes
    text += decoder.decode(buffer.subarray(0, n), done)
    // The carried-over row is shorter than the limit, so a row over it must end in this chunk.
    if (text.length > maxRow && firstRowEnd(text, guess.delimiter, newline) > maxRow) {
      throw longRowError(text, fileName, builders === null, dataRows, maxRow)
    }
  }

  if (builders === null) {
    throw new ImportError(`${fileName} has no rows: it contains only blank lines.`)
  }
  if (dataRows === 0) {
    throw new ImportError(
      `${fileName} has a header row (${names.map((n) => `"${n}"`).join(', ')}) but no data rows below it.`,
    )
  }
  if (options.isCancelled?.()) throw new CancelledError(`Import of ${fileName} cancelled.`)

  const columns = builders.map((b, i) => {
    const built = b.finish(i, names[i])
    warnings.push(...built.warnings)
    return { info: built.info, values: built.values }
  })
  const raggedNote = ragged.warning(names.length)
  if (raggedNote) warnings.push(raggedNote)
  if (malformedQuotes > 0) {
    warnings.push(
      `${malformedQuotes.toLocaleString('en-US')} quoted field(s) have text after the closing quote (first in data row ${firstMalformed}); they were read as written.`,
    )
  }
  options.onProgress?.(progress(bytes, bytes, dataRows))
  const resolved: DatasetInfo['settings'] = {
    delimiter: guess.delimiter,
    decimal: guess.decimal,
    header: guess.header,
    encoding,
    missingTokens,
  }
  return {
    info: {
      path,
      fileName,
      bytes,
      rows: dataRows,
      settings: resolved,
      detected: {
        delimiter: detected.delimiter,
        decimal: detected.decimal,
        header: detected.header,
        encoding: detectedEncoding,
        lineEnding: detected.lineEnding,
      },
      columns: columns.map((c) => c.info),
      preview,
      warnings,
      seconds: (performance.now() - started) / 1000,
    },
    columns,
  }
}
