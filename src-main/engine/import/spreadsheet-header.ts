import { isDateText, parseNumber, trimCell } from './number-parse'
import { CELL_ERROR, CELL_TEXT, type SheetRow } from './spreadsheet-cells'

/** Where a sheet's table starts: the header row (0 = none), the first data row and the title rows above. */
export interface HeaderGuess {
  /** Row number of the header as the spreadsheet shows it; 0 when the table has none. */
  headerRow: number
  /** Row number of the first data row (rows above it and the header are skipped). */
  firstDataRow: number
  /** Non-empty rows above the table that were skipped (titles, notes). */
  titleRows: SheetRow[]
}

interface RowShape {
  /** Non-empty cells. */
  width: number
  /** Numbers, dates and booleans (also text that reads as one). */
  values: number
  /** Missing tokens and error cells: data, not names. */
  missing: number
}

function shapeOf(row: SheetRow, missing: ReadonlySet<string>): RowShape {
  let values = 0
  let absent = 0
  for (let i = 0; i < row.size; i++) {
    const kind = row.kinds[i]
    const text = trimCell(row.texts[i])
    if (kind === CELL_ERROR || missing.has(text)) absent++
    else if (kind !== CELL_TEXT || parseNumber(text) === parseNumber(text) || isDateText(text)) values++
  }
  return { width: row.size, values, missing: absent }
}

/** Most common width of the rows holding values (ties: the wider), else the widest row. */
function tableWidth(shapes: RowShape[]): number {
  const counts = new Map<number, number>()
  for (const s of shapes) if (s.values > 0) counts.set(s.width, (counts.get(s.width) ?? 0) + 1)
  let best = 0
  let bestCount = 0
  for (const [w, n] of counts) {
    if (n > bestCount || (n === bestCount && w > best)) [best, bestCount] = [w, n]
  }
  return best > 0 ? best : Math.max(0, ...shapes.map((s) => s.width))
}

/**
 * Finds the table in the first rows of a sheet (non-empty rows only, in order). The first data row is the
 * first row with a number, date or boolean that spans more than half the table's width (titles such as
 * "Report of 3 May" span less). The header is the widest row above it with only text (no values, no
 * missing tokens; ties: the nearest); rows above the header are titles. Without such a row the table has no
 * header and leading narrow text rows are titles. A sheet of text alone takes its first wide row as header.
 */
export function detectHeader(head: readonly SheetRow[], missing: ReadonlySet<string>): HeaderGuess {
  if (head.length === 0) return { headerRow: 0, firstDataRow: 1, titleRows: [] }
  const shapes = head.map((r) => shapeOf(r, missing))
  const width = tableWidth(shapes)
  const wide = (s: RowShape) => width <= 1 || s.width > width / 2
  const first = shapes.findIndex((s) => s.values > 0 && wide(s))
  if (first < 0) {
    // Text only: the first wide row names the columns when rows follow it.
    const h = Math.max(0, shapes.findIndex(wide))
    if (h + 1 >= head.length) return { headerRow: 0, firstDataRow: head[h].row, titleRows: head.slice(0, h) }
    return { headerRow: head[h].row, firstDataRow: head[h + 1].row, titleRows: head.slice(0, h) }
  }
  let h = -1
  for (let i = first - 1; i >= 0; i--) {
    const s = shapes[i]
    if (s.values === 0 && s.missing === 0 && wide(s) && (h < 0 || s.width > shapes[h].width)) h = i
  }
  if (h >= 0) return { headerRow: head[h].row, firstDataRow: head[h + 1].row, titleRows: head.slice(0, h) }
  // No header: leading rows of text narrower than the table are titles; data starts after them.
  let start = 0
  while (start < first && shapes[start].values === 0 && shapes[start].missing === 0 && !wide(shapes[start]))
    start++
  return { headerRow: 0, firstDataRow: head[start].row, titleRows: head.slice(0, start) }
}
