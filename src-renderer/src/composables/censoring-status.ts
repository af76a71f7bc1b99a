import type { Censoring, ColumnInfo, DatasetInfo } from '../../../src-shared/contract'

/** A text column with more values than this is not offered as a status (it needs two; a few strays shown). */
export const TEXT_STATUS_MAX_VALUES = 6

/** A text column's values when it could be a status column (2 to TEXT_STATUS_MAX_VALUES of them), else null. */
export function statusLevels(col: ColumnInfo): string[] | null {
  const levels = col.levels
  if (col.numeric || !levels || levels.length < 2 || levels.length > TEXT_STATUS_MAX_VALUES) return null
  return levels
}

/**
 * The censoring choice kept for a newly opened file: its columns must be there (numeric, or a status of
 * text); the observed value of a text status only while that column still holds it.
 */
export function keptCensoring(c: Censoring | null, next: DatasetInfo): Censoring | null {
  if (!c) return null
  const col = next.columns.find((x) => x.name === ('status' in c ? c.status : c.upper))
  if (!col) return null
  if (!('status' in c)) return col.numeric ? c : null
  if (col.numeric) return c
  const levels = statusLevels(col)
  if (!levels) return null
  return c.event !== undefined && levels.includes(c.event) ? c : { status: c.status }
}
