import { posix } from 'node:path'
import { ImportError } from '../errors'
import { formatBytes } from './limits'
import {
  CELL_BOOLEAN,
  CELL_DATE,
  CELL_ERROR,
  CELL_NUMBER,
  CELL_TEXT,
  SheetRow,
  cellRef,
  columnLetters,
  columnNumber,
  isDateFormat,
  isoDateText,
  rangeRef,
  serialToIso,
  type MergedRange,
  type SheetEnd,
  type SheetEntry,
  type SheetScan,
  type WorkbookReader,
} from './spreadsheet-cells'
import { callsAggregate } from './spreadsheet-totals'
import { attribute, type PartControl, type XmlHandlers, type ZipPackage } from './spreadsheet-zip'

/** Caps on the shared-strings table (every distinct text of the workbook, held in memory). */
export interface SharedStringLimits {
  /** Unzipped bytes of xl/sharedStrings.xml at most (default 200 MB). */
  maxSharedStringsBytes: number
  /** Distinct texts at most (default 5,000,000). */
  maxSharedStrings: number
}

export const DEFAULT_SHARED_STRING_LIMITS: SharedStringLimits = {
  maxSharedStringsBytes: 200 * 1024 ** 2,
  maxSharedStrings: 5_000_000,
}

interface XlsxSheet extends SheetEntry {
  /** Zip part of the worksheet; null for chart sheets (no cells). */
  part: string | null
}

/** Opens an Office Open XML workbook (.xlsx, .xlsm): sheets, shared strings, date styles. */
export async function openXlsx(
  pkg: ZipPackage,
  fileName: string,
  limits: SharedStringLimits,
): Promise<WorkbookReader> {
  const ignore: PartControl = { isCancelled: () => false, onBytes: () => undefined }
  const rootRels = pkg.has('_rels/.rels') ? await readRels(pkg, '_rels/.rels', ignore) : new Map()
  const office = [...rootRels.values()].find((r) => r.type.endsWith('/officeDocument'))
  const workbookPart = office ? resolvePart('', office.target) : 'xl/workbook.xml'
  if (/\.bin$/i.test(workbookPart)) {
    throw new ImportError(
      `${fileName} is a binary Excel workbook (.xlsb), which MLE Studio does not read. Save it as .xlsx (Excel Workbook) and open that.`,
    )
  }
  if (!pkg.has(workbookPart)) {
    throw new ImportError(
      `${fileName} is a zip archive but not an Excel workbook (it has no ${workbookPart}). Open it in your spreadsheet program and save it as .xlsx.`,
    )
  }
  const book = await readWorkbook(pkg, workbookPart, ignore)
  const relsPart = posix.join(posix.dirname(workbookPart), '_rels', `${posix.basename(workbookPart)}.rels`)
  const rels = pkg.has(relsPart) ? await readRels(pkg, relsPart, ignore) : new Map<string, Rel>()
  const base = posix.dirname(workbookPart)
  const relPart = (suffix: string) => {
    const rel = [...rels.values()].find((r) => r.type.endsWith(suffix))
    return rel ? resolvePart(base, rel.target) : null
  }
  const sheets: XlsxSheet[] = []
  for (const s of book.sheets) {
    const rel = rels.get(s.rid)
    const part = rel && rel.type.endsWith('/worksheet') ? resolvePart(base, rel.target) : null
    if (part !== null && !pkg.has(part)) {
      throw new ImportError(`${fileName} is damaged: the part of sheet "${s.name}" (${part}) is missing.`)
    }
    const size = part === null ? [0, 0] : await readDimension(pkg, part, ignore)
    sheets.push({ name: s.name, hidden: s.hidden, part, rows: size?.[0] ?? null, columns: size?.[1] ?? null })
  }
  const stylesPart = relPart('/styles')
  const dateStyles = stylesPart && pkg.has(stylesPart) ? await readDateStyles(pkg, stylesPart, ignore) : []
  const notes: string[] = []
  if ([...rels.values()].some((r) => r.type.endsWith('/vbaProject')) || pkg.has('xl/vbaProject.bin')) {
    notes.push(`${fileName} contains macros (VBA); they were not run: only the stored cell values were read.`)
  }
  const context: SheetContext = {
    pkg,
    fileName,
    date1904: book.date1904,
    dateStyles,
    sharedStringsPart: relPart('/sharedStrings'),
    limits,
    strings: null,
  }
  return {
    format: 'xlsx',
    sheets,
    notes,
    scan: (visitor) => scanSheets(context, sheets, visitor),
    close: async () => pkg.close(),
  }
}

interface Rel {
  type: string
  target: string
}

/** Part name of a relationship target: relative to the source part's folder, or absolute (`/xl/...`). */
function resolvePart(base: string, target: string): string {
  const joined = target.startsWith('/') ? target.slice(1) : posix.join(base, target)
  return posix.normalize(joined).replace(/^\/+/, '')
}

async function readRels(pkg: ZipPackage, part: string, control: PartControl): Promise<Map<string, Rel>> {
  const rels = new Map<string, Rel>()
  await pkg.xml(
    part,
    {
      open(name, a) {
        if (name === 'Relationship' && a.Id !== undefined && a.Target !== undefined) {
          rels.set(a.Id, { type: a.Type ?? '', target: a.Target })
        }
      },
      close: () => undefined,
    },
    control,
  )
  return rels
}

async function readWorkbook(pkg: ZipPackage, part: string, control: PartControl) {
  const sheets: { name: string; rid: string; hidden: boolean }[] = []
  let date1904 = false
  await pkg.xml(
    part,
    {
      open(name, a) {
        if (name === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true'
        else if (name === 'sheet') {
          const state = a.state ?? 'visible'
          sheets.push({
            name: a.name ?? `Sheet${sheets.length + 1}`,
            rid: attribute(a, 'id') ?? '',
            hidden: state !== 'visible',
          })
        }
      },
      close: () => undefined,
    },
    control,
  )
  return { sheets, date1904 }
}

/** The used range a worksheet records (`<dimension ref="A1:D200"/>`): [rows, columns], or null. */
async function readDimension(
  pkg: ZipPackage,
  part: string,
  control: PartControl,
): Promise<[number, number] | null> {
  let found: [number, number] | null = null
  let done = false
  await pkg.xml(
    part,
    {
      open(name, a) {
        if (done) return
        if (name === 'dimension') {
          const range = rangeRef(a.ref ?? '')
          // A single cell ("A1") is what writers put in empty and unmeasured sheets alike: measure it.
          if (range && (range.r1 > 1 || range.c1 > 1)) found = [range.r1, range.c1]
          done = true
        } else if (name === 'sheetData') done = true
      },
      close: () => undefined,
    },
    control,
    () => done,
  )
  return found
}

/** Which cell styles (index into cellXfs) show dates or times. */
async function readDateStyles(pkg: ZipPackage, part: string, control: PartControl): Promise<boolean[]> {
  const codes = new Map<number, string>()
  const xfFormats: number[] = []
  let inCellXfs = false
  await pkg.xml(
    part,
    {
      open(name, a) {
        if (name === 'numFmt') codes.set(Number(a.numFmtId), a.formatCode ?? '')
        else if (name === 'cellXfs') inCellXfs = true
        else if (name === 'xf' && inCellXfs) xfFormats.push(Number(a.numFmtId ?? 0))
      },
      close(name) {
        if (name === 'cellXfs') inCellXfs = false
      },
    },
    control,
  )
  return xfFormats.map((id) => isDateFormat(id, codes.get(id)))
}

interface SheetContext {
  pkg: ZipPackage
  fileName: string
  date1904: boolean
  dateStyles: boolean[]
  sharedStringsPart: string | null
  limits: SharedStringLimits
  strings: string[] | null
}

async function scanSheets(context: SheetContext, sheets: XlsxSheet[], visitor: SheetScan): Promise<void> {
  const { pkg } = context
  const total = sheets.reduce((s, sh) => s + (sh.part ? pkg.size(sh.part) : 0), 0)
  let before = 0
  for (let i = 0; i < sheets.length; i++) {
    const sheet = sheets[i]
    const mode = visitor.enter(i)
    const partBytes = sheet.part ? pkg.size(sheet.part) : 0
    let end: SheetEnd = { rows: sheet.rows ?? 0, columns: sheet.columns ?? 0, merges: [] }
    if (mode !== 'skip' && sheet.part) {
      let seen = 0
      const control: PartControl = {
        isCancelled: () => visitor.isCancelled(),
        onBytes: (n) => {
          seen += n
          visitor.onBytes(before + Math.min(seen, partBytes), total)
        },
      }
      const rows = mode === 'rows'
      if (rows) context.strings ??= await readSharedStrings(context, control)
      const totals = rows ? await readTableTotals(pkg, sheet.part, control) : new Map<number, string>()
      end = await readSheet(context, sheet.part, rows ? visitor : null, totals, control)
      Object.assign(sheet, { rows: end.rows, columns: end.columns })
    }
    before += partBytes
    visitor.onBytes(before, total)
    visitor.leave(i, end)
  }
}

/** [kind, text] of a cell from its type attribute `t`, its `<v>` (or inline) text and its style. */
function cellValue(type: string, text: string, context: SheetContext, style: number): [number, string] {
  switch (type) {
    case 's':
      return [CELL_TEXT, context.strings?.[Number(text)] ?? '']
    case 'str':
    case 'inlineStr':
      return [CELL_TEXT, text]
    case 'b':
      return [CELL_BOOLEAN, text.trim() === '1' || text.trim() === 'true' ? 'TRUE' : 'FALSE']
    case 'e':
      return [CELL_ERROR, text]
    case 'd':
      return [CELL_DATE, isoDateText(text.trim())]
    default: {
      const iso = context.dateStyles[style] ? serialToIso(Number(text), context.date1904) : null
      return iso === null ? [CELL_NUMBER, text] : [CELL_DATE, iso]
    }
  }
}

/** Totals rows a table may have (the count is the workbook's to say; Excel's tables have one). */
const MAX_TOTALS_ROWS = 16

/**
 * The totals rows of the Excel tables (Insert > Table) on a worksheet: row number -> table name, from each
 * table part's range and `totalsRowCount` (the part is a few hundred bytes).
 */
async function readTableTotals(
  pkg: ZipPackage,
  part: string,
  control: PartControl,
): Promise<Map<number, string>> {
  const totals = new Map<number, string>()
  const relsPart = posix.join(posix.dirname(part), '_rels', `${posix.basename(part)}.rels`)
  if (!pkg.has(relsPart)) return totals
  const rels = await readRels(pkg, relsPart, control)
  for (const rel of rels.values()) {
    const tablePart = resolvePart(posix.dirname(part), rel.target)
    if (!rel.type.endsWith('/table') || !pkg.has(tablePart)) continue
    await pkg.xml(
      tablePart,
      {
        open(name, a) {
          const range = name === 'table' ? rangeRef(a.ref ?? '') : null
          // Excel writes 0 or 1; a hostile part's huge count must not fill the map with a million rows.
          const count = Math.min(Number(a.totalsRowCount ?? 0), MAX_TOTALS_ROWS)
          if (range === null || !(count > 0)) return
          const table = a.displayName ?? a.name ?? ''
          for (let r = Math.max(range.r0, range.r1 - count + 1); r <= range.r1; r++) totals.set(r, table)
        },
        close: () => undefined,
      },
      control,
    )
  }
  return totals
}

/** Streams one worksheet; rows go to `visitor` (null: only measure), marked when a table's `totals` row. */
async function readSheet(
  context: SheetContext,
  part: string,
  visitor: SheetScan | null,
  totals: ReadonlyMap<number, string>,
  control: PartControl,
): Promise<SheetEnd> {
  const sheet = new WorksheetXml(context, visitor, totals)
  await context.pkg.xml(part, sheet, control)
  const { lastRow: rows, maxCol: columns, merges, uncalculated } = sheet
  return { rows, columns, merges, ...(uncalculated.cells > 0 ? { uncalculated } : {}) }
}

/** A shared formula's anchor cell (`<f t="shared" si="0">` with the text the others share). */
interface SharedFormula {
  text: string
  row: number
  col: number
  /** Whether it calls an aggregate function: only then are the others' texts worked out. */
  aggregate: boolean
}

/** An A1 reference (`B2`, `$B$2`) that is not part of a name or a function call (`LOG10(`). */
const A1_REF = /(?<![A-Za-z0-9_.])(\$?)([A-Za-z]{1,3})(\$?)(\d+)(?![A-Za-z0-9_(!])/g

/** The formula of a cell `dRow` rows and `dCol` columns from the shared formula's anchor: relative references moved. */
export function shiftFormula(text: string, dRow: number, dCol: number): string {
  return text.replace(A1_REF, (all, colAbs: string, letters: string, rowAbs: string, digits: string) => {
    const col = columnNumber(letters) + (colAbs ? 0 : dCol)
    const row = Number(digits) + (rowAbs ? 0 : dRow)
    return col > 0 && row > 0 ? `${colAbs}${columnLetters(col)}${rowAbs}${row}` : all
  })
}

/**
 * A worksheet part's reading state, as the XML handlers: cells gather their value's text (`<v>`, or an
 * inline string's `<t>` runs without phonetic guides), a row goes to the visitor when it has a cell. While
 * rows are read, formulas (`<f>`) are kept with the row, shared ones resolved from their anchor.
 */
class WorksheetXml implements XmlHandlers {
  readonly merges: MergedRange[] = []
  readonly uncalculated = { cells: 0, first: '' }
  lastRow = 0
  maxCol = 0
  private readonly row = new SheetRow()
  private rowNumber = 0
  private col = 0
  private type = 'n'
  private style = 0
  private cellText = ''
  private capture = false
  private inCell = false
  private inPhonetic = false
  private hasValue = false
  private hasFormula = false
  private inFormula = false
  private formulaText = ''
  private formulaShared: string | undefined = undefined
  private readonly shared = new Map<string, SharedFormula>()

  constructor(
    private readonly context: SheetContext,
    private readonly visitor: SheetScan | null,
    private readonly totals: ReadonlyMap<number, string>,
  ) {}

  open(name: string, a: Record<string, string>): void {
    if (name === 'row') {
      this.rowNumber = a.r !== undefined ? Number(a.r) : this.rowNumber + 1
      this.row.reset(this.rowNumber)
      this.col = 0
    } else if (name === 'c') this.openCell(a)
    else if ((name === 'v' || name === 'is') && this.inCell) {
      this.capture = name === 'v'
      this.hasValue = true
      this.cellText = ''
    } else if (name === 'f' && this.inCell) this.openFormula(a)
    else if (name === 'rPh') this.inPhonetic = true
    else if (name === 't') this.capture = this.inCell && !this.inPhonetic
    else if (name === 'mergeCell') {
      const range = rangeRef(a.ref ?? '')
      if (range) this.merges.push(range)
    }
  }

  close(name: string): void {
    if (name === 'v' || name === 't') this.capture = false
    else if (name === 'f') this.inFormula = false
    else if (name === 'rPh') this.inPhonetic = false
    else if (name === 'c') {
      this.finishCell()
      this.inCell = false
    } else if (name === 'row' && this.row.size > 0) {
      this.lastRow = this.rowNumber
      if (this.totals.size > 0) this.row.tableTotals = this.totals.get(this.rowNumber) ?? ''
      this.visitor?.row(this.row)
    }
  }

  // An arrow property, not a method: the XML reader keeps the handler apart from the object.
  readonly text = (t: string): void => {
    if (this.capture) this.cellText += t
    else if (this.inFormula) this.formulaText += t
  }

  private openCell(a: Record<string, string>): void {
    const ref = a.r
    this.col = ref !== undefined ? cellRef(ref)[1] || this.col + 1 : this.col + 1
    this.type = a.t ?? 'n'
    this.style = a.s !== undefined ? Number(a.s) : 0
    this.inCell = true
    this.hasValue = false
    this.hasFormula = false
    this.cellText = ''
  }

  private openFormula(a: Record<string, string>): void {
    this.hasFormula = true
    this.inFormula = this.visitor !== null
    this.formulaText = ''
    this.formulaShared = a.t === 'shared' ? a.si : undefined
  }

  /** The cell's formula text: its own, or for a shared formula's other cells the anchor's, moved here. */
  private formula(): string {
    const si = this.formulaShared
    const text = this.formulaText
    if (si === undefined) return text
    if (text !== '') {
      this.shared.set(si, { text, row: this.rowNumber, col: this.col, aggregate: callsAggregate(text) })
      return text
    }
    const anchor = this.shared.get(si)
    if (anchor === undefined || !anchor.aggregate) return ''
    return shiftFormula(anchor.text, this.rowNumber - anchor.row, this.col - anchor.col)
  }

  private finishCell(): void {
    if (this.hasFormula && this.visitor !== null) this.row.pushFormula(this.col, this.formula())
    if (!this.hasValue || this.cellText === '') {
      if (this.hasFormula && this.uncalculated.cells++ === 0)
        this.uncalculated.first = `${columnLetters(this.col)}${this.rowNumber}`
      return
    }
    const [kind, value] = cellValue(this.type, this.cellText, this.context, this.style)
    if (value === '') return
    if (this.col > this.maxCol) this.maxCol = this.col
    this.row.push(this.col, kind, this.visitor ? value : '')
  }
}

/** Reads the shared-strings table (rich-text runs joined, phonetic guides left out), within the caps. */
async function readSharedStrings(context: SheetContext, control: PartControl): Promise<string[]> {
  const { pkg, sharedStringsPart: part, fileName, limits } = context
  if (part === null || !pkg.has(part)) return []
  const bytes = pkg.size(part)
  if (bytes > limits.maxSharedStringsBytes)
    throw tooManyStrings(fileName, `${formatBytes(bytes)} of text`, limits)
  const strings: string[] = []
  let current = ''
  let capture = false
  let inPhonetic = false
  await pkg.xml(
    part,
    {
      open(name) {
        if (name === 'si') current = ''
        else if (name === 'rPh') inPhonetic = true
        else if (name === 't') capture = !inPhonetic
      },
      close(name) {
        if (name === 't') capture = false
        else if (name === 'rPh') inPhonetic = false
        else if (name === 'si') {
          strings.push(current)
          if (strings.length > limits.maxSharedStrings) {
            throw tooManyStrings(
              fileName,
              `more than ${limits.maxSharedStrings.toLocaleString('en-US')} distinct texts`,
              limits,
            )
          }
        }
      },
      text(t) {
        if (capture) current += t
      },
    },
    { isCancelled: control.isCancelled, onBytes: () => undefined },
  )
  return strings
}

function tooManyStrings(fileName: string, what: string, limits: SharedStringLimits): ImportError {
  return new ImportError(
    `${fileName} has a huge shared-strings table (${what}); MLE Studio reads at most ${formatBytes(limits.maxSharedStringsBytes)} and ${limits.maxSharedStrings.toLocaleString('en-US')} distinct texts. Save the sheet you need as CSV and open that.`,
  )
}
