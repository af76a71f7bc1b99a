import * as v from 'valibot'
import { Count, List, MAX_COLUMNS, MAX_LEVELS, MAX_NAME_CHARS, Name, Real, Text } from './primitives'

/** How a column's cells were typed, from the whole column (not the first rows). */
export const ColumnTypeSchema = v.picklist(['integer', 'real', 'boolean', 'date', 'text', 'empty'])

/** One column of an imported CSV file, as the engine typed it from the whole column. */
export const ColumnInfoSchema = v.strictObject({
  /** Zero-based position in the file. */
  index: Count(MAX_COLUMNS),
  name: v.pipe(v.string(), v.maxLength(MAX_NAME_CHARS)),
  /** True when numeric work (fits, summaries) can use the column: integer, real or boolean (as 0/1). */
  numeric: v.boolean(),
  type: ColumnTypeSchema,
  /**
   * Cells holding a value of the column's type: numbers (integer, real), 0/1 and true/false/yes/no
   * (boolean), dates (date), any non-missing text (text).
   */
  count: Count(Number.MAX_SAFE_INTEGER),
  /** Empty cells or missing-value tokens (NA, NaN, null, ...). */
  missing: Count(Number.MAX_SAFE_INTEGER),
  /**
   * Non-missing cells numeric work cannot use: in numeric columns the stray cells (excluded, set to NaN);
   * in date and text columns every non-missing cell.
   */
  nonNumeric: Count(Number.MAX_SAFE_INTEGER),
  /**
   * First few cells that do not fit the column's type (numeric and date columns): 1-based data row
   * number (spreadsheets: the row number the spreadsheet shows) and the raw text. Empty for text columns.
   */
  nonNumericExamples: List(v.strictObject({ row: Count(Number.MAX_SAFE_INTEGER), value: Text }), 100),
  /** Text columns with at most MAX_LEVELS distinct values: those values in sorted order (regression factors). */
  levels: v.optional(List(Text, MAX_LEVELS)),
})

/** Import settings; each one is detected when absent, and the user can override it (then re-import). */
export const ImportSettingsSchema = v.strictObject({
  delimiter: v.optional(v.picklist([',', ';', '\t', '|'])),
  /** Decimal separator; thousands separators (`1,234.5`, `1 234,5`, `1.234,5`) follow from it. */
  decimal: v.optional(v.picklist(['point', 'comma'])),
  header: v.optional(v.boolean()),
  encoding: v.optional(v.picklist(['utf-8', 'utf-16le', 'utf-16be', 'windows-1252'])),
  /** Cells read as missing, compared after trimming. */
  missingTokens: v.optional(List(v.pipe(v.string(), v.maxLength(100)), 100)),
  /** Spreadsheets only: the sheet to read (default: the first sheet with a numeric column). */
  sheet: v.optional(v.pipe(v.string(), v.maxLength(MAX_NAME_CHARS))),
  /**
   * Spreadsheets only: the header's row number as the spreadsheet shows it (1-based); rows above it are
   * skipped. 0 = no header (data from the first non-empty row). Default: detected.
   */
  headerRow: v.optional(Count(1_048_576)),
})

/** The settings only spreadsheets have; absent from a CSV import's settings. */
export const SPREADSHEET_SETTINGS = ['sheet', 'headerRow'] as const

/** One sheet of a workbook: its name and used size (last used row and column, as the spreadsheet counts). */
export const SheetSizeSchema = v.strictObject({
  name: v.pipe(v.string(), v.maxLength(MAX_NAME_CHARS)),
  rows: Count(Number.MAX_SAFE_INTEGER),
  columns: Count(Number.MAX_SAFE_INTEGER),
})

const CsvSettingsSchema = v.omit(ImportSettingsSchema, SPREADSHEET_SETTINGS)
const SpreadsheetSettingsSchema = v.pick(ImportSettingsSchema, SPREADSHEET_SETTINGS)

/** How many distinct values a status column has: the event's and the censored one. */
export const STATUS_CODES = 2

/** Descriptive statistics of one numeric column (missing and non-numeric cells excluded). */
export const ColumnSummarySchema = v.strictObject({
  column: Name,
  n: Count(Number.MAX_SAFE_INTEGER),
  mean: Real,
  /** Sample standard deviation (divides by n - 1); NaN when n < 2. */
  sd: Real,
  min: Real,
  max: Real,
  /** Sample skewness g1 (moment estimator, divides by n). NaN when sd is 0 or n < 2. */
  skewness: Real,
  /** Excess kurtosis g2 (moment estimator, divides by n; 0 for a normal). NaN when sd is 0 or n < 2. */
  kurtosis: Real,
  /** True when every value is a whole number (counts): discrete families apply. */
  integer: v.boolean(),
  /**
   * Its distinct values, ascending, when it has at most STATUS_CODES of them: a status column's codes (the
   * censoring panel asks which one marks an event when they are not 1 and 0). Absent with more values.
   */
  values: v.optional(List(Real, STATUS_CODES)),
})

/** The core's name for one import of a file (`DatasetInfo.id`). */
export const DatasetIdSchema = v.pipe(
  v.string(),
  v.regex(/^[\w-]{1,64}$/, 'a dataset id (1-64 letters, digits, _ -)'),
)

/** What the engine holds after an import. The columns themselves stay in the engine. */
export const DatasetInfoSchema = v.strictObject({
  /**
   * The core's name for this import: a new one each time a file is opened or re-imported, the same when an
   * engine restart imports it again. Results of work started on one import never land on another (another
   * file with the same column names). Absent from the engine's own answer (the core adds it).
   */
  id: v.optional(DatasetIdSchema),
  /** Absolute path of the imported file (browser mode: the uploaded copy). */
  path: v.pipe(v.string(), v.maxLength(4096)),
  /** File name shown to the user (browser mode: the uploaded file's own name). */
  fileName: v.pipe(v.string(), v.maxLength(1000)),
  bytes: Count(Number.MAX_SAFE_INTEGER),
  /** Data rows (header excluded). */
  rows: Count(Number.MAX_SAFE_INTEGER),
  /** The settings the import used: detected ones plus the user's overrides. */
  settings: v.strictObject({
    ...v.required(CsvSettingsSchema).entries,
    ...SpreadsheetSettingsSchema.entries,
  }),
  /**
   * What detection found, whatever the overrides (for "detected: ..." hints in the UI). Spreadsheets:
   * `headerRow` as detected, `sheet` the default sheet when the import chose it.
   */
  detected: v.strictObject({
    ...v.required(v.omit(CsvSettingsSchema, ['missingTokens'])).entries,
    ...SpreadsheetSettingsSchema.entries,
    lineEnding: v.picklist(['LF', 'CRLF', 'CR', 'none']),
  }),
  /** What the file is (absent: csv). Spreadsheets read the same columns, types and missing tokens as CSV. */
  format: v.optional(v.picklist(['csv', 'xlsx', 'xls', 'ods'])),
  /** Spreadsheets: every sheet of the workbook, in order, with its used size. */
  sheets: v.optional(List(SheetSizeSchema, 10_000)),
  /** Spreadsheets: the sheet that was read. */
  sheet: v.optional(v.pipe(v.string(), v.maxLength(MAX_NAME_CHARS))),
  columns: List(ColumnInfoSchema, MAX_COLUMNS),
  /** First rows (at most 100) as raw cell text, for the preview table. */
  preview: List(List(v.string(), MAX_COLUMNS), 100),
  /** Human-readable notes on what was excluded or adjusted during import, each saying where. */
  warnings: List(Text, 1000),
  /** Seconds the import took. */
  seconds: Real,
  /**
   * The summary of the first numeric column (the one an opened file selects), computed with the import so
   * the page shows it without asking again; absent when no column is numeric.
   */
  firstSummary: v.optional(ColumnSummarySchema),
})
