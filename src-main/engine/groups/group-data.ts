import type { Exclusion, WeightsInfo } from '../../../src-shared/contract'
import { finiteSortedValues } from '../import/dataset'
import { weightedColumn, weightsInfo } from '../stats/frequency-weights'
import type { GroupCodes } from './group-codes'

/** The data of one group (or of several pooled), in the form a fit takes. */
export interface GroupData {
  sorted: Float64Array
  rows: Float64Array
  sortedWeights?: Float64Array
  weightsInfo?: WeightsInfo
  /** Data rows with this By value (after the exclusion rules: rows with a value). */
  rowCount: number
  used: number
  total?: number
}

/** The column after the exclusion rules, the By column's codes and the weights column, when given. */
export interface GroupSource {
  /** One value per data row, NaN where missing or excluded. */
  rows: Float64Array
  groups: GroupCodes
  weights?: { column: string; values: Float64Array }
  column: string
}

/**
 * Rows whose By value is missing cannot belong to a group: they are left out of every fit (including the
 * pooled one, so the test compares like with like) and reported as an exclusion with their count.
 */
export function withoutUngrouped(
  source: GroupSource,
  by: string,
): { source: GroupSource; exclusion?: Exclusion } {
  const { rows, groups } = source
  let removed = 0
  const out = Float64Array.from(rows)
  for (let i = 0; i < out.length; i++) {
    if (out[i] === out[i] && groups.codes[i] < 0) {
      out[i] = NaN
      removed++
    }
  }
  if (removed === 0) return { source }
  return {
    source: { ...source, rows: out },
    exclusion: { rule: `rows with no value in "${by}"`, rows: removed },
  }
}

/**
 * The data of the groups in `members` (one group, or the pooled set): each row keeps its value when its
 * group is a member, NaN otherwise; so row numbers in messages stay those of the file. Weighted data go
 * through the same pairing as any weighted fit (`weightedColumn`); null when no value remains.
 */
export function groupData(source: GroupSource, members: ReadonlySet<number>): GroupData | null {
  const { rows, groups } = source
  const mine = new Float64Array(rows.length).fill(NaN)
  let rowCount = 0
  let present = 0
  for (let i = 0; i < rows.length; i++) {
    if (!members.has(groups.codes[i])) continue
    rowCount++
    mine[i] = rows[i]
    if (rows[i] === rows[i]) present++
  }
  if (present === 0) return null
  if (!source.weights) {
    const sorted = finiteSortedValues(mine)
    return { sorted, rows: mine, rowCount, used: sorted.length }
  }
  const names = { column: source.column, weights: source.weights.column }
  const positive = mine.some((x, i) => x === x && source.weights!.values[i] > 0)
  if (!positive) return null
  const paired = weightedColumn(mine, source.weights.values, names)
  return {
    sorted: paired.sorted,
    rows: paired.rows,
    sortedWeights: paired.weights,
    weightsInfo: weightsInfo(paired, source.weights.column),
    rowCount,
    used: paired.used,
    total: paired.total,
  }
}
