import type { ColumnInfo, DatasetInfo } from '../../../src-shared/contract'
import type { Categories } from './category-codes'
import { sortFinite } from './sort-values'

/** A column as the engine keeps it: one value per data row, NaN where missing or non-numeric. */
export interface EngineColumn {
  info: ColumnInfo
  values: Float64Array
  /** Text and date columns: their cells as categories (absent or null otherwise: see `BuiltColumn`). */
  categories?: Categories | null
}

/** An imported file: what the renderer sees (info) plus the columns that stay in the engine. */
export interface Dataset {
  info: DatasetInfo
  columns: EngineColumn[]
}

/** The finite values of a column, sorted ascending (what fits, summaries and histograms work on). */
export function finiteSorted(column: EngineColumn): Float64Array {
  return finiteSortedValues(column.values)
}

/** The finite values of one value per row, sorted ascending (a new array). */
export function finiteSortedValues(v: Float64Array): Float64Array {
  const finite = finiteValues(v)
  return sortFinite(finite === v ? v.slice() : finite)
}

/**
 * The finite values of one value per row, in row order: `v` itself when every value is finite (the common
 * case, no 8 MB copy per million rows: read it, never write it), else a copy of the finite ones.
 */
export function finiteValues(v: Float64Array): Float64Array {
  let n = 0
  for (let i = 0; i < v.length; i++) if (Number.isFinite(v[i])) n++
  if (n === v.length) return v
  const out = new Float64Array(n)
  let j = 0
  for (let i = 0; i < v.length; i++) if (Number.isFinite(v[i])) out[j++] = v[i]
  return out
}
