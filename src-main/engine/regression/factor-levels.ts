import type { EngineColumn } from '../import/dataset'

/** A text column read as a factor: its sorted levels and one level index per data row (-1 missing). */
export interface Factor {
  levels: string[]
  codes: Int32Array
}

/**
 * The column's categories, or null when it has none (numeric, or too many distinct values). The one
 * place regression reads how the import keeps text columns.
 */
export function factorOf(column: EngineColumn): Factor | null {
  return column.categories ?? null
}
