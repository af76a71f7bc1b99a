import { basename } from 'node:path'
import type { DatasetInfo, ImportSettings, SheetSize } from '../../../src-shared/contract'
import { CancelledError, ImportError } from '../errors'
import type { CellRules } from './column-builder'
import type { ImportOptions } from './csv-import'
import type { Dataset } from './dataset'
import { progress } from './import-messages'
import { memoryLimit } from './limits'
import { DEFAULT_MISSING_TOKENS, POINT, parseNumber } from './number-parse'
import { MAX_SHEET_COLUMNS, columnLetters, type WorkbookReader } from './spreadsheet-cells'
import { openOds } from './spreadsheet-ods'
import { SheetTable, type SheetTableResult } from './spreadsheet-table'
import { openXls } from './spreadsheet-xls'
import { DEFAULT_SHARED_STRING_LIMITS, openXlsx, type SharedStringLimits } from './spreadsheet-xlsx'
import { DEFAULT_MAX_UNZIPPED_BYTES, ZipPackage } from './spreadsheet-zip'

/** What the file's first bytes say it is: a zip archive (xlsx, ods) or a compound file / BIFF stream (xls). */
export type WorkbookContainer = 'zip' | 'cfb'

/** Spreadsheet import options: the CSV import's plus the caps against hostile workbooks. */
export type SpreadsheetOptions = Pick<
  ImportOptions,
  'fileName' | 'settings' | 'onProgress' | 'isCancelled' | 'memoryLimitBytes'
> &
  Partial<SharedStringLimits> & {
    /** Unzipped bytes a workbook may hold in all (default 4 GiB). */
    maxUnzippedBytes?: number
  }

/** Progress events at most this often (milliseconds), as for CSV. */
const PROGRESS_MS = 100

/**
 * Imports one sheet of an .xlsx/.xlsm, .ods or .xls workbook into the same columns a CSV import makes.
 * The sheet is `settings.sheet`, else the first sheet with a numeric column (hidden sheets last). Rows
 * stream from the zip (xlsx, ods), so memory stays near the columns' size; the other sheets are only
 * measured for the sheet list. Throws ImportError with what and where, CancelledError on cancel.
 */
export async function importSpreadsheet(
  path: string,
  bytes: number,
  container: WorkbookContainer,
  options: SpreadsheetOptions = {},
): Promise<Dataset> {
  const started = performance.now()
  const fileName = options.fileName ?? basename(path)
  const reader = await openWorkbook(path, fileName, container, options)
  try {
    const read = await readChosenSheet(reader, fileName, options)
    options.onProgress?.(progress(bytes, bytes, read.table.rows))
    return {
      info: datasetInfo(reader, read, { path, fileName, bytes, settings: options.settings ?? {}, started }),
      columns: read.table.columns,
    }
  } finally {
    await reader.close().catch(() => undefined)
  }
}

async function openWorkbook(
  path: string,
  fileName: string,
  container: WorkbookContainer,
  options: SpreadsheetOptions,
): Promise<WorkbookReader> {
  const limit = options.memoryLimitBytes ?? memoryLimit()
  if (container === 'cfb') return openXls(path, fileName, limit)
  const maxUnzippedBytes = options.maxUnzippedBytes ?? DEFAULT_MAX_UNZIPPED_BYTES
  const pkg = await ZipPackage.open(path, fileName, 'workbook', { maxUnzippedBytes })
  try {
    if (pkg.has('[Content_Types].xml')) {
      return await openXlsx(pkg, fileName, {
        maxSharedStringsBytes:
          options.maxSharedStringsBytes ?? DEFAULT_SHARED_STRING_LIMITS.maxSharedStringsBytes,
        maxSharedStrings: options.maxSharedStrings ?? DEFAULT_SHARED_STRING_LIMITS.maxSharedStrings,
      })
    }
    if (pkg.has('mimetype') || pkg.has('content.xml')) return await openOds(pkg, fileName)
  } catch (e) {
    pkg.close()
    throw e
  }
  pkg.close()
  throw new ImportError(
    `${fileName} is a zip archive but not a spreadsheet (it holds neither an Excel workbook nor an OpenDocument spreadsheet). Open a .xlsx, .xls, .ods or CSV file.`,
  )
}

interface ChosenSheet {
  index: number
  name: string
  table: SheetTableResult
  /** The sheet the import chose itself (no sheet named in the settings). */
  chosen: boolean
  sizes: SheetSize[]
  warnings: string[]
}

/** Cell rules for spreadsheets: point decimals (cells hold numbers, not localized text), CSV's missing tokens. */
function cellRules(settings: ImportSettings): { rules: CellRules; missingTokens: string[] } {
  const missingTokens = settings.missingTokens ?? [...DEFAULT_MISSING_TOKENS]
  return {
    missingTokens,
    rules: {
      decimal: POINT,
      missing: new Set(missingTokens.map((t) => t.trim())),
      missingFirst: missingTokens.some((t) => parseNumber(t) === parseNumber(t)),
    },
  }
}

/**
 * One scan through the workbook: the named sheet is read; without a name each visible sheet is read in
 * turn until one has a numeric column (the rest are only measured). Falls back to the first non-empty
 * sheet (hidden ones last) when none is numeric.
 */
async function readChosenSheet(
  reader: WorkbookReader,
  fileName: string,
  options: SpreadsheetOptions,
): Promise<ChosenSheet> {
  const settings = options.settings ?? {}
  const { rules } = cellRules(settings)
  const wanted = settings.sheet
  if (wanted !== undefined && reader.sheets.length > 0) findSheet(reader, wanted, fileName)
  const limit = options.memoryLimitBytes ?? memoryLimit()
  const warnings: string[] = [...reader.notes]
  // Cast so control-flow narrowing does not assume the callbacks below never assign them.
  let chosen = null as ChosenSheet | null
  let fallback = null as ChosenSheet | null
  let table = null as SheetTable | null
  let lastProgress = performance.now()
  const skipped: string[] = []

  await reader.scan({
    enter: (i) => {
      const sheet = reader.sheets[i]
      const read = chosen === null && (wanted === undefined ? !sheet.hidden : sheet.name === wanted)
      if (!read) return sheet.rows === null ? 'count' : 'skip'
      table = new SheetTable({
        fileName,
        sheet: sheet.name,
        rules,
        headerRow: settings.headerRow,
        header: settings.header,
        memoryLimit: limit,
        memoryLimitFromOption: options.memoryLimitBytes !== undefined,
        capacity: sheet.rows ?? 1024,
      })
      return 'rows'
    },
    row: (r) => table?.row(r),
    leave: (i, end) => {
      const current = table
      table = null
      if (current === null) return
      const name = reader.sheets[i].name
      const result = current.finish(end.merges)
      if (current.tooWide > 0) {
        const problem = tooWideMessage(fileName, name, current.tooWide)
        if (wanted !== undefined) throw new ImportError(problem)
        skipped.push(problem)
        return
      }
      const candidate = {
        index: i,
        name,
        table: result,
        chosen: wanted === undefined,
        sizes: [],
        warnings: end.uncalculated ? [uncalculatedNote(fileName, name, end.uncalculated)] : [],
      }
      if (wanted !== undefined || result.numeric) chosen = candidate
      else if (fallback === null && result.rows > 0) fallback = candidate
    },
    isCancelled: () => options.isCancelled?.() ?? false,
    onBytes: (done, total) => {
      const now = performance.now()
      if (options.onProgress && now - lastProgress >= PROGRESS_MS) {
        lastProgress = now
        options.onProgress(progress(done, total, table?.rows ?? 0))
      }
    },
  })
  if (options.isCancelled?.()) throw new CancelledError(`Import of ${fileName} cancelled.`)
  if (reader.sheets.length === 0)
    throw new ImportError(`${fileName} has no sheets: there is nothing to import.`)
  if (wanted !== undefined) findSheet(reader, wanted, fileName)
  const pick = chosen ?? fallback ?? (await readHiddenFallback(reader, fileName, options))
  if (pick === null) throw emptyWorkbook(reader, fileName, skipped)
  if (pick.table.rows === 0) throw noDataRows(reader, fileName, pick)
  pick.sizes = reader.sheets.map((s) => ({ name: s.name, rows: s.rows ?? 0, columns: s.columns ?? 0 }))
  if (!pick.table.numeric && pick.chosen) {
    warnings.push(`No sheet of ${fileName} has a numeric column; showing sheet "${pick.name}".`)
  }
  pick.warnings = [...warnings, ...skipped, ...pick.warnings, ...pick.table.warnings]
  return pick
}

/** Formula cells without a stored result read as empty: say so, and how to get their values. */
function uncalculatedNote(fileName: string, sheet: string, u: { cells: number; first: string }): string {
  const cells =
    u.cells === 1
      ? `1 formula cell (${u.first}) has`
      : `${u.cells.toLocaleString('en-US')} formula cells (the first is ${u.first}) have`
  return `Sheet "${sheet}": ${cells} no stored result, so they read as empty: the program that wrote ${fileName} did not calculate its formulas. Open it in a spreadsheet program, save it, and import it again.`
}

/** When every visible sheet is empty, a hidden sheet with data is better than nothing. */
async function readHiddenFallback(
  reader: WorkbookReader,
  fileName: string,
  options: SpreadsheetOptions,
): Promise<ChosenSheet | null> {
  const hidden = reader.sheets.find((s) => s.hidden && (s.rows ?? 0) > 0)
  if (!hidden || options.settings?.sheet !== undefined) return null
  const again = await readChosenSheet(reader, fileName, {
    ...options,
    settings: { ...options.settings, sheet: hidden.name },
  })
  return { ...again, chosen: true }
}

function findSheet(reader: WorkbookReader, wanted: string, fileName: string): number {
  const index = reader.sheets.findIndex((s) => s.name === wanted)
  if (index >= 0) return index
  throw new ImportError(
    `${fileName} has no sheet "${wanted}"; its sheets are ${reader.sheets.map((s) => `"${s.name}"`).join(', ')}.`,
  )
}

function tooWideMessage(fileName: string, sheet: string, column: number): string {
  return `Sheet "${sheet}" of ${fileName} uses column ${column.toLocaleString('en-US')} (${columnLetters(column)}): more than the ${MAX_SHEET_COLUMNS.toLocaleString('en-US')} columns a spreadsheet can have, so it was not read. Remove the stray cells far to the right and save again.`
}

function emptyWorkbook(reader: WorkbookReader, fileName: string, skipped: string[]): ImportError {
  if (skipped.length > 0) return new ImportError(skipped.join(' '))
  const names = reader.sheets.map((s) => `"${s.name}"`).join(', ')
  return new ImportError(
    `${fileName} has no data: its sheet${reader.sheets.length === 1 ? '' : 's'} ${names} ${reader.sheets.length === 1 ? 'is' : 'are all'} empty.`,
  )
}

function noDataRows(reader: WorkbookReader, fileName: string, pick: ChosenSheet): ImportError {
  const sheet = reader.sheets[pick.index]
  if ((sheet.rows ?? 0) === 0) {
    return new ImportError(`Sheet "${pick.name}" of ${fileName} is empty: there is nothing to import.`)
  }
  return new ImportError(
    `Sheet "${pick.name}" of ${fileName} has a header (row ${pick.table.headerRow}: ${pick.table.columns.map((c) => `"${c.info.name}"`).join(', ')}) but no data rows below it.`,
  )
}

function datasetInfo(
  reader: WorkbookReader,
  read: ChosenSheet,
  file: { path: string; fileName: string; bytes: number; settings: ImportSettings; started: number },
): DatasetInfo {
  const { table } = read
  const { missingTokens } = cellRules(file.settings)
  const header = table.headerRow > 0
  return {
    path: file.path,
    fileName: file.fileName,
    bytes: file.bytes,
    rows: table.rows,
    settings: {
      delimiter: ',',
      decimal: 'point',
      header,
      encoding: 'utf-8',
      missingTokens,
      sheet: read.name,
      headerRow: table.headerRow,
    },
    detected: {
      delimiter: ',',
      decimal: 'point',
      header: table.detectedHeaderRow > 0,
      encoding: 'utf-8',
      lineEnding: 'none',
      headerRow: table.detectedHeaderRow,
      ...(read.chosen ? { sheet: read.name } : {}),
    },
    format: reader.format,
    sheets: read.sizes,
    sheet: read.name,
    columns: table.columns.map((c) => c.info),
    preview: table.preview,
    warnings: read.warnings,
    seconds: (performance.now() - file.started) / 1000,
  }
}
