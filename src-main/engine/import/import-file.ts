import { open, stat } from 'node:fs/promises'
import { basename, extname } from 'node:path'
import { ImportError } from '../errors'
import { openArrivingSource, waitForArrival, type ArrivingFile } from './arriving-file'
import { importCsv, type ImportOptions } from './csv-import'
import type { Dataset } from './dataset'
import { importSpreadsheet, type SpreadsheetOptions, type WorkbookContainer } from './spreadsheet-import'

/** Extensions of the spreadsheets the engine reads, by the container their content must have. */
const ZIP_EXTENSIONS = new Set(['.xlsx', '.xlsm', '.xltx', '.xltm', '.ods', '.ots'])
const CFB_EXTENSIONS = new Set(['.xls', '.xlt'])

/** Options of `importFile`: those of the CSV import plus the spreadsheet caps. */
export type FileImportOptions = ImportOptions & SpreadsheetOptions

/**
 * Imports a CSV file or a spreadsheet (.xlsx/.xlsm, .xls, .ods): the file's first bytes decide (a zip
 * archive or a compound file is a workbook, anything else is read as CSV text), and the extension is only
 * checked against them, so a CSV renamed .xlsx is a clear error rather than garbage.
 */
export async function importFile(path: string, options: FileImportOptions = {}): Promise<Dataset> {
  const fileName = options.fileName ?? basename(path)
  // Waiting for an upload's bytes stops on the same cancel as the read.
  const arriving = options.arriving && { isCancelled: options.isCancelled, ...options.arriving }
  options = { ...options, arriving }
  const head = arriving ? await arrivingHead(path, arriving, fileName) : await firstBytes(path)
  // Unreadable, missing, empty or not a regular file: the CSV import says which.
  if (head === null) return importCsv(path, options)
  const container = containerOf(head.bytes)
  const ext = extname(fileName).toLowerCase()
  if (container === null) {
    if (ZIP_EXTENSIONS.has(ext) || CFB_EXTENSIONS.has(ext)) throw notAWorkbook(fileName, ext, head.bytes)
    return importCsv(path, options)
  }
  // A workbook's directory is at its end: an arriving one is read once it is complete.
  if (arriving) await waitForArrival(path, arriving, fileName)
  const dataset = await importSpreadsheet(path, head.size, container, { ...options, fileName })
  const expected = container === 'zip' ? ZIP_EXTENSIONS : CFB_EXTENSIONS
  if (!expected.has(ext)) {
    dataset.info.warnings.unshift(
      `${fileName} is named ${ext || 'without an extension'} but is a ${dataset.info.format} workbook; it was read as one.`,
    )
  }
  return dataset
}

async function firstBytes(path: string): Promise<{ bytes: Uint8Array; size: number } | null> {
  try {
    const s = await stat(path)
    if (!s.isFile() || s.size === 0) return null
    const handle = await open(path, 'r')
    try {
      const bytes = new Uint8Array(8)
      const { bytesRead } = await handle.read(bytes, 0, 8, 0)
      return { bytes: bytes.subarray(0, bytesRead), size: s.size }
    } finally {
      await handle.close()
    }
  } catch {
    return null
  }
}

/** The first bytes of a file still arriving (an upload), once they are written; null when it is empty. */
async function arrivingHead(path: string, arriving: ArrivingFile, fileName: string) {
  if (arriving.bytes === 0) return null
  const source = await openArrivingSource(path, arriving, fileName)
  try {
    const bytes = new Uint8Array(Math.min(8, arriving.bytes))
    const n = await source.read(bytes, 0)
    return { bytes: bytes.subarray(0, n), size: arriving.bytes }
  } finally {
    await source.close()
  }
}

/** Zip (`PK\3\4`), OLE compound file (`D0 CF 11 E0 A1 B1 1A E1`) or a bare BIFF stream (old .xls). */
export function containerOf(b: Uint8Array): WorkbookContainer | null {
  if (b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && (b[2] === 3 || b[2] === 5 || b[2] === 7))
    return 'zip'
  const cfb = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]
  if (b.length >= 8 && cfb.every((v, i) => b[i] === v)) return 'cfb'
  // BIFF2-BIFF5 files without a compound-file wrapper start with a BOF record (09 00/02/04/08).
  if (b.length >= 4 && b[0] === 0x09 && [0x00, 0x02, 0x04, 0x08].includes(b[1]) && b[3] === 0) return 'cfb'
  return null
}

function notAWorkbook(fileName: string, ext: string, head: Uint8Array): ImportError {
  const text = head.every((c) => c === 9 || c === 10 || c === 13 || (c >= 32 && c < 127) || c >= 0xc2)
  const what = text
    ? 'it holds plain text (a CSV file renamed?). Rename it to .csv and open it again'
    : 'its content does not start like any spreadsheet (it may be damaged or another kind of file)'
  return new ImportError(`${fileName} is named ${ext} but is not a spreadsheet: ${what}.`)
}
