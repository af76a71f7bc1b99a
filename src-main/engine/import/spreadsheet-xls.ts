import { readFile } from 'node:fs/promises'
import type { CellObject, Range, WorkBook, WorkSheet } from '@e965/xlsx'
import { CancelledError, ImportError } from '../errors'
import { formatBytes } from './limits'
import { mayHaveRangeFormulas } from './spreadsheet-xls-formulas'
import {
  CELL_BOOLEAN,
  CELL_DATE,
  CELL_ERROR,
  CELL_NUMBER,
  CELL_TEXT,
  ERROR_TEXTS,
  SheetRow,
  isDateFormat,
  serialToIso,
  type MergedRange,
  type SheetEntry,
  type SheetScan,
  type WorkbookReader,
} from './spreadsheet-cells'

/** SheetJS (1 MB of code) is loaded on the first .xls, not with the engine. */
type SheetJs = typeof import('@e965/xlsx')

/** Names of the streams in a compound (OLE) file, lower case, and the workbook stream's bytes. */
function streams(XLSX: SheetJs, buffer: Buffer): { names: string[]; workbook: Uint8Array | null } {
  const cfb = XLSX.CFB.read(buffer, { type: 'buffer' })
  const names = cfb.FullPaths.map((p: string) => p.replace(/\/$/, '').split('/').pop()!.toLowerCase())
  const entry = XLSX.CFB.find(cfb, 'Workbook') ?? XLSX.CFB.find(cfb, 'Book')
  const content = entry?.content as Uint8Array | number[] | undefined
  const workbook = content instanceof Uint8Array ? content : content ? Uint8Array.from(content) : null
  return { names, workbook }
}

/**
 * Opens a compound-file workbook: Excel 97-2003 (.xls, BIFF8, and the older BIFF5). Encrypted .xlsx files
 * are compound files too (EncryptedPackage): they are refused as password-protected. The format is
 * limited to 65,536 rows, so the whole file is read into memory (SheetJS, a maintained 0.20 build).
 */
export async function openXls(path: string, fileName: string, memoryLimit: number): Promise<WorkbookReader> {
  const buffer = await readFile(path)
  const XLSX = await import('@e965/xlsx')
  // SheetJS keeps an object per cell: about ten times the file's size.
  if (buffer.length * 10 > memoryLimit) {
    throw new ImportError(
      `${fileName} (${formatBytes(buffer.length)}) is too big to read as an Excel 97-2003 workbook within the memory limit of ${formatBytes(memoryLimit)}. Save it as .xlsx or CSV and open that.`,
    )
  }
  let compound: ReturnType<typeof streams> | null
  try {
    compound = buffer[0] === 0xd0 ? streams(XLSX, buffer) : null
  } catch (e) {
    throw new ImportError(
      `${fileName} is damaged: its compound-file structure cannot be read (${(e as Error).message}).`,
    )
  }
  const names = compound?.names
  const workbook = compound?.workbook ?? null
  if (names && (names.includes('encryptedpackage') || names.includes('encryptioninfo'))) {
    throw passwordProtected(fileName)
  }
  if (names && !names.includes('workbook') && !names.includes('book')) {
    throw new ImportError(
      `${fileName} is an Office compound file but not an Excel workbook (no Workbook stream; it may be a Word or PowerPoint file). Open a .xls, .xlsx, .ods or CSV file.`,
    )
  }
  let book: WorkBook
  try {
    book = XLSX.read(buffer, {
      type: 'buffer',
      dense: true,
      cellNF: true,
      cellText: false,
      cellDates: false,
      // Formulas (only their text; results are stored with them) show which rows hold totals; read only
      // when some formula may name a range, which every totals formula does.
      cellFormula: workbook === null || mayHaveRangeFormulas(workbook),
      cellHTML: false,
    })
  } catch (e) {
    const message = (e as Error).message ?? String(e)
    if (/password|encrypt/i.test(message)) throw passwordProtected(fileName)
    throw new ImportError(
      `${fileName} cannot be read as an Excel 97-2003 workbook: ${message}. Open it in your spreadsheet program and save it as .xlsx.`,
    )
  }
  const date1904 = Boolean(book.Workbook?.WBProps?.date1904)
  const sheets: SheetEntry[] = book.SheetNames.map((name, i) => ({
    name,
    hidden: (book.Workbook?.Sheets?.[i]?.Hidden ?? 0) !== 0,
    rows: null,
    columns: null,
  }))
  const notes = book.vbaraw
    ? [`${fileName} contains macros (VBA); they were not run: only the stored cell values were read.`]
    : []
  return {
    format: 'xls',
    sheets,
    notes,
    scan: async (visitor) => {
      for (let i = 0; i < sheets.length; i++) {
        const mode = visitor.enter(i)
        const end = scanSheet(book.Sheets[book.SheetNames[i]], mode === 'rows' ? visitor : null, date1904)
        Object.assign(sheets[i], { rows: end.rows, columns: end.columns })
        visitor.onBytes(((i + 1) / sheets.length) * buffer.length, buffer.length)
        if (visitor.isCancelled()) throw new CancelledError(`Import of ${fileName} cancelled.`)
        visitor.leave(i, end)
      }
    },
    close: async () => undefined,
  }
}

function passwordProtected(fileName: string): ImportError {
  return new ImportError(
    `${fileName} is password-protected (encrypted): MLE Studio cannot read it. Remove the password in your spreadsheet program, save, and open the file again.`,
  )
}

/** [kind, text] of a SheetJS cell, or null when it holds nothing. */
function cellOf(cell: CellObject, date1904: boolean): [number, string] | null {
  switch (cell.t) {
    case 'n': {
      const v = cell.v as number
      if (typeof cell.z === 'string' && isDateFormat(-1, cell.z)) {
        const iso = serialToIso(v, date1904)
        if (iso !== null) return [CELL_DATE, iso]
      }
      return [CELL_NUMBER, String(v)]
    }
    case 's':
      return cell.v === '' || cell.v === undefined ? null : [CELL_TEXT, String(cell.v)]
    case 'b':
      return [CELL_BOOLEAN, cell.v ? 'TRUE' : 'FALSE']
    case 'e':
      return [CELL_ERROR, ERROR_TEXTS[cell.v as number] ?? '#ERROR']
    default:
      return null
  }
}

function scanSheet(sheet: WorkSheet | undefined, visitor: SheetScan | null, date1904: boolean) {
  const data = (sheet?.['!data'] ?? []) as (CellObject | undefined)[][]
  const row = new SheetRow()
  let rows = 0
  let columns = 0
  for (let r = 0; r < data.length; r++) {
    const cells = data[r]
    if (!cells) continue
    row.reset(r + 1)
    for (let c = 0; c < cells.length; c++) {
      const cell = cells[c]
      const value = cell ? cellOf(cell, date1904) : null
      if (visitor && typeof cell?.f === 'string') row.pushFormula(c + 1, cell.f)
      if (value === null) continue
      row.push(c + 1, value[0], value[1])
      if (c + 1 > columns) columns = c + 1
    }
    if (row.size === 0) continue
    rows = r + 1
    visitor?.row(row)
  }
  const merges: MergedRange[] = ((sheet?.['!merges'] ?? []) as Range[]).map((m) => ({
    r0: m.s.r + 1,
    c0: m.s.c + 1,
    r1: m.e.r + 1,
    c1: m.e.c + 1,
  }))
  return { rows, columns, merges }
}
