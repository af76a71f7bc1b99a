import { ImportError } from '../errors'
import {
  CELL_BOOLEAN,
  CELL_DATE,
  CELL_ERROR,
  CELL_NUMBER,
  CELL_TEXT,
  MAX_SHEET_COLUMNS,
  SheetRow,
  isoDateText,
  isoDurationClock,
  type MergedRange,
  type SheetEntry,
  type SheetMode,
  type SheetScan,
  type WorkbookReader,
} from './spreadsheet-cells'
import { attribute, type ZipPackage } from './spreadsheet-zip'

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
  const row = new SheetRow()
  let seen = 0
  let depth = 0
  let index = -1
  let mode: SheetMode = 'skip'
  let merges: MergedRange[] = []
  let rowNumber = 0
  let rowRepeat = 1
  let lastRow = 0
  let maxCol = 0
  let col = 0
  let cell: Record<string, string> | null = null
  let cellRepeat = 1
  let text = ''
  let paragraphs = 0
  let inParagraph = 0
  let inAnnotation = 0

  const closeCell = () => {
    const value = cell ? cellValue(cell, text) : null
    const first = col + 1
    col += cellRepeat
    if (value === null) return
    if (col > maxCol) maxCol = col
    // A repeated cell past Excel's width only needs to show the table it is too wide.
    const last = mode === 'rows' ? Math.min(col, MAX_SHEET_COLUMNS + 1) : first
    for (let c = first; c <= last; c++) row.push(c, value[0], mode === 'rows' ? value[1] : '')
  }

  const closeRow = () => {
    const start = row.row
    rowNumber = start + rowRepeat - 1
    if (row.size === 0) return
    lastRow = rowNumber
    if (mode !== 'rows') return
    for (let k = 0; k < rowRepeat; k++) {
      row.row = start + k
      visitor.row(row)
    }
  }

  await pkg.xml(
    'content.xml',
    {
      open(name, a) {
        if (name === 'table') {
          if (++depth > 1) return
          index++
          sheets.push({
            name: attribute(a, 'name') ?? `Sheet${index + 1}`,
            hidden: false,
            rows: null,
            columns: null,
          })
          mode = visitor.enter(index)
          merges = []
          rowNumber = lastRow = maxCol = 0
        } else if (depth !== 1) return
        else if (name === 'table-row') {
          rowRepeat = Math.max(1, Number(attribute(a, 'number-rows-repeated') ?? 1) || 1)
          row.reset(rowNumber + 1)
          col = 0
        } else if (name === 'table-cell' || name === 'covered-table-cell') {
          cell = a
          cellRepeat = Math.max(1, Number(attribute(a, 'number-columns-repeated') ?? 1) || 1)
          text = ''
          paragraphs = 0
          const spanC = Number(attribute(a, 'number-columns-spanned') ?? 1) || 1
          const spanR = Number(attribute(a, 'number-rows-spanned') ?? 1) || 1
          if (spanC > 1 || spanR > 1) {
            merges.push({ r0: row.row, c0: col + 1, r1: row.row + spanR - 1, c1: col + spanC })
          }
        } else if (name === 'annotation') inAnnotation++
        else if (inAnnotation > 0 || cell === null) return
        else if (name === 'p') {
          if (paragraphs++ > 0) text += '\n'
          inParagraph++
        } else if (name === 's') text += ' '.repeat(Math.min(1000, Number(attribute(a, 'c') ?? 1) || 1))
        else if (name === 'tab') text += '\t'
        else if (name === 'line-break') text += '\n'
      },
      close(name) {
        if (name === 'table') {
          if (depth-- > 1) return
          const end = { rows: lastRow, columns: maxCol, merges }
          Object.assign(sheets[index], { rows: lastRow, columns: maxCol })
          visitor.leave(index, end)
        } else if (depth !== 1) return
        else if (name === 'annotation') inAnnotation--
        else if (name === 'p' && inAnnotation === 0 && inParagraph > 0) inParagraph--
        else if (name === 'table-cell' || name === 'covered-table-cell') {
          closeCell()
          cell = null
        } else if (name === 'table-row') closeRow()
      },
      text(t) {
        if (inParagraph > 0 && inAnnotation === 0 && cell !== null) text += t
      },
    },
    {
      isCancelled: () => visitor.isCancelled(),
      onBytes: (n) => {
        seen += n
        visitor.onBytes(Math.min(seen, total), total)
      },
    },
  )
  visitor.onBytes(total, total)
}
