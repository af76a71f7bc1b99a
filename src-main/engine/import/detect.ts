import type { ImportSettings } from '../../../src-shared/contract'
import { ImportError } from '../errors'
import { COMMA, POINT, parseNumber } from './number-parse'
import { createChunkParser } from './papa-parser'

/** Text encodings the importer reads. */
export type Encoding = NonNullable<ImportSettings['encoding']>
/** Field delimiters the importer detects and accepts. */
export type Delimiter = NonNullable<ImportSettings['delimiter']>
/** Line endings as detected in the first part of the file. */
export type LineEnding = 'LF' | 'CRLF' | 'CR' | 'none'

/** Delimiters tried by detection, in order of preference when equally plausible. */
export const DELIMITERS: readonly Delimiter[] = [',', ';', '\t', '|']

/** Rows of the head sample used to detect delimiter, decimal separator and header. */
const SAMPLE_ROWS = 200

/** Encoding from a byte-order mark or from the bytes themselves; `bomBytes` to skip. */
export interface EncodingGuess {
  encoding: Encoding
  bomBytes: number
}

/** Everything detection found from the head of the file. */
export interface FormatGuess {
  delimiter: Delimiter
  decimal: 'point' | 'comma'
  header: boolean
  lineEnding: LineEnding
  /** Most common number of fields per row in the sample. */
  fields: number
  /** Average characters per row in the sample (for the memory estimate). */
  charsPerRow: number
}

/**
 * Reads the encoding from a BOM (UTF-8 EF BB BF, UTF-16 LE FF FE, BE FE FF); without one, NUL bytes at
 * every other position mean UTF-16, bytes that are not valid UTF-8 mean Windows-1252. Refuses binary
 * files (NUL bytes otherwise, or the signatures of PNG, PDF, ZIP/XLSX, GZIP, JPEG) with a message.
 */
export function sniffEncoding(head: Uint8Array, fileName: string): EncodingGuess {
  const b = head
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) {
    return { encoding: 'utf-8', bomBytes: 3 }
  }
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return { encoding: 'utf-16le', bomBytes: 2 }
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return { encoding: 'utf-16be', bomBytes: 2 }
  const kind = binaryKind(b)
  if (kind) {
    throw new ImportError(
      `${fileName} is not a text CSV file: it looks like ${kind}. Export the data as CSV (comma- or semicolon-separated text) and open that file.`,
    )
  }
  let evenNul = 0
  let oddNul = 0
  const n = Math.min(b.length, 4096)
  for (let i = 0; i < n; i++) {
    if (b[i] === 0) {
      if (i % 2 === 0) evenNul++
      else oddNul++
    }
  }
  if (evenNul + oddNul > 0) {
    const half = n / 2
    // ASCII text in UTF-16 has a NUL in (nearly) every second byte.
    if (oddNul > 0.3 * half && evenNul < 0.05 * half) return { encoding: 'utf-16le', bomBytes: 0 }
    if (evenNul > 0.3 * half && oddNul < 0.05 * half) return { encoding: 'utf-16be', bomBytes: 0 }
    throw new ImportError(
      `${fileName} is not a text CSV file: it contains binary data (NUL bytes, first at byte ${b.indexOf(0) + 1}). Export the data as CSV and open that file.`,
    )
  }
  try {
    // stream: true leaves a character cut at the end of the sample undecoded instead of failing.
    new TextDecoder('utf-8', { fatal: true }).decode(b, { stream: true })
    return { encoding: 'utf-8', bomBytes: 0 }
  } catch {
    return { encoding: 'windows-1252', bomBytes: 0 }
  }
}

function binaryKind(b: Uint8Array): string | null {
  const starts = (...sig: number[]) => sig.every((v, i) => b[i] === v)
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'a PNG image'
  if (starts(0xff, 0xd8, 0xff)) return 'a JPEG image'
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'a GIF image'
  if (starts(0x25, 0x50, 0x44, 0x46)) return 'a PDF document'
  if (starts(0x50, 0x4b, 0x03, 0x04)) return 'a ZIP archive or an Excel workbook (.xlsx)'
  if (starts(0xd0, 0xcf, 0x11, 0xe0)) return 'an old Excel workbook (.xls)'
  if (starts(0x1f, 0x8b)) return 'a gzip-compressed file'
  return null
}

/** Refuses decoded text with many control characters (binary data in a text encoding). */
export function checkText(text: string, fileName: string): void {
  const n = Math.min(text.length, 65536)
  let bad = 0
  let first = -1
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i)
    if (c < 32 && c !== 9 && c !== 10 && c !== 13) {
      if (first < 0) first = i
      bad++
    }
  }
  if (bad > 0.01 * n) {
    throw new ImportError(
      `${fileName} is not a text CSV file: ${bad} of its first ${n} characters are control characters (first at character ${first + 1}). Export the data as CSV and open that file.`,
    )
  }
}

/** LF, CRLF or CR, whichever is most frequent in `text` ("none" for a single line). */
export function detectLineEnding(text: string): LineEnding {
  let lf = 0
  let crlf = 0
  let cr = 0
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    if (i > 0 && text.charCodeAt(i - 1) === 13) crlf++
    else lf++
  }
  for (let i = text.indexOf('\r'); i >= 0; i = text.indexOf('\r', i + 1)) {
    if (text.charCodeAt(i + 1) !== 10) cr++
  }
  if (lf + crlf + cr === 0) return 'none'
  if (crlf >= lf && crlf >= cr) return 'CRLF'
  return lf >= cr ? 'LF' : 'CR'
}

/** The newline string papaparse needs for a detected line ending. */
export function newlineOf(ending: LineEnding): '\n' | '\r\n' | '\r' {
  return ending === 'CRLF' ? '\r\n' : ending === 'CR' ? '\r' : '\n'
}

function parseSample(
  text: string,
  delimiter: string,
  newline: '\n' | '\r\n' | '\r',
  complete: boolean,
): { rows: string[][]; consumed: number } {
  const result = createChunkParser(delimiter, newline, SAMPLE_ROWS).parse(text, !complete)
  const rows = result.data.filter((r) => !(r.length === 1 && r[0] === ''))
  return { rows, consumed: result.meta.cursor || text.length }
}

function modalCount(rows: string[][]): { fields: number; share: number } {
  const counts = new Map<number, number>()
  for (const r of rows) counts.set(r.length, (counts.get(r.length) ?? 0) + 1)
  let fields = 0
  let most = 0
  for (const [k, v] of counts) {
    if (v > most || (v === most && k > fields)) {
      fields = k
      most = v
    }
  }
  return { fields, share: rows.length ? most / rows.length : 0 }
}

/**
 * Excel's delimiter hint, a first line `sep=;` that Excel writes for some locales and honours when it
 * opens a CSV: the delimiter it names and the line's length with its line break, or null.
 */
export function separatorHint(text: string): { delimiter: Delimiter; length: number } | null {
  const hint = /^\ufeff?sep=(.)(?:\r\n|\n|\r)/i.exec(text)
  const delimiter = DELIMITERS.find((d) => d === hint?.[1])
  return hint && delimiter ? { delimiter, length: hint[0].length } : null
}

// Cells that read as a decimal-comma number (1,5 / 1.234,5 / 1 234,5) and as a decimal-point one.
const COMMA_DECIMAL = /^[+-]?\d{1,3}(?:[. \u00a0]\d{3})*,\d+$|^[+-]?\d+,\d+$/
const POINT_DECIMAL = /^[+-]?\d{1,3}(?:[, \u00a0]\d{3})*\.\d+$|^[+-]?\d+\.\d+$/

/**
 * Detects delimiter (the candidate giving the most consistent field count above one; `;` or tab win
 * ties when digits sit on both sides of a comma, as in `1,5;2,25`), decimal separator (comma when more
 * cells read as `1,5` than as `1.5`), and header (no cell of the first row is a number, and either the
 * second row has a number or the first row's names are distinct). Settings given by the user win.
 * `complete` says the text is the whole file (so its last row is complete).
 */
export function detectFormat(text: string, complete: boolean, settings: ImportSettings): FormatGuess {
  const lineEnding = detectLineEnding(text)
  const newline = newlineOf(lineEnding)
  let delimiter: Delimiter = settings.delimiter ?? ','
  let rows: string[][] = []
  let consumed = text.length
  let best = -1
  const digitComma = /\d,\d/.test(text)
  for (const d of settings.delimiter ? [settings.delimiter] : DELIMITERS) {
    const sample = parseSample(text, d, newline, complete)
    const candidate = sample.rows
    const { fields, share } = modalCount(candidate)
    let score = fields > 1 ? share * 1000 + Math.min(fields, 999) / 1000 : 0
    if (digitComma && (d === ';' || d === '\t') && fields > 1 && share > 0.9) score += 1000
    if (score > best) {
      best = score
      delimiter = d
      rows = candidate
      consumed = sample.consumed
    }
  }
  let commaCells = 0
  let pointCells = 0
  for (let r = 0; r < rows.length; r++) {
    for (const cell of rows[r]) {
      const t = cell.trim()
      if (COMMA_DECIMAL.test(t)) commaCells++
      if (POINT_DECIMAL.test(t)) pointCells++
    }
  }
  const decimal = settings.decimal ?? (commaCells > pointCells ? 'comma' : 'point')
  const code = decimal === 'comma' ? COMMA : POINT
  let header = settings.header
  if (header === undefined) {
    const first = rows[0] ?? []
    const isNumber = (cell: string) => parseNumber(cell, code) === parseNumber(cell, code)
    const firstHasNumber = first.some(isNumber)
    const secondHasNumber = (rows[1] ?? []).some(isNumber)
    const names = first.map((c) => c.trim()).filter((c) => c !== '')
    const distinct = new Set(names).size === names.length && names.length === first.length
    // A lone row of distinct names is a header (then the file has no data, which import reports).
    header = !firstHasNumber && (secondHasNumber || distinct || rows.length === 1)
  }
  return {
    delimiter,
    decimal,
    header,
    lineEnding,
    fields: modalCount(rows).fields,
    charsPerRow: consumed / Math.max(1, rows.length),
  }
}
