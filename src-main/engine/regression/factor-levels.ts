import type { EngineColumn } from '../import/dataset'

/** A text column read as a factor: its sorted levels and one level index per data row (-1 missing). */
export interface Factor {
  levels: string[]
  codes: Int32Array
}

/**
 * A text column's categories, or null when it has none (numeric, too many distinct values, or dates, which
 * the import keeps as categories for groups but a regression does not take as a factor). The one place
 * regression reads how the import keeps text columns.
 */
export function factorOf(column: EngineColumn): Factor | null {
  return column.info.type === 'text' ? (column.categories ?? null) : null
}
