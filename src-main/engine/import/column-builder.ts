import type { ColumnInfo, ColumnType } from '../../../src-shared/contract'
import { CategoryCollector, type Categories } from './category-codes'
import { formattedNote, parseFormattedNumber } from './formatted-number'
import { IMPORT_ACTIONS } from './import-actions'
import { isDateText, parseBooleanWord, parseNumber, parseNumberIn, trimCell } from './number-parse'

/** What one cell held; kept per cell so the column type can be decided from the whole column. */
export const KIND_NUMBER = 0
export const KIND_MISSING = 1
export const KIND_BOOLEAN = 2
export const KIND_DATE = 3
export const KIND_TEXT = 4

/** How many offending cells a column reports by row and value. */
export const EXAMPLES_PER_COLUMN = 5

/** A numeric (or date) column tolerates up to this share of stray cells, which are reported and excluded. */
export const STRAY_SHARE = 0.2

/** How cells are read: decimal separator char code and the missing-value tokens. */
export interface CellRules {
  decimal: number
  missing: ReadonlySet<string>
  /** True when some missing token also reads as a number (e.g. -999): check tokens before parsing. */
  missingFirst: boolean
}

/** An offending cell: 1-based data row and the raw text. */
export interface CellExample {
  row: number
  value: string
}

/** The finished column: its info, values (NaN where missing or excluded) and warnings about it. */
export interface BuiltColumn {
  info: ColumnInfo
  values: Float64Array
  warnings: string[]
  /**
   * Text and date columns: the cells as categories (factors in a regression, By groups, exclusions by
   * category); null for other types or past MAX_LEVELS distinct values.
   */
  categories: Categories | null
}

/**
 * Accumulates one column while rows stream in: a growable Float64Array of values (numbers, booleans as
 * 0/1, NaN otherwise), counts per kind for typing from the whole column, and one kind code per cell once a
 * cell is neither a number nor missing (until then a cell's kind is its value: NaN is missing, anything
 * else a number, so an all-numeric column never holds the codes).
 */
export class ColumnBuilder {
  values: Float64Array
  kinds: Uint8Array | null = null
  length = 0
  numbers = 0
  nonInteger = 0
  notZeroOne = 0
  booleans = 0
  dates = 0
  texts = 0
  missing = 0
  readonly examples: CellExample[][] = [[], [], [], [], []]
  /** Numbers written with a percent sign, a currency sign or parentheses: count and first cell per format. */
  readonly formatted: { count: number; first: CellExample & { read: number } }[] = []
  private readonly categories = new CategoryCollector()

  constructor(capacity: number) {
    this.values = new Float64Array(Math.max(16, Math.ceil(capacity)))
  }

  /** Reads one raw cell of 1-based data row `row`. */
  add(raw: string, row: number, rules: CellRules): void {
    if (this.length === this.values.length) this.grow()
    const at = this.length++
    if (raw.length === 0 || (rules.missingFirst && rules.missing.has(trimCell(raw)))) {
      this.setMissing(at)
      return
    }
    const v = parseNumber(raw, rules.decimal)
    if (v === v) {
      this.setNumber(at, v, row, raw)
      return
    }
    const text = trimCell(raw)
    if (rules.missing.has(text)) {
      this.setMissing(at)
      return
    }
    const formatted = parseFormattedNumber(text, rules.decimal)
    if (formatted !== null) {
      this.setFormatted(at, formatted.value, formatted.format, row, raw)
      return
    }
    let kind = KIND_TEXT
    this.categories.note(at, text, this.values.length)
    const b = parseBooleanWord(text)
    if (b === b) {
      this.booleans++
      this.values[at] = b
      kind = KIND_BOOLEAN
    } else {
      this.values[at] = NaN
      if (isDateText(text)) {
        this.dates++
        kind = KIND_DATE
      } else this.texts++
    }
    this.kindCodes()[at] = kind
    if (this.examples[kind].length < EXAMPLES_PER_COLUMN) this.examples[kind].push({ row, value: raw })
  }

  /**
   * Reads the cell `text.slice(start, end)` of data row `row`, making the substring only when the cell
   * is not a plain number (the quote-free fast path).
   */
  addRange(text: string, start: number, end: number, row: number, rules: CellRules): void {
    if (start === end || rules.missingFirst) {
      this.add(text.slice(start, end), row, rules)
      return
    }
    const v = parseNumberIn(text, start, end, rules.decimal)
    if (v !== v) {
      this.add(text.slice(start, end), row, rules)
      return
    }
    this.addNumber(v, row, this.wantsNumberExample() ? text.slice(start, end) : null)
  }

  /** True while the column keeps the text of its numbers as examples (the first few): pass it then. */
  wantsNumberExample(): boolean {
    return this.examples[KIND_NUMBER].length < EXAMPLES_PER_COLUMN
  }

  /** Appends number `v` of data row `row` (the scanners' fast path; `raw`: its text, or null). */
  addNumber(v: number, row: number, raw: string | null): void {
    if (this.length === this.values.length) this.grow()
    this.setNumber(this.length++, v, row, raw)
  }

  private setMissing(at: number): void {
    this.missing++
    this.values[at] = NaN
    if (this.kinds !== null) this.kinds[at] = KIND_MISSING
  }

  /** Stores number `v` at `at` and counts its kind (`raw`, when given, may be kept as an example). */
  private setNumber(at: number, v: number, row: number, raw: string | null): void {
    this.numbers++
    // Not v !== Math.floor(v): an infinite value (1e999 on the general path) is not an integer either.
    if (!Number.isInteger(v)) this.nonInteger++
    if (v !== 0 && v !== 1) this.notZeroOne++
    this.values[at] = v
    if (this.kinds !== null) this.kinds[at] = KIND_NUMBER
    if (raw !== null && this.examples[KIND_NUMBER].length < EXAMPLES_PER_COLUMN) {
      this.examples[KIND_NUMBER].push({ row, value: raw })
    }
  }

  /** Stores a formatted number (`5%`, `$1,200`, `(3)`) and counts its format for the column's note. */
  private setFormatted(at: number, v: number, format: number, row: number, raw: string): void {
    this.setNumber(at, v, row, raw)
    const seen = this.formatted[format]
    if (seen) seen.count++
    else this.formatted[format] = { count: 1, first: { row, value: raw, read: v } }
  }

  /** The kind codes, made on the first cell that is neither a number nor missing. */
  private kindCodes(): Uint8Array {
    if (this.kinds !== null) return this.kinds
    const kinds = new Uint8Array(this.values.length)
    const v = this.values
    for (let i = 0; i < this.length; i++) kinds[i] = v[i] === v[i] ? KIND_NUMBER : KIND_MISSING
    this.kinds = kinds
    return kinds
  }

  private grow(): void {
    const n = Math.ceil(this.values.length * 1.5) + 16
    const values = new Float64Array(n)
    values.set(this.values)
    this.values = values
    if (this.kinds !== null) {
      const kinds = new Uint8Array(n)
      kinds.set(this.kinds)
      this.kinds = kinds
    }
  }

  /** The type decided from every cell of the column. */
  type(): ColumnType {
    const present = this.numbers + this.booleans + this.dates + this.texts
    if (present === 0) return 'empty'
    const least = (1 - STRAY_SHARE) * present
    if (this.notZeroOne === 0 && this.numbers + this.booleans >= least) return 'boolean'
    if (this.numbers > 0 && this.numbers >= least) return this.nonInteger === 0 ? 'integer' : 'real'
    if (this.dates > 0 && this.dates >= least) return 'date'
    return 'text'
  }

  /**
   * Decides the type and blanks out excluded cells. The values may be a view of a buffer with up to 1/8
   * spare capacity (no copy); `slice()` before posting them to another process.
   */
  finish(index: number, name: string): BuiltColumn {
    const type = this.type()
    const present = this.numbers + this.booleans + this.dates + this.texts
    const numeric = type === 'integer' || type === 'real' || type === 'boolean'
    const accepted = acceptedKinds(type)
    const count =
      type === 'boolean'
        ? this.numbers + this.booleans
        : numeric
          ? this.numbers
          : type === 'date'
            ? this.dates
            : present
    const offending = this.examples
      .filter((_, kind) => kind !== KIND_MISSING && !accepted.includes(kind))
      .flat()
      .sort((a, b) => a.row - b.row)
      .slice(0, EXAMPLES_PER_COLUMN)
    const n = this.length
    let values: Float64Array
    const codes = type === 'text' || type === 'date' ? this.kindCodes() : null
    const categories = codes && this.categories.finish(n, this.values, (i) => codes[i] === KIND_NUMBER)
    if (numeric) {
      const v = this.values
      // Only stray cells (and booleans outside boolean columns) need blanking; skip the pass otherwise.
      const clean =
        this.booleans + this.dates + this.texts === 0 || (type === 'boolean' && this.dates + this.texts === 0)
      if (!clean) {
        const k = this.kindCodes()
        for (let i = 0; i < n; i++) {
          const kind = k[i]
          if (kind !== KIND_NUMBER && !(kind === KIND_BOOLEAN && type === 'boolean')) v[i] = NaN
        }
      }
      // Copying 8 MB a column costs time and a second copy at the peak; keep the buffer when little of it
      // is spare (the capacity comes from a row estimate), copy when a lot is.
      values = v.length - n <= v.length / 8 ? v.subarray(0, n) : v.slice(0, n)
    } else {
      values = new Float64Array(n).fill(NaN)
    }
    // Drop the builder's buffers now so a million-row import does not hold two copies for long.
    this.values = new Float64Array(0)
    this.kinds = null

    const excluded = present - count
    return {
      info: {
        index,
        name,
        numeric,
        type,
        count,
        missing: this.missing,
        nonNumeric: numeric ? excluded : present,
        nonNumericExamples: type === 'text' || type === 'empty' ? [] : offending,
        ...(categories ? { levels: categories.levels } : {}),
      },
      values,
      warnings: this.notes(name, type, excluded, offending),
      categories,
    }
  }

  /** The column's warnings: stray cells left out, numbers read from formatted text, text that is nearly numeric. */
  private notes(name: string, type: ColumnType, excluded: number, offending: CellExample[]): string[] {
    const numeric = type === 'integer' || type === 'real' || type === 'boolean'
    const present = this.numbers + this.booleans + this.dates + this.texts
    const warnings: string[] = []
    const more = (shown: number) => (excluded > shown ? ', ...' : '')
    const list = (cells: CellExample[]) => cells.map((e) => `row ${e.row}: "${e.value}"`).join(', ')
    if (numeric && excluded > 0) {
      warnings.push(
        `Column "${name}" is ${type} but ${plural(excluded, 'cell is', 'cells are')} not; excluded as missing (${list(offending)}${more(offending.length)}).`,
      )
    } else if (type === 'date' && excluded > 0) {
      warnings.push(
        `Column "${name}" holds dates but ${plural(excluded, 'cell is', 'cells are')} not dates (${list(offending)}${more(offending.length)}).`,
      )
    }
    if (numeric) this.formatted.forEach((f, format) => f && warnings.push(formattedNote(name, format, f)))
    if (type === 'text' && this.numbers >= present / 2) {
      const other = this.examples[KIND_TEXT].concat(this.examples[KIND_DATE], this.examples[KIND_BOOLEAN])
        .sort((a, b) => a.row - b.row)
        .slice(0, EXAMPLES_PER_COLUMN)
      warnings.push(
        `Column "${name}" was read as text: ${this.numbers} of ${present} cells are numbers, but more than ${Math.round(STRAY_SHARE * 100)}% are not (${list(other)}). ${IMPORT_ACTIONS.missingTokens.app} to make it numeric.`,
      )
    }
    return warnings
  }
}

function acceptedKinds(type: ColumnType): number[] {
  switch (type) {
    case 'boolean':
      return [KIND_NUMBER, KIND_BOOLEAN]
    case 'integer':
    case 'real':
      return [KIND_NUMBER]
    case 'date':
      return [KIND_DATE]
    default:
      return [KIND_NUMBER, KIND_BOOLEAN, KIND_DATE, KIND_TEXT]
  }
}

function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`
}
