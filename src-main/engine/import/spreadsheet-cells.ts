/**
 * What every workbook reader (xlsx, ods, xls) hands the sheet table: rows of typed cells in sheet order,
 * plus the shapes and helpers they share (cell references, date serials, number formats).
 */

/** How the workbook stored a cell (before column typing). */
export const CELL_NUMBER = 0
export const CELL_TEXT = 1
export const CELL_BOOLEAN = 2
export const CELL_DATE = 3
export const CELL_ERROR = 4

/** Excel's largest sheet: 16,384 columns (XFD), 1,048,576 rows. Wider sheets are refused. */
export const MAX_SHEET_COLUMNS = 16_384

/**
 * One row with at least one cell, reused by the readers for every row (copy what you keep): parallel
 * arrays of 1-based column numbers (ascending), cell kinds and the cell's text (numbers as written in the
 * file, dates as ISO text, booleans TRUE/FALSE, errors such as #DIV/0!).
 */
export class SheetRow {
  /** 1-based row number as the spreadsheet shows it. */
  row = 0
  cols: number[] = []
  kinds: number[] = []
  texts: string[] = []
  /**
   * The row's formula cells, with or without a stored result (parallel arrays, columns ascending): the
   * formula in Excel's A1 syntax without its `=` (`SUM(B2:B1001)`; ODS references are rewritten to it).
   * '' when a reader did not keep the text (an xlsx shared formula that calls no aggregate function).
   * Only filled while the rows are read, to recognise totals rows.
   */
  formulaCols: number[] = []
  formulas: string[] = []
  /** The Excel table whose totals row this is (`totalsRowCount` in its table part), else ''. */
  tableTotals = ''

  reset(row: number): void {
    this.row = row
    this.cols.length = 0
    this.kinds.length = 0
    this.texts.length = 0
    // Most rows have no formula: setting an array's length is a runtime call even when it is 0 already.
    if (this.formulaCols.length > 0) {
      this.formulaCols.length = 0
      this.formulas.length = 0
    }
    this.tableTotals = ''
  }

  push(col: number, kind: number, text: string): void {
    this.cols.push(col)
    this.kinds.push(kind)
    this.texts.push(text)
  }

  pushFormula(col: number, formula: string): void {
    this.formulaCols.push(col)
    this.formulas.push(formula)
  }

  get size(): number {
    return this.cols.length
  }

  copy(): SheetRow {
    const c = new SheetRow()
    c.row = this.row
    c.cols = this.cols.slice()
    c.kinds = this.kinds.slice()
    c.texts = this.texts.slice()
    c.formulaCols = this.formulaCols.slice()
    c.formulas = this.formulas.slice()
    c.tableTotals = this.tableTotals
    return c
  }
}

/** A merged range, 1-based and inclusive. */
export interface MergedRange {
  r0: number
  c0: number
  r1: number
  c1: number
}

/** What reading a sheet found besides its rows. */
export interface SheetEnd {
  /** Last row and column holding a cell (0 when the sheet is empty). */
  rows: number
  columns: number
  merges: MergedRange[]
  /**
   * Formula cells with no stored result (a file written by a program that does not calculate, which
   * spreadsheet programs never write): how many, and the first one's reference ("D4").
   */
  uncalculated?: { cells: number; first: string }
}

/** A sheet as listed by the workbook; the size is null until read when the file does not record it. */
export interface SheetEntry {
  name: string
  hidden: boolean
  rows: number | null
  columns: number | null
}

/**
 * How a scan treats one sheet: `rows` streams its rows, `count` only measures it, `skip` leaves it unread
 * (its size stays what the workbook records).
 */
export type SheetMode = 'rows' | 'count' | 'skip'

/** The scan's callbacks, sheet by sheet in workbook order. */
export interface SheetScan {
  enter(index: number): SheetMode
  row(row: SheetRow): void
  leave(index: number, end: SheetEnd): void
  /** Checked between chunks; true aborts with a CancelledError. */
  isCancelled(): boolean
  /** Bytes of the workbook's (unzipped) parts gone through so far and in all. */
  onBytes(done: number, total: number): void
}

/** A workbook opened for reading: its sheets, and a scan that reads them in order. */
export interface WorkbookReader {
  readonly format: 'xlsx' | 'xls' | 'ods'
  readonly sheets: SheetEntry[]
  /** Notes about the workbook itself (macros not run, ...). */
  readonly notes: string[]
  scan(visitor: SheetScan): Promise<void>
  close(): Promise<void>
}

/** 1-based column number of letters `A`..`XFD` (any length); 0 when there are none. */
export function columnNumber(text: string, from = 0, to = text.length): number {
  let n = 0
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i) | 32
    if (c < 97 || c > 122) break
    n = n * 26 + (c - 96)
  }
  return n
}

/** Column letters of a 1-based column number (1 = A, 27 = AA). */
export function columnLetters(n: number): string {
  let s = ''
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s
  return s
}

/** Parses `B12` (or `$B$12`) into [row 12, column 2]; [0, 0] for text that is not a cell reference. */
export function cellRef(ref: string): [number, number] {
  const s = ref.indexOf('$') >= 0 ? ref.replace(/\$/g, '') : ref
  const col = columnNumber(s)
  let i = 0
  while (i < s.length && (s.charCodeAt(i) | 32) >= 97 && (s.charCodeAt(i) | 32) <= 122) i++
  let row = 0
  for (let j = i; j < s.length; j++) {
    const d = s.charCodeAt(j) - 48
    if (d < 0 || d > 9 || row > 1e8) return [0, 0]
    row = row * 10 + d
  }
  return col > 0 && row > 0 ? [row, col] : [0, 0]
}

/** Parses `A1:C20` (or a single cell) into a range; null when it is not one. */
export function rangeRef(ref: string): MergedRange | null {
  const [a, b = a] = ref.split(':')
  const [r0, c0] = cellRef(a)
  const [r1, c1] = cellRef(b)
  if (r0 === 0 || r1 === 0) return null
  return { r0: Math.min(r0, r1), c0: Math.min(c0, c1), r1: Math.max(r0, r1), c1: Math.max(c0, c1) }
}

/** Built-in Excel number formats that show dates or times (ECMA-376 18.8.30 and the East Asian ones). */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 30, 36, 45, 46, 47, 50, 57])

/** True when number format `id` (with custom `code`, if any) shows a date or time of day. */
export function isDateFormat(id: number, code: string | undefined): boolean {
  if (code === undefined) return BUILTIN_DATE_FORMATS.has(id)
  // Elapsed times ([h]:mm) are durations, not dates: keep them as numbers (days).
  if (/\[(h+|m+|s+)\]/i.test(code)) return false
  const bare = code
    .split(';')[0]
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/_.|\*./g, '')
  return /[dmyhs]/i.test(bare) && !/^general$/i.test(bare.trim())
}

const DAY_MS = 86_400_000
/** 1899-12-30: day 0 of Excel's 1900 system after its fictitious 29 February 1900. */
const EPOCH_1900 = Date.UTC(1899, 11, 30)
const EPOCH_1904 = Date.UTC(1904, 0, 1)

const two = (n: number) => (n < 10 ? `0${n}` : String(n))

/**
 * ISO text of an Excel date serial (days; the fraction is the time of day): `2024-01-31`,
 * `2024-01-31 08:15:00`, or `08:15:00` for a time of day alone (serial below 1). Serial 60 of the 1900
 * system is Excel's fictitious 29 February 1900 (read as 1 March). Null for serials outside 0..2958465
 * (9999-12-31).
 */
export function serialToIso(serial: number, date1904: boolean): string | null {
  if (!(serial >= 0 && serial < 2_958_466)) return null
  const ms = Math.round(serial * DAY_MS)
  const time = ms % DAY_MS
  const clock = `${two(Math.floor(time / 3_600_000))}:${two(Math.floor(time / 60_000) % 60)}:${two(Math.floor(time / 1000) % 60)}`
  if (ms < DAY_MS) return clock
  // Serials below 61 count from 1899-12-31 (Excel treats 1900 as a leap year).
  const base = date1904 ? EPOCH_1904 : serial < 61 ? EPOCH_1900 + DAY_MS : EPOCH_1900
  const d = new Date(base + ms - time)
  const date = `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}`
  return time === 0 ? date : `${date} ${clock}`
}

/** The text of an ISO date(-time) value as stored in ODS (`2024-01-31T08:15:00`): `2024-01-31 08:15:00`. */
export function isoDateText(value: string): string {
  const [date, time] = value.split('T')
  if (time === undefined || /^00:00:00(\.0+)?$/.test(time)) return date
  return `${date} ${time.replace(/(\.\d{1,3})\d*$/, '$1').replace(/[Zz]$/, '')}`
}

/** `PT08H15M30S` (ODS time values) as `08:15:30`; the input itself when it is not such a duration. */
export function isoDurationClock(value: string): string {
  const m = /^-?P(?:\d+D)?T(\d+)H(\d+)M(\d+(?:\.\d+)?)S$/.exec(value)
  if (!m) return value
  const seconds = Math.floor(Number(m[3]))
  return `${two(Number(m[1]))}:${two(Number(m[2]))}:${two(seconds)}`
}

/** Excel's error values by BIFF code (xls cells hold the code). */
export const ERROR_TEXTS: Record<number, string> = {
  0x00: '#NULL!',
  0x07: '#DIV/0!',
  0x0f: '#VALUE!',
  0x17: '#REF!',
  0x1d: '#NAME?',
  0x24: '#NUM!',
  0x2a: '#N/A',
  0x2b: '#GETTING_DATA',
}
