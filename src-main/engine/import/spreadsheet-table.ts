import { ImportError } from '../errors'
import { ColumnBuilder, type CellRules } from './column-builder'
import { IMPORT_ACTIONS } from './import-actions'
import type { EngineColumn } from './dataset'
import { headerNames } from './header-names'
import { describeLimit, formatBytes } from './limits'
import { MAX_SHEET_COLUMNS, SheetRow, columnLetters, type MergedRange } from './spreadsheet-cells'
import { detectHeader, type HeaderGuess } from './spreadsheet-header'
import { columnAggregates, fillsDown, totalsNote, totalsOf, type ColumnAggregate } from './spreadsheet-totals'

/** Non-empty rows looked at before deciding where the table starts. */
const HEAD_ROWS = 50
/** Data rows kept as text for the preview table (as for CSV). */
export const SHEET_PREVIEW_ROWS = 100
/** Engine memory per cell: the Float64 value and a one-byte kind code. */
const BYTES_PER_CELL = 9
/** How often (rows) the memory the columns take is checked. */
const MEMORY_CHECK_ROWS = 1 << 16
/** Totals rows named in the note (the rest are counted). */
const TOTALS_SHOWN = 3
const NO_AGGREGATES: ColumnAggregate[] = []

/** How the table is read: cell rules, the user's header choice and the memory limit. */
export interface SheetTableOptions {
  fileName: string
  sheet: string
  rules: CellRules
  /** The user's header row (0 = none); undefined: detected. */
  headerRow?: number
  /** The user's header yes/no (CSV's setting), used when headerRow is not given. */
  header?: boolean
  memoryLimit: number
  memoryLimitFromOption: boolean
  /** Expected rows (from the workbook's recorded size), to size the columns once. */
  capacity: number
}

/** The table of one sheet, read. */
export interface SheetTableResult {
  columns: EngineColumn[]
  preview: string[][]
  rows: number
  headerRow: number
  detectedHeaderRow: number
  warnings: string[]
  /** True when some column is numeric (the default sheet is the first such sheet). */
  numeric: boolean
}

/**
 * Builds a sheet's columns while its rows stream in: the first rows are held until the header is found
 * (title and blank rows above it skipped), then every data row goes cell by cell into the CSV importer's
 * ColumnBuilders, so types, missing tokens and stray-cell reports are the same as for CSV. Row numbers in
 * messages are the spreadsheet's own.
 */
export class SheetTable {
  private head: SheetRow[] = []
  private guess: HeaderGuess | null = null
  private headerRow = 0
  private firstDataRow = 1
  private readonly above: SheetRow[] = []
  private builders: ColumnBuilder[] = []
  private readonly preview: string[][] = []
  private dataRows = 0
  /** Row number of the last data row (or the header): a totals row sums the rows down to it. */
  private lastDataRow = 0
  private totalsCount = 0
  private readonly totalsShown: [number, string][] = []
  /** Rows that read as totals, held until the next row shows whether their column goes on filled down. */
  private held: { row: SheetRow; how: string }[] = []
  /** The own-column aggregates of the row just above (data or held), and its number. */
  private aboveAggregates = NO_AGGREGATES
  private aboveRow = 0
  /** First data row of the current block (after the header or the last totals rows); 0 until one. */
  private blockStart = 0
  /** First column number past Excel's width that a row used, or 0. */
  tooWide = 0

  constructor(private readonly options: SheetTableOptions) {}

  row(r: SheetRow): void {
    if (this.guess === null) {
      this.head.push(r.copy())
      if (this.head.length >= HEAD_ROWS) this.decide()
      return
    }
    this.add(r)
  }

  private decide(): void {
    const { headerRow, header, rules } = this.options
    const guess = detectHeader(this.head, rules.missing)
    this.guess = guess
    if (headerRow !== undefined) {
      this.headerRow = headerRow
      this.firstDataRow = headerRow + 1
    } else if (header === false) {
      this.headerRow = 0
      this.firstDataRow = guess.headerRow || guess.firstDataRow
    } else if (header === true && guess.headerRow === 0) {
      this.headerRow = guess.firstDataRow
      this.firstDataRow = guess.firstDataRow + 1
    } else {
      this.headerRow = guess.headerRow
      this.firstDataRow = guess.firstDataRow
    }
    const head = this.head
    this.head = []
    for (const r of head) this.add(r)
  }

  private add(r: SheetRow): void {
    const n = r.size
    const last = n > 0 ? r.cols[n - 1] : 0
    if (this.tooWide > 0) return
    if (last > MAX_SHEET_COLUMNS) {
      this.tooWide = last
      return
    }
    if (r.row < this.firstDataRow) {
      // Title rows and the header: kept (they are few) to name the columns at the end.
      if (r.row <= this.headerRow) this.above.push(r.copy())
      return
    }
    if (this.heldAsTotals(r)) return
    this.addData(r)
  }

  private addData(r: SheetRow): void {
    const n = r.size
    const last = n > 0 ? r.cols[n - 1] : 0
    const rowNumber = r.row
    if (this.blockStart === 0) this.blockStart = rowNumber
    this.lastDataRow = rowNumber
    const rules = this.options.rules
    this.ensureColumns(last)
    const cols = this.builders
    let k = 0
    for (let c = 0; c < cols.length; c++) {
      if (k < n && r.cols[k] === c + 1) cols[c].add(r.texts[k++], rowNumber, rules)
      else cols[c].add('', rowNumber, rules)
    }
    this.dataRows++
    if (this.preview.length < SHEET_PREVIEW_ROWS) {
      const line = new Array<string>(cols.length).fill('')
      for (let i = 0; i < n; i++) line[r.cols[i] - 1] = r.texts[i]
      this.preview.push(line)
    }
    if (this.dataRows % MEMORY_CHECK_ROWS === 0) this.checkMemory()
  }

  /**
   * True when `r` is held as a totals row of the block above. What follows decides the rows held: a row
   * repeating their aggregates filled down (running totals, `=SUM(B$2:B5)` under `=SUM(B$2:B4)`) makes
   * them data; anything else, or the end of the sheet, makes them totals.
   */
  private heldAsTotals(r: SheetRow): boolean {
    const aggregates = r.formulaCols.length > 0 ? columnAggregates(r) : NO_AGGREGATES
    const filled =
      aggregates.length > 0 &&
      this.aboveAggregates.length > 0 &&
      fillsDown(aggregates, r.row, this.aboveAggregates, this.aboveRow)
    this.aboveAggregates = aggregates
    this.aboveRow = r.row
    const how = filled
      ? null
      : totalsOf(r, { first: this.blockStart, last: Math.max(this.lastDataRow, this.headerRow) })
    if (how !== null) {
      this.held.push({ row: r.copy(), how })
      return true
    }
    const held = this.held
    this.held = []
    if (filled) for (const h of held) this.addData(h.row)
    else this.leaveOut(held)
    return false
  }

  /** Totals rows confirmed: counted for the note; the next data row starts a new block (subtotals). */
  private leaveOut(rows: { row: SheetRow; how: string }[]): void {
    if (rows.length === 0) return
    for (const { row, how } of rows) {
      if (this.totalsCount++ < TOTALS_SHOWN) this.totalsShown.push([row.row, how])
    }
    this.blockStart = 0
  }

  /** Adds columns up to `count`, each padded with missing cells for the rows read so far. */
  private ensureColumns(count: number): void {
    const rules = this.options.rules
    while (this.builders.length < count) {
      const b = new ColumnBuilder(Math.max(this.options.capacity, this.dataRows + 16))
      for (let i = 0; i < this.dataRows; i++) b.add('', 0, rules)
      this.builders.push(b)
    }
  }

  private checkMemory(): void {
    const { memoryLimit, memoryLimitFromOption, fileName, sheet } = this.options
    const needed = this.dataRows * this.builders.length * BYTES_PER_CELL
    if (needed > memoryLimit) {
      throw new ImportError(
        `Sheet "${sheet}" of ${fileName} is too big to import: ${this.dataRows.toLocaleString('en-US')} rows × ${this.builders.length.toLocaleString('en-US')} columns so far need ${formatBytes(needed)} of memory; the limit is ${describeLimit(memoryLimit, memoryLimitFromOption)}. Delete columns you do not need or split the sheet.`,
      )
    }
  }

  /** Rows read so far (for progress). */
  get rows(): number {
    return this.dataRows
  }

  /** Names the columns (header cells, merged header cells spread over their columns) and types them. */
  finish(merges: readonly MergedRange[]): SheetTableResult {
    if (this.guess === null) this.decide()
    this.leaveOut(this.held)
    this.held = []
    const warnings: string[] = []
    const raw = this.headerNamesRaw(merges)
    this.ensureColumns(raw.length)
    const keep: number[] = []
    this.builders.forEach((b, c) => {
      if (b.type() !== 'empty' || (raw[c] ?? '') !== '') keep.push(c)
    })
    const unnamed = this.headerRow > 0 ? keep.filter((c) => (raw[c] ?? '') === '') : []
    const named = headerNames(
      keep.map((c) => (raw[c] ?? '') || `column ${columnLetters(c + 1)}`),
      keep.length,
    )
    warnings.push(...named.warnings)
    if (unnamed.length > 0) {
      const list = unnamed.slice(0, 10).map((c) => columnLetters(c + 1))
      warnings.push(
        `The header (row ${this.headerRow}) has no name for column${unnamed.length === 1 ? '' : 's'} ${list.join(', ')}${unnamed.length > 10 ? ', ...' : ''}; named "column ${list[0]}"${unnamed.length > 1 ? ' and so on' : ''}.`,
      )
    }
    const columns: EngineColumn[] = keep.map((c, i) => {
      const built = this.builders[c].finish(i, named.names[i])
      warnings.push(...built.warnings)
      return { info: built.info, values: built.values, categories: built.categories }
    })
    warnings.push(...this.titleNote(), ...totalsNote(this.totalsCount, this.totalsShown))
    return {
      columns,
      preview: this.preview.map((line) => keep.map((c) => line[c] ?? '')),
      rows: this.dataRows,
      headerRow: this.headerRow,
      detectedHeaderRow: this.guess?.headerRow ?? 0,
      warnings,
      numeric: columns.some((c) => c.info.numeric),
    }
  }

  /** Header text per column (index = column - 1); a merged header cell names every column it spans. */
  private headerNamesRaw(merges: readonly MergedRange[]): string[] {
    const h = this.headerRow
    const names: string[] = []
    const header = this.above.find((r) => r.row === h)
    if (header) for (let i = 0; i < header.size; i++) names[header.cols[i] - 1] = header.texts[i].trim()
    for (const m of merges) {
      if (h === 0 || m.r0 > h || m.r1 < h || m.c1 > MAX_SHEET_COLUMNS) continue
      const top = this.above.find((r) => r.row === m.r0)
      const at = top ? top.cols.indexOf(m.c0) : -1
      const text = at >= 0 ? top!.texts[at].trim() : ''
      for (let c = m.c0; c <= m.c1; c++) names[c - 1] = text
    }
    return Array.from({ length: names.length }, (_, i) => names[i] ?? '')
  }

  private titleNote(): string[] {
    const rows =
      this.headerRow > 0
        ? this.above.filter((r) => r.row < this.headerRow)
        : (this.guess?.titleRows ?? []).filter((r) => r.row < this.firstDataRow)
    if (rows.length === 0) return []
    const shown = rows
      .slice(0, 3)
      .map((r) => {
        const text = r.texts.join(' ')
        return `row ${r.row}: "${text.length > 40 ? `${text.slice(0, 40)}...` : text}"`
      })
      .join(', ')
    return [
      `${rows.length === 1 ? 'One row' : `${rows.length} rows`} above the ${this.headerRow > 0 ? `header (row ${this.headerRow})` : 'data'} ${rows.length === 1 ? 'was' : 'were'} skipped as title${rows.length === 1 ? '' : 's'} (${shown}${rows.length > 3 ? ', ...' : ''}); ${IMPORT_ACTIONS.headerRow.app} if that is wrong.`,
    ]
  }
}
