import type { ColumnInfo } from '../../src-shared/contract'
import type { Dataset } from '../../src-main/engine/import/dataset'

/**
 * A Dataset built from named numeric columns (NaN = missing), as the importer would type them. For tests
 * and the benchmark: regression code reads only the columns' values and names.
 */
export function inMemoryDataset(
  columns: Record<string, ArrayLike<number>>,
  fileName = 'memory.csv',
): Dataset {
  const entries = Object.entries(columns)
  const rows = entries.length > 0 ? entries[0][1].length : 0
  return {
    info: {
      path: fileName,
      fileName,
      bytes: 0,
      rows,
      settings: { delimiter: ',', decimal: 'point', header: true, encoding: 'utf-8', missingTokens: [] },
      detected: { delimiter: ',', decimal: 'point', header: true, encoding: 'utf-8', lineEnding: 'LF' },
      columns: [],
      preview: [],
      warnings: [],
      seconds: 0,
    },
    columns: entries.map(([name, v], index) => {
      const values = Float64Array.from(v)
      let count = 0
      for (const x of values) if (Number.isFinite(x)) count++
      const info: ColumnInfo = {
        index,
        name,
        numeric: true,
        type: 'real',
        count,
        missing: values.length - count,
        nonNumeric: 0,
        nonNumericExamples: [],
      }
      return { info, values }
    }),
  }
}
