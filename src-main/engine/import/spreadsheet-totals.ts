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
 * The whole formula: an aggregate call whose last argument is one range, after optional whole-number
 * arguments (SUBTOTAL's and AGGREGATE's function codes; `,` or ODS' `;` between them).
 */
const AGGREGATE_OF_RANGE =
  /^\s*=?\s*(?:_xlfn\.)?[A-Z.]+\s*\(\s*(?:\d+\s*[,;]\s*)*(\$?[A-Z]{1,3}\$?\d+):(\$?[A-Z]{1,3}\$?\d+)\s*\)\s*$/i

/** True when `formula` calls an aggregate function first (a cheap test before reading its range). */
export function callsAggregate(formula: string): boolean {
  return AGGREGATE_CALL.test(formula)
}

/**
 * True when `formula`, in column `col` of row `row`, aggregates a range of its own column that ends above
 * the row and at or below `lastDataRow` (the data directly above, blank rows allowed between).
 */
export function aggregatesAbove(formula: string, col: number, row: number, lastDataRow: number): boolean {
  if (!AGGREGATE_CALL.test(formula)) return false
  const m = AGGREGATE_OF_RANGE.exec(formula)
  if (!m) return false
  const [r0, c0] = cellRef(m[1])
  const [r1, c1] = cellRef(m[2])
  return c0 === col && c1 === col && r0 > 0 && r0 <= r1 && r1 < row && r1 >= lastDataRow
}

/**
 * How row `r` holds totals, for the note (`=SUM(B2:B1001)`, or the Excel table it closes), or null when it
 * is data. A totals row is an Excel table's totals row, or a row with at least one aggregate formula of its
 * column above (`aggregatesAbove`) in which every cell that is not text is such a formula: a label
 * ("Total") may stand beside them, a plain number or a per-row formula (`=B2*2`) makes the row data.
 */
export function totalsOf(r: SheetRow, lastDataRow: number): string | null {
  const n = r.formulaCols.length
  if (r.tableTotals !== '') {
    const k = r.formulas.findIndex((f) => f !== '')
    return `the totals row of table "${r.tableTotals}"${k >= 0 ? `, =${r.formulas[k]}` : ''}`
  }
  // Every row goes through here: the common one, without formulas, returns before anything is allocated.
  if (n === 0) return null
  let first = -1
  for (let k = 0; k < n; k++) {
    if (aggregatesAbove(r.formulas[k], r.formulaCols[k], r.row, lastDataRow)) {
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
    if (!aggregatesAbove(r.formulas[k], col, r.row, lastDataRow)) return null
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
