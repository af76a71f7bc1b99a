import { stat } from 'node:fs/promises'
import { basename } from 'node:path'
import type { DatasetInfo, ImportSettings, Progress } from '../../../src-shared/contract'
import { CancelledError, ImportError } from '../errors'
import { openArrivingSource, type ArrivingFile } from './arriving-file'
import { openFileSource, type ByteSource } from './byte-source'
import { ColumnBuilder, type CellRules } from './column-builder'
import type { Dataset } from './dataset'
import { checkText, detectFormat, newlineOf, separatorHint, sniffEncoding, type FormatGuess } from './detect'
import { headerNames } from './header-names'
import { IMPORT_ACTIONS } from './import-actions'
import { BYTES_PER_COLUMN, checkColumnCount, describeLimit, formatBytes, memoryLimit } from './limits'
import { COMMA, DEFAULT_MISSING_TOKENS, POINT, parseNumber } from './number-parse'
import { createChunkParser, type ChunkParser, type Newline } from './papa-parser'
import { describeRow, firstRowEnd, longRowError, progress, reason } from './import-messages'
import { RaggedRows } from './ragged-rows'
import { createChunkDecoder } from './text-decoder'
import { scanQuoteFree, type ScanTarget } from './scan-quote-free'
import { rowEndIn, scanQuoteFreeBytes } from './scan-bytes'

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
   * Read quote-free chunks with the built-in scanners (default true: UTF-8 as bytes, other text decoded);
   * false sends every chunk through papaparse. Both give the same dataset; tests compare them.
   */
  quoteFreeScan?: boolean
  /** Opens the file for reading (tests inject failing sources here). */
  open?: (path: string) => Promise<ByteSource>
  /** The file is still being written (a browser-mode upload): its final size; reads wait for their bytes. */
  arriving?: ArrivingFile
}

/**
 * Streams a CSV file in chunks: quote-free UTF-8 chunks are read as bytes, anything else is decoded
 * (UTF-8, UTF-16 LE/BE, Windows-1252) with a streaming decoder and split by the text scanner or
 * papaparse's RFC 4180 parser; every cell is converted here into per-column Float64Arrays with counts per
 * kind (and a kind code per cell once a column holds more than numbers), so columns are typed from every row. Encoding,
 * delimiter, decimal separator and header row are detected from the first 256 KB unless `settings`
 * gives them. Throws ImportError with a message saying what is wrong and where, CancelledError on cancel.
 */
export async function importCsv(path: string, options: ImportOptions = {}): Promise<Dataset> {
  const started = performance.now()
  const fileName = options.fileName ?? basename(path)
  const settings = options.settings ?? {}
  const { arriving } = options
  const bytes = arriving ? arriving.bytes : await fileSize(path, fileName)
  if (bytes === 0) throw new ImportError(`${fileName} is empty (0 bytes): there is nothing to import.`)

  const opener =
    options.open ?? (arriving ? (p: string) => openArrivingSource(p, arriving, fileName) : openFileSource)
  const source = await opener(path).catch((e: unknown) => {
    throw new ImportError(`Cannot open ${fileName}: ${reason(e)}.`)
  })
  try {
    const reader = new CsvReader(source, { bytes, fileName, path, settings, options })
    await reader.detect()
    await reader.scan()
    return reader.finish(started)
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

/** Where the byte path stopped: the unread bytes from the start of a row, and whether the file is all read. */
interface ByteTail {
  bytes: Uint8Array
  done: boolean
}

const QUOTE = 0x22

/** The file being read and what the caller asked. */
interface CsvFile {
  bytes: number
  fileName: string
  path: string
  settings: ImportSettings
  options: ImportOptions
}

/** The undecodable characters in the head, as a warning (the file may use another encoding). */
function undecodableWarning(headText: string, encoding: string): string | null {
  let undecodable = 0
  for (let i = headText.indexOf('\ufffd'); i >= 0; i = headText.indexOf('\ufffd', i + 1)) undecodable++
  if (undecodable === 0) return null
  return `${undecodable} character${undecodable === 1 ? '' : 's'} in the first rows could not be read as ${encoding} (shown as \ufffd): the file may use another encoding; ${IMPORT_ACTIONS.encoding.app}.`
}

/**
 * One CSV file read in three steps: `detect` reads the head (encoding, delimiter, decimal separator, header,
 * a memory estimate), `scan` streams every chunk into per-column builders (the built-in scanner for
 * quote-free text, papaparse's RFC 4180 parser otherwise), `finish` types the columns and gathers the
 * warnings into a Dataset. Each step throws ImportError saying what is wrong and where.
 */
class CsvReader {
  private position = 0
  private readonly chunkBytes: number
  private readonly maxRow: number
  // Set by detect().
  private encoding!: NonNullable<ImportSettings['encoding']>
  private detectedEncoding!: NonNullable<ImportSettings['encoding']>
  private guess!: FormatGuess
  private detected!: FormatGuess
  /** The file starts with Excel's `sep=` line, not yet skipped. */
  private hintRowPending = false
  private missingTokens!: string[]
  private rules!: CellRules
  private newline!: Newline
  private parser!: ChunkParser
  private capacity = 0
  // Filled by scan().
  private readonly preview: string[][] = []
  private readonly ragged = new RaggedRows()
  private readonly warnings: string[] = []
  private builders: ColumnBuilder[] | null = null
  private names: string[] = []
  private dataRows = 0
  private malformedQuotes = 0
  private firstMalformed = 0
  private text = ''
  private scanTarget: ScanTarget | null = null

  constructor(
    private readonly source: ByteSource,
    private readonly file: CsvFile,
  ) {
    this.chunkBytes = Math.max(16, file.options.chunkBytes ?? DEFAULT_CHUNK_BYTES)
    this.maxRow = file.options.maxRowBytes ?? DEFAULT_MAX_ROW_BYTES
  }

  /** Reads into `buffer` from the current position; a failed or short read is an ImportError. */
  private async read(buffer: Uint8Array): Promise<number> {
    const { bytes, fileName } = this.file
    const want = Math.min(buffer.length, bytes - this.position)
    let n: number
    try {
      n = await this.source.read(buffer.subarray(0, want), this.position)
    } catch (e) {
      // An arriving file's own messages (upload cut off, stalled, cancelled) say what happened already.
      if (e instanceof ImportError || e instanceof CancelledError) throw e
      throw new ImportError(
        `Reading ${fileName} failed after ${formatBytes(this.position)} of ${formatBytes(bytes)}: ${reason(e)}. The file may have been moved, deleted or locked by another program; check it and import again.`,
      )
    }
    if (n === 0 && want > 0) {
      throw new ImportError(
        `${fileName} became shorter while it was being read: it was ${formatBytes(bytes)} but ends after ${formatBytes(this.position)}. Another program changed or replaced it; import it again when it is complete.`,
      )
    }
    this.position += n
    return n
  }

  /** Detection on the head of the file; refuses files whose columns alone would not fit in memory. */
  async detect(): Promise<void> {
    const { bytes, fileName, settings } = this.file
    const head = new Uint8Array(Math.min(HEAD_BYTES, bytes))
    let headLength = 0
    while (headLength < head.length) headLength += await this.read(head.subarray(headLength))
    const sniffed = sniffEncoding(head, fileName)
    this.encoding = settings.encoding ?? sniffed.encoding
    this.detectedEncoding = sniffed.encoding
    const complete = headLength === bytes
    const headText = createChunkDecoder(this.encoding).decode(head, complete)
    checkText(headText, fileName)
    if (complete && headText.trim() === '') {
      throw new ImportError(`${fileName} has no rows: it contains only blank lines.`)
    }
    // Excel's `sep=` line names the delimiter and is not a row; the user's own choice still wins.
    const hint = separatorHint(headText)
    this.hintRowPending = hint !== null
    const text = hint ? headText.slice(hint.length) : headText
    const found = hint ? { delimiter: hint.delimiter } : {}
    const guess = detectFormat(text, complete, { ...found, ...settings })
    const overridden = settings.delimiter ?? settings.decimal ?? settings.header
    this.guess = guess
    this.detected = overridden === undefined ? guess : detectFormat(text, complete, found)
    const decimal = guess.decimal === 'comma' ? COMMA : POINT
    this.missingTokens = settings.missingTokens ?? [...DEFAULT_MISSING_TOKENS]
    this.rules = {
      decimal,
      missing: new Set(this.missingTokens.map((t) => t.trim())),
      missingFirst: this.missingTokens.some((t) => parseNumber(t, decimal) === parseNumber(t, decimal)),
    }
    this.capacity = this.checkMemory(headLength / Math.max(1, headText.length))
    this.newline = newlineOf(guess.lineEnding)
    this.parser = createChunkParser(guess.delimiter, this.newline)
    const undecodable = undecodableWarning(headText, this.encoding)
    if (undecodable) this.warnings.push(undecodable)
  }

  /** Refuses before reading on when the columns alone would not fit; returns the builders' row capacity. */
  private checkMemory(bytesPerChar: number): number {
    const { bytes, fileName, options } = this.file
    const estimatedRows = Math.ceil(bytes / Math.max(1, this.guess.charsPerRow * bytesPerChar))
    const estimatedColumns = Math.max(1, this.guess.fields)
    const needed = estimatedRows * estimatedColumns * BYTES_PER_CELL + estimatedColumns * BYTES_PER_COLUMN
    const limit = options.memoryLimitBytes ?? memoryLimit()
    if (needed > limit) {
      throw new ImportError(
        `${fileName} is too big to import: it is ${formatBytes(bytes)}, about ${estimatedRows.toLocaleString('en-US')} rows × ${estimatedColumns.toLocaleString('en-US')} columns, which needs about ${formatBytes(needed)} of memory; the limit is ${describeLimit(limit, options.memoryLimitBytes !== undefined)}. Split the file or remove columns you do not need.`,
      )
    }
    return Math.min(estimatedRows * 1.05 + 64, limit / BYTES_PER_CELL / estimatedColumns)
  }

  /** The columns, named from the first row (header) or generated, sized from the detected field count. */
  private startColumns(first: string[]): ColumnBuilder[] {
    const { guess } = this
    const ncols = Math.max(first.length, guess.fields)
    checkColumnCount(ncols, this.file.fileName)
    const named = headerNames(guess.header ? first : [], ncols)
    this.names = named.names
    this.warnings.push(...named.warnings)
    if (guess.header && first.length < ncols) {
      this.warnings.push(
        `The header has ${first.length} names but most rows have ${ncols} fields; the extra columns were named ${this.names
          .slice(first.length)
          .map((n) => `"${n}"`)
          .join(', ')}.`,
      )
    }
    const created = this.names.map(() => new ColumnBuilder(this.capacity))
    this.builders = created
    return created
  }

  /** Parsed rows into the builders (blank lines skipped; short rows padded, long ones cut and noted). */
  private addRows(rows: string[][], upTo: number): void {
    const { rules, ragged, preview } = this
    for (let r = 0; r < upTo; r++) {
      const row = rows[r]
      const nf = row.length
      if (nf === 1 && row[0] === '') continue
      let cols = this.builders
      if (cols === null) {
        if (this.hintRowPending) {
          this.hintRowPending = false
          continue
        }
        cols = this.startColumns(row)
        if (this.guess.header) continue
      }
      const rowNumber = ++this.dataRows
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

  /** A chunk with quotes through papaparse's RFC 4180 parser; returns the characters consumed. */
  private parseQuoted(more: boolean): number {
    const result = this.parser.parse(this.text, more)
    let stopAt = result.data.length
    const unclosed = result.errors.find((e) => e.code === 'MissingQuotes')
    if (unclosed) stopAt = Math.min(stopAt, unclosed.row ?? stopAt)
    const malformed = result.errors.filter(
      (e) => e.code === 'InvalidQuotes' && e.row !== undefined && e.row < stopAt,
    )
    if (malformed.length > 0 && this.malformedQuotes === 0) {
      this.firstMalformed = this.dataRowAt(result.data, malformed[0].row ?? 0)
    }
    this.malformedQuotes += malformed.length
    this.addRows(result.data, stopAt)
    if (unclosed) {
      const where = this.builders === null ? 'the header row' : `data row ${this.dataRows + 1}`
      const row = result.data[stopAt] ?? []
      throw new ImportError(
        `${this.file.fileName} has a quoted field that is never closed: it starts in ${where} (${describeRow(row)}) and runs to the end of the file. Add the missing closing quote (") or remove the stray one.`,
      )
    }
    return result.meta.cursor
  }

  /**
   * The 1-based data row that parsed row `at` of `rows` (not yet added) will be: blank rows, a `sep=` line and the header
   * are not data rows, so the number does not depend on where a chunk starts (0 for the header itself).
   */
  private dataRowAt(rows: string[][], at: number): number {
    const ahead = this.builders === null
    let notData = (ahead && this.hintRowPending ? 1 : 0) + (ahead && this.guess.header ? 1 : 0)
    let row = this.dataRows
    for (let r = 0; r <= at; r++) {
      if (rows[r].length === 1 && rows[r][0] === '') continue
      if (notData > 0) notData--
      else row++
    }
    return row
  }

  /** A quote-free chunk (the common case) read without making a string per cell. */
  private scanPlain(cols: ColumnBuilder[], more: boolean): number {
    const { rules, ragged, preview } = this
    this.scanTarget ??= { builders: cols, rules, ragged, preview, previewRows: PREVIEW_ROWS, rows: 0 }
    this.scanTarget.rows = this.dataRows
    const consumed = scanQuoteFree(this.text, this.guess.delimiter, this.newline, more, this.scanTarget)
    this.dataRows = this.scanTarget.rows
    return consumed
  }

  private cancelled(): void {
    if (this.file.options.isCancelled?.())
      throw new CancelledError(`Import of ${this.file.fileName} cancelled.`)
  }

  private rowTooLong(): ImportError {
    return longRowError(this.text, this.file.fileName, this.builders === null, this.dataRows, this.maxRow)
  }

  /**
   * Streams the whole file again from the start (the head was only for detection) into the builders: a
   * UTF-8 file as bytes while its chunks hold no quote, the rest (and other encodings) as decoded text.
   */
  async scan(): Promise<void> {
    this.position = 0
    const scanAllowed = this.file.options.quoteFreeScan ?? true
    const rest = scanAllowed && this.encoding === 'utf-8' ? await this.scanBytes() : null
    if (rest === 'read') return
    await this.scanText(rest)
  }

  /**
   * The byte path: rows read straight from the file's UTF-8 bytes (no decoded chunk, no string per cell)
   * while the chunks are quote-free. Returns 'read' when the whole file was read, or the unread bytes from
   * the start of a row for the text path to go on from: a chunk with a quote, or a row over the length
   * limit (the text path, which counts characters, decides whether that is an error and says so).
   */
  private async scanBytes(): Promise<'read' | ByteTail> {
    const { bytes } = this.file
    let buffer = Buffer.allocUnsafe(this.chunkBytes * 2)
    let length = 0
    let pos = 0
    let lastProgress = performance.now()
    for (;;) {
      if (length + this.chunkBytes > buffer.length) {
        const grown = Buffer.allocUnsafe(length + this.chunkBytes * 2)
        buffer.copy(grown, 0, 0, length)
        buffer = grown
      }
      const start = this.position
      length += await this.read(buffer.subarray(length, length + this.chunkBytes))
      const done = this.position >= bytes
      // The byte-order mark is not part of the text (the decoder drops it too).
      if (start === 0 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) pos = 3
      const tail = { bytes: buffer.subarray(pos, length), done }
      if (length - pos > this.maxRow && this.byteRowEnd(buffer, pos, length) - pos > this.maxRow) return tail
      if (this.builders === null) {
        const after = this.headerRowsFromBytes(buffer, pos, length, done)
        if (after < 0) return tail
        pos = after
      }
      const quote = buffer.indexOf(QUOTE, pos)
      if (quote >= 0 && quote < length) return { bytes: buffer.subarray(pos, length), done }
      if (this.builders !== null) pos = this.scanPlainBytes(this.builders, buffer, pos, length, !done)
      if (done) return 'read'
      if (length - pos > this.maxRow) this.checkCarry(buffer.subarray(pos, length))
      this.cancelled()
      lastProgress = this.reportProgress(lastProgress)
      buffer.copyWithin(0, pos, length)
      length -= pos
      pos = 0
    }
  }

  /** Where the first row of quote-free bytes ends (Infinity: no line break yet), for the length limit. */
  private byteRowEnd(buffer: Buffer, pos: number, length: number): number {
    const quote = buffer.indexOf(QUOTE, pos)
    if (quote >= 0 && quote < length) return Infinity // quoted rows: the text path finds the end
    const end = rowEndIn(buffer, pos, length, this.newline)
    return end < 0 ? Infinity : end
  }

  /**
   * Rows from bytes until one gives the header: a row of empty quoted fields (`""`) is skipped like a
   * blank line, and the next one is the header, in this chunk or the next. Returns as `headerFromBytes`.
   */
  private headerRowsFromBytes(buffer: Buffer, pos: number, length: number, done: boolean): number {
    for (;;) {
      const after = this.headerFromBytes(buffer, pos, length, done)
      if (after < 0 || this.builders !== null || after === pos || after >= length) return after
      pos = after
    }
  }

  /**
   * The header (or first data) row from bytes: blank lines skipped, the row split at the delimiter, or
   * parsed by papaparse when it holds a quote. Returns where the next row starts, `pos` while the row is
   * not complete yet, or -1 when it is a quoted field over several lines (the text path reads it).
   */
  private headerFromBytes(buffer: Buffer, pos: number, length: number, done: boolean): number {
    const step = this.newline.length
    let end = rowEndIn(buffer, pos, length, this.newline)
    while (end === pos) {
      pos += step
      end = rowEndIn(buffer, pos, length, this.newline)
    }
    if (end < 0) {
      if (!done) return pos
      end = length
    }
    const quote = buffer.indexOf(QUOTE, pos)
    if (quote < 0 || quote >= end) {
      if (end > pos) this.addRows([buffer.toString('utf8', pos, end).split(this.guess.delimiter)], 1)
      return Math.min(end + step, length)
    }
    const next = Math.min(end + step, length)
    const more = end < length
    this.text = buffer.toString('utf8', pos, next)
    // A quote open at the line break leaves the row unread (papaparse waits for more): the text path reads it.
    const whole = this.parseQuoted(more) === this.text.length
    this.text = ''
    return whole || !more ? next : -1
  }

  /** Quote-free bytes into the builders (see scanQuoteFreeBytes); returns the index after the last row. */
  private scanPlainBytes(cols: ColumnBuilder[], buffer: Buffer, from: number, to: number, more: boolean) {
    const { rules, ragged, preview } = this
    this.scanTarget ??= { builders: cols, rules, ragged, preview, previewRows: PREVIEW_ROWS, rows: 0 }
    this.scanTarget.rows = this.dataRows
    const delimiter = this.guess.delimiter.charCodeAt(0)
    const consumed = scanQuoteFreeBytes(buffer, from, to, delimiter, this.newline, more, this.scanTarget)
    this.dataRows = this.scanTarget.rows
    return consumed
  }

  /** A carried-over partial row of bytes: over the limit in characters is the text path's error. */
  private checkCarry(carry: Uint8Array): void {
    const text = createChunkDecoder(this.encoding, false).decode(carry, false)
    if (text.length > this.maxRow) {
      this.text = text
      throw this.rowTooLong()
    }
  }

  private reportProgress(last: number): number {
    const { onProgress } = this.file.options
    const now = performance.now()
    if (!onProgress || now - last < PROGRESS_MS) return last
    onProgress(progress(this.position, this.file.bytes, this.dataRows))
    return now
  }

  /** The text path from the start, or from where the byte path stopped (`rest`). */
  private async scanText(rest: ByteTail | null): Promise<void> {
    const scanAllowed = this.file.options.quoteFreeScan ?? true
    const buffer = new Uint8Array(this.chunkBytes)
    // The byte path dropped the byte-order mark already; a U+FEFF later on is text.
    const decoder = createChunkDecoder(this.encoding, rest === null)
    let lastProgress = performance.now()
    let done = rest?.done ?? false
    if (rest) {
      this.text = decoder.decode(rest.bytes, done)
      this.checkLongRow()
    }
    for (;;) {
      const cols = this.builders
      const plain = cols !== null && scanAllowed && this.text.indexOf('"') < 0
      const consumed = plain ? this.scanPlain(cols, !done) : this.parseQuoted(!done)
      if (done) break
      this.text = this.text.slice(consumed)
      if (this.text.length > this.maxRow) throw this.rowTooLong()
      this.cancelled()
      lastProgress = this.reportProgress(lastProgress)
      const n = await this.read(buffer)
      done = this.position >= this.file.bytes
      this.text += decoder.decode(buffer.subarray(0, n), done)
      this.checkLongRow()
    }
  }

  /** The carried-over row is shorter than the limit, so a row over it must end in this chunk. */
  private checkLongRow(): void {
    if (
      this.text.length > this.maxRow &&
      firstRowEnd(this.text, this.guess.delimiter, this.newline) > this.maxRow
    ) {
      throw this.rowTooLong()
    }
  }

  /** Types every column and gathers the warnings into the Dataset. */
  finish(started: number): Dataset {
    const { bytes, fileName, path } = this.file
    const { builders, names, warnings, guess, detected, dataRows } = this
    if (builders === null) throw new ImportError(`${fileName} has no rows: it contains only blank lines.`)
    if (dataRows === 0) {
      throw new ImportError(
        `${fileName} has a header row (${names.map((n) => `"${n}"`).join(', ')}) but no data rows below it.`,
      )
    }
    this.cancelled()
    const columns = builders.map((b, i) => {
      const built = b.finish(i, names[i])
      warnings.push(...built.warnings)
      return { info: built.info, values: built.values, categories: built.categories }
    })
    const raggedNote = this.ragged.warning(names.length)
    if (raggedNote) warnings.push(raggedNote)
    if (this.malformedQuotes > 0) {
      warnings.push(
        `${this.malformedQuotes.toLocaleString('en-US')} quoted field(s) have text after the closing quote (first in data row ${this.firstMalformed}); they were read as written.`,
      )
    }
    this.file.options.onProgress?.(progress(bytes, bytes, dataRows))
    const resolved: DatasetInfo['settings'] = {
      delimiter: guess.delimiter,
      decimal: guess.decimal,
      header: guess.header,
      encoding: this.encoding,
      missingTokens: this.missingTokens,
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
          encoding: this.detectedEncoding,
          lineEnding: detected.lineEnding,
        },
        columns: columns.map((c) => c.info),
        preview: this.preview,
        warnings,
        seconds: (performance.now() - started) / 1000,
      },
      columns,
    }
  }
}
