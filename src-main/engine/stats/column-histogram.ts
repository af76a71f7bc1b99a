import type { BinRule, HistogramBin } from '../../../src-shared/contract'
import { binCount, histogram, integerHistogram } from './histogram'

const cache = new WeakMap<Float64Array, Map<string, HistogramBin[]>>()

/**
 * The histogram a fit result shows for a sorted column: one bar per integer for discrete families (while
 * the range allows), else equal-width bins by the rule. Cached per column and rule, since fit-all asks
 * once per family (a pass over the column each); every call gets its own copy of the bins.
 */
export function columnHistogram(
  sorted: Float64Array,
  discrete: boolean,
  bins?: BinRule,
  weights?: Float64Array,
): HistogramBin[] {
  const key = `${discrete ? 'discrete' : 'continuous'}:${String(bins ?? 'fd')}`
  // Weighted columns are cached by their weights (one per values/weights pair).
  let byRule = cache.get(weights ?? sorted)
  if (!byRule) {
    byRule = new Map()
    cache.set(weights ?? sorted, byRule)
  }
  let hist = byRule.get(key)
  if (!hist) {
    hist = discrete
      ? (integerHistogram(sorted, weights) ?? histogram(sorted, binCount(sorted, bins, weights), weights))
      : histogram(sorted, binCount(sorted, bins, weights), weights)
    byRule.set(key, hist)
  }
  return hist.map((bin) => ({ ...bin }))
}
