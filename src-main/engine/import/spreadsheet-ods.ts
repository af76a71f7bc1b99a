import { ImportError } from '../errors'
import {
  CELL_BOOLEAN,
  CELL_DATE,
  CELL_ERROR,
  CELL_NUMBER,
  CELL_TEXT,
  MAX_SHEET_COLUMNS,
  SheetRow,
  columnLetters,
  isoDateText,
  isoDurationClock,
  type MergedRange,
  type SheetEntry,
  type SheetMode,
  type SheetScan,
  type WorkbookReader,
} from './spreadsheet-cells'
import { attribute, type XmlHandlers, type ZipPackage } from './spreadsheet-zip'

const ODS_MIME = 'application/vnd.oasis.opendocument.spreadsheet'

/**
 * Opens an OpenDocument spreadsheet (.ods). All sheets live in content.xml, so the sheet list fills in
 * as the scan goes through it (one pass: the chosen sheet's rows, the others only measured).
 */
export async function openOds(pkg: ZipPackage, fileName: string): Promise<WorkbookReader> {
  const mime = pkg.has('mimetype') ? (await pkg.text('mimetype')).trim() : ''
  if (mime !== '' && mime !== ODS_MIME && mime !== `${ODS_MIME}-template`) {
    throw new ImportError(
      `${fileName} is an OpenDocument file but not a spreadsheet (it is ${mime}). Open a .ods spreadsheet, .xlsx, .xls or CSV file.`,
    )
  }
  if (pkg.has('META-INF/manifest.xml') && /encryption-data/.test(await pkg.text('META-INF/manifest.xml'))) {
    throw new ImportError(
      `${fileName} is password-protected (its content is encrypted): MLE Studio cannot read it. Remove the password in your spreadsheet program, save, and open the file again.`,
    )
  }
  if (!pkg.has('content.xml')) {
    throw new ImportError(
      `${fileName} is damaged: it has no content.xml (where an OpenDocument file keeps its sheets).`,
    )
  }
  const sheets: SheetEntry[] = []
  return {
    format: 'ods',
    sheets,
    notes: [],
    scan: (visitor) => scanContent(pkg, sheets, visitor),
    close: async () => pkg.close(),
  }
}

/** Value of an ODS cell from its attributes and paragraph text: [kind, text], or null when empty. */
function cellValue(a: Record<string, string>, text: string): [number, string] | null {
  const calc = attribute(a, 'value-type')
  const type = a['office:value-type'] ?? calc
  if (a['calcext:value-type'] === 'error') return [CELL_ERROR, text]
  switch (type) {
    case 'float':
    case 'percentage':
    case 'currency': {
      const v = attribute(a, 'value')
      return v === undefined ? null : [CELL_NUMBER, v]
    }
    case 'date': {
      const v = attribute(a, 'date-value')
      return v === undefined ? null : [CELL_DATE, isoDateText(v)]
    }
    case 'time': {
      const v = attribute(a, 'time-value')
      return v === undefined ? null : [CELL_DATE, isoDurationClock(v)]
    }
    case 'boolean':
      return [CELL_BOOLEAN, attribute(a, 'boolean-value') === 'true' ? 'TRUE' : 'FALSE']
    default: {
      const s = attribute(a, 'string-value') ?? text
      return s === '' ? null : [CELL_TEXT, s]
    }
  }
}

async function scanContent(pkg: ZipPackage, sheets: SheetEntry[], visitor: SheetScan): Promise<void> {
  const total = pkg.size('content.xml')
  const content = new OdsContent(sheets, visitor)
  let seen = 0
  await pkg.xml('content.xml', content, {
    isCancelled: () => visitor.isCancelled(),
    onBytes: (n) => {
      seen += n
      visitor.onBytes(Math.min(seen, total), total)
    },
  })
  visitor.onBytes(total, total)
}

/**
 * An ODS formula (`of:=SUM([.B2:.B1001])`) in Excel's A1 syntax without `=` (`SUM(B2:B1001)`): the
 * namespace prefix and `=` dropped, same-sheet references `[.B2:.B9]` unbracketed. Arguments stay
 * separated by `;`; references to other sheets keep their brackets.
 */
export function odsFormula(formula: string): string {
  return formula
    .replace(/^[a-z]+:/, '')
    .replace(/^=/, '')
    .replace(/\[\.(\$?[A-Z]+\$?\d+)(?::\.(\$?[A-Z]+\$?\d+))?\]/gi, (_, a: string, b?: string) =>
      b === undefined ? a : `${a}:${b}`,
    )
}

/**
 * A cell's formula attribute. Writers use the `table:` prefix; looking through every attribute for
 * another one (a loop per cell, 6% of a 150,000-row import) is kept for cells whose value type is not
 * under the usual `office:` prefix either, which includes every formula cell without a result.
 */
function formulaOf(a: Record<string, string>): string | undefined {
  const formula = a['table:formula']
  if (formula !== undefined || a['office:value-type'] !== undefined) return formula
  return attribute(a, 'formula')
}

/**
 * True when a formula cell has no result: no value of its type (a file written by a program that does
 * not calculate). A string result may be empty, so only the other types count.
 */
function uncalculated(a: Record<string, string>, value: [number, string] | null): boolean {
  return value === null && a['office:value-type'] !== 'string'
}

/** A whole number attribute of at least 1 (repeats and spans), 1 when absent or malformed. */
function count(a: Record<string, string>, name: string): number {
  return Math.max(1, Number(attribute(a, name) ?? 1) || 1)
}

/**
 * content.xml's reading state, as the XML handlers: every sheet (table) is measured, the chosen one's rows
 * go to the visitor. Nested tables (a table inside a cell's frame) are skipped whole; annotations (cell
 * comments) are not cell text.
 */
class OdsContent implements XmlHandlers {
  private readonly row = new SheetRow()
  private depth = 0
  private index = -1
  private mode: SheetMode = 'skip'
  private merges: MergedRange[] = []
  private rowNumber = 0
  private rowRepeat = 1
  private lastRow = 0
  private maxCol = 0
  private uncalculated = { cells: 0, first: '' }
  private col = 0
  private cell: Record<string, string> | null = null
  private cellRepeat = 1
  private cellText = ''
  private paragraphs = 0
  private inParagraph = 0
  private inAnnotation = 0

  constructor(
    private readonly sheets: SheetEntry[],
    private readonly visitor: SheetScan,
  ) {}

  open(name: string, a: Record<string, string>): void {
    if (name === 'table') this.openTable(a)
    else if (this.depth !== 1) return
    else if (name === 'table-row') {
      this.rowRepeat = count(a, 'number-rows-repeated')
      this.row.reset(this.rowNumber + 1)
      this.col = 0
    } else if (name === 'table-cell' || name === 'covered-table-cell') this.openCell(a)
    else if (name === 'annotation') this.inAnnotation++
    else if (this.inAnnotation === 0 && this.cell !== null) this.openText(name, a)
  }

  close(name: string): void {
    if (name === 'table') this.closeTable()
    else if (this.depth !== 1) return
    else if (name === 'annotation') this.inAnnotation--
    else if (name === 'p' && this.inAnnotation === 0 && this.inParagraph > 0) this.inParagraph--
    else if (name === 'table-cell' || name === 'covered-table-cell') {
      this.closeCell()
      this.cell = null
    } else if (name === 'table-row') this.closeRow()
  }

  // An arrow property, not a method: the XML reader keeps the handler apart from the object.
  readonly text = (t: string): void => {
    if (this.inParagraph > 0 && this.inAnnotation === 0 && this.cell !== null) this.cellText += t
  }

  private openTable(a: Record<string, string>): void {
    if (++this.depth > 1) return
    this.index++
    this.sheets.push({
      name: attribute(a, 'name') ?? `Sheet${this.index + 1}`,
      hidden: false,
      rows: null,
      columns: null,
    })
    this.mode = this.visitor.enter(this.index)
    this.merges = []
    this.rowNumber = this.lastRow = this.maxCol = 0
    this.uncalculated = { cells: 0, first: '' }
  }

  private closeTable(): void {
    if (this.depth-- > 1) return
    const { uncalculated: u } = this
    const end = {
      rows: this.lastRow,
      columns: this.maxCol,
      merges: this.merges,
      ...(u.cells > 0 ? { uncalculated: u } : {}),
    }
    Object.assign(this.sheets[this.index], { rows: this.lastRow, columns: this.maxCol })
    this.visitor.leave(this.index, end)
  }

  private openCell(a: Record<string, string>): void {
    this.cell = a
    this.cellRepeat = count(a, 'number-columns-repeated')
    this.cellText = ''
    this.paragraphs = 0
    const spanC = Number(attribute(a, 'number-columns-spanned') ?? 1) || 1
    const spanR = Number(attribute(a, 'number-rows-spanned') ?? 1) || 1
    if (spanC > 1 || spanR > 1) {
      const { row } = this.row
      this.merges.push({ r0: row, c0: this.col + 1, r1: row + spanR - 1, c1: this.col + spanC })
    }
  }

  /** Text-level elements inside a cell: paragraphs, runs of spaces, tabs and line breaks. */
  private openText(name: string, a: Record<string, string>): void {
    if (name === 'p') {
      if (this.paragraphs++ > 0) this.cellText += '\n'
      this.inParagraph++
    } else if (name === 's') this.cellText += ' '.repeat(Math.min(1000, Number(attribute(a, 'c') ?? 1) || 1))
    else if (name === 'tab') this.cellText += '\t'
    else if (name === 'line-break') this.cellText += '\n'
  }

  private closeCell(): void {
    const cell = this.cell
    const value = cell ? cellValue(cell, this.cellText) : null
    const first = this.col + 1
    this.col += this.cellRepeat
    const rows = this.mode === 'rows'
    // A repeated cell past Excel's width only needs to show the table it is too wide.
    const last = rows ? Math.min(this.col, MAX_SHEET_COLUMNS + 1) : first
    if (cell !== null) this.noteFormula(cell, value, first, rows ? last : 0)
    if (value === null) return
    if (this.col > this.maxCol) this.maxCol = this.col
    for (let c = first; c <= last; c++) this.row.push(c, value[0], rows ? value[1] : '')
  }

  /** Counts a formula without its result; keeps the formula of columns first..last with the row. */
  private noteFormula(
    cell: Record<string, string>,
    value: [number, string] | null,
    first: number,
    last: number,
  ): void {
    const formula = formulaOf(cell)
    if (formula === undefined) return
    if (uncalculated(cell, value)) {
      const u = this.uncalculated
      u.cells += this.cellRepeat * this.rowRepeat
      if (u.first === '') u.first = `${columnLetters(first)}${this.row.row}`
    }
    const text = last >= first ? odsFormula(formula) : ''
    for (let c = first; c <= last; c++) this.row.pushFormula(c, text)
  }

  private closeRow(): void {
    const start = this.row.row
    this.rowNumber = start + this.rowRepeat - 1
    if (this.row.size === 0) return
    this.lastRow = this.rowNumber
    if (this.mode !== 'rows') return
    for (let k = 0; k < this.rowRepeat; k++) {
      this.row.row = start + k
      this.visitor.row(this.row)
    }
  }
}
