import type { ColumnInfo, ColumnSummary, DatasetInfo } from '../../../src-shared/contract'

/** A column as the engine types it (numeric columns count every value). */
export function columnInfo(index: number, name: string, numeric = true): ColumnInfo {
  return {
    index,
    name,
    numeric,
    type: numeric ? 'real' : 'text',
    count: 200,
    missing: 0,
    nonNumeric: 0,
    nonNumericExamples: [],
  }
}

/** An imported CSV as the engine describes it, with the given columns. */
export function datasetInfo(fileName: string, columns: ColumnInfo[]): DatasetInfo {
  return {
    path: `/data/${fileName}`,
    fileName,
    bytes: 4096,
    rows: 200,
    settings: { delimiter: ',', decimal: 'point', header: true, encoding: 'utf-8', missingTokens: ['NA'] },
    detected: { delimiter: ',', decimal: 'point', header: true, encoding: 'utf-8', lineEnding: 'LF' },
    columns,
    preview: [],
    warnings: [],
    seconds: 0.01,
  }
}

/** A column's summary with the given range (whole numbers when `integer`). */
export function columnSummary(column: string, min: number, max: number, integer = false): ColumnSummary {
  return { column, n: 200, mean: (min + max) / 2, sd: 1, min, max, skewness: 0.3, kurtosis: 0.1, integer }
}

/** weights.csv: two real columns and a text one. */
export const WEIGHTS = datasetInfo('weights.csv', [
  columnInfo(0, 'weight'),
  columnInfo(1, 'height'),
  columnInfo(2, 'name', false),
])
