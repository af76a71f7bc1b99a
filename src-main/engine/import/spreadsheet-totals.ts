import { CELL_TEXT, cellRef, type SheetRow } from './spreadsheet-cells'

/**
 * Totals rows: a row under the data whose numbers summarise the column above (`=SUM(B2:B1001)`) is not an
 * observation. Spreadsheet programs store the formula with its result, so the readers hand over the
 * formula text and this file decides.
 */

/** Functions that summarise a range (any letter case, with or without Excel's `_xlfn.` prefix). */
const AGGREGATE_CALL =
  /^\s*=?\s*(?:_xlfn\.)?(?:SUM|SUMSQ|SUBTOTAL|AGGREGATE|PRODUCT|AVERAGEA?|COUNT(?:A|BLANK)?|MINA?|MAXA?|MEDIAN|MODE(?:\.SNGL)?|GEOMEAN|HARMEAN|STDEV(?:\.[SP]|A|P|PA)?|VAR(?:\.[SP]|A|P|PA)?)\s*\(/i

/**
 * The whole formula: an aggregate call (its name captured) whose last argument is one range, after optional
 * whole-number arguments (SUBTOTAL's and AGGREGATE's function codes; `,` or ODS' `;` between them).
 */
const AGGREGATE_OF_RANGE =
  /^\s*=?\s*(?:_xlfn\.)?([A-Z.]+)\s*\(\s*(?:\d+\s*[,;]\s*)*(\$?[A-Z]{1,3}\$?\d+):(\$?[A-Z]{1,3}\$?\d+)\s*\)\s*$/i

/** True when `formula` calls an aggregate function first (a cheap test before reading its range). */
export function callsAggregate(formula: string): boolean {
  return AGGREGATE_CALL.test(formula)
}

/** An aggregate formula over a range of its own column: the function and the range's first and last rows. */
export interface ColumnAggregate {
  col: number
  fn: string
  r0: number
  r1: number
}

/** The aggregate of one range of column `col` that `formula` is, or null. */
function ownAggregate(formula: string, col: number): ColumnAggregate | null {
  if (!AGGREGATE_CALL.test(formula)) return null
  const m = AGGREGATE_OF_RANGE.exec(formula)
  if (!m) return null
  const [r0, c0] = cellRef(m[2])
  const [r1, c1] = cellRef(m[3])
  if (c0 !== col || c1 !== col || r0 <= 0 || r0 > r1) return null
  return { col, fn: m[1].toUpperCase(), r0, r1 }
}

/** Where the data above a row stand: the first row of their block (after the header or the last totals) and the last. */
export interface DataAbove {
  first: number
  last: number
}

/**
 * True when `formula`, in column `col` of row `row`, aggregates its own column over the whole block of data
 * above: from the block's first row (or above it) down to its last (blank rows allowed between), not past
 * the row. A range starting inside the data (`=SUM(B3:B4)`, a moving sum) is data.
 */
export function aggregatesAbove(formula: string, col: number, row: number, above: DataAbove): boolean {
  const a = ownAggregate(formula, col)
  return a !== null && a.r0 <= above.first && a.r1 < row && a.r1 >= above.last
}

/** The row's aggregates of their own column (what the next row may repeat, filled down); [] without formulas. */
export function columnAggregates(r: SheetRow): ColumnAggregate[] {
  const out: ColumnAggregate[] = []
  for (let k = 0; k < r.formulaCols.length; k++) {
    const a = ownAggregate(r.formulas[k], r.formulaCols[k])
    if (a) out.push(a)
  }
  return out
}

/**
 * True when row `row` repeats an aggregate of row `prevRow` filled down: the same function in the same
 * column, the range's end moved by the rows between and its start fixed (`=SUM(B$2:B4)`, running totals) or
 * moved too (`=SUM(B3:B4)`). A column of such formulas is data, its last row included, though that one
 * reads as a total of the rows above it.
 */
export function fillsDown(
  aggregates: readonly ColumnAggregate[],
  row: number,
  prev: readonly ColumnAggregate[],
  prevRow: number,
): boolean {
  const shift = row - prevRow
  return aggregates.some((a) =>
    prev.some(
      (p) =>
        p.col === a.col && p.fn === a.fn && a.r1 - p.r1 === shift && (a.r0 === p.r0 || a.r0 - p.r0 === shift),
    ),
  )
}

/**
 * How row `r` may hold totals, for the note (`=SUM(B2:B1001)`, or the Excel table it closes), or null when
 * it is data. A totals row is an Excel table's totals row, or a row with at least one aggregate formula of
 * its column over the block above (`aggregatesAbove`) in which every cell that is not text is such a
 * formula: a label ("Total") may stand beside them, a plain number or a per-row formula (`=B2*2`) makes
 * the row data. The table (`SheetTable`) still waits for the next row, which may show it filled down.
 */
export function totalsOf(r: SheetRow, above: DataAbove): string | null {
  const n = r.formulaCols.length
  if (r.tableTotals !== '') {
    const k = r.formulas.findIndex((f) => f !== '')
    return `the totals row of table "${r.tableTotals}"${k >= 0 ? `, =${r.formulas[k]}` : ''}`
  }
  // Every row goes through here: the common one, without formulas, returns before anything is allocated.
  if (n === 0) return null
  let first = -1
  for (let k = 0; k < n; k++) {
    if (aggregatesAbove(r.formulas[k], r.formulaCols[k], r.row, above)) {
      first = k
      break
    }
  }
  if (first < 0) return null
  let k = 0
  for (let i = 0; i < r.size; i++) {
    if (r.kinds[i] === CELL_TEXT) continue
    const col = r.cols[i]
    while (k < n && r.formulaCols[k] < col) k++
    if (k === n || r.formulaCols[k] !== col) return null
    if (!aggregatesAbove(r.formulas[k], col, r.row, above)) return null
  }
  return `=${r.formulas[first]}`
}

/** The note for the `count` totals rows left out; `first` holds [row, how] of the first few, in sheet order. */
export function totalsNote(count: number, first: readonly [number, string][]): string[] {
  if (count === 0) return []
  if (count === 1) return [`Row ${first[0][0]} holds totals (${first[0][1]}) and was left out.`]
  const shown = first.map(([row, how]) => `row ${row} (${how})`).join(', ')
  return [
    `${count.toLocaleString('en-US')} rows hold totals and were left out: ${shown}${count > first.length ? ` and ${(count - first.length).toLocaleString('en-US')} more` : ''}.`,
  ]
}
