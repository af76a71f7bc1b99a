import { runEnd } from '../stats/sorted-runs'

/** Probability mass and cdf of a fitted discrete model. */
export interface DiscreteModel {
  pmf(k: number): number
  cdf(k: number): number
}

/** Smallest expected count per group. */
const MIN_EXPECTED = 5

/**
 * Pearson chi-square over grouped integer counts: cells (-inf, min], min+1, ..., [max, inf) with expected
 * counts n * probability, adjacent cells merged left to right until each expects >= 5 (a short last group
 * joins its neighbour). Returns the statistic and the number of groups (null when fewer than 2 groups).
 */
export function groupedChiSquare(
  sorted: Float64Array,
  model: DiscreteModel,
  weights?: Float64Array | null,
): { statistic: number; groups: number } | null {
  const len = sorted.length
  // Frequency weights: a value's observed count is the sum of its weights, n their total.
  let n = len
  if (weights) {
    n = 0
    for (let i = 0; i < len; i++) n += weights[i]
  }
  const lo = sorted[0]
  const hi = sorted[len - 1]
  const groupsObserved: number[] = []
  const groupsExpected: number[] = []
  let obs = 0
  let exp = 0
  let i = 0
  for (let k = lo; k <= hi; k++) {
    // The run of k's by bisection (a million counts are a few dozen runs), its weights added in order.
    let count = 0
    if (i < len && sorted[i] === k) {
      const end = runEnd(sorted, i)
      if (!weights) count = end - i
      else for (let j = i; j < end; j++) count += weights[j]
      i = end
    }
    let p: number
    if (k === lo && k === hi) p = 1
    else if (k === lo) p = model.cdf(k)
    else if (k === hi) p = 1 - model.cdf(k - 1)
    else p = model.pmf(k)
    obs += count
    exp += n * (Number.isFinite(p) ? Math.max(p, 0) : 0)
    if (exp >= MIN_EXPECTED && k < hi) {
      groupsObserved.push(obs)
      groupsExpected.push(exp)
      obs = 0
      exp = 0
    }
    // Very wide ranges (e.g. counts up to 1e6) would make millions of cells: stop at 1e5 integers.
    if (k - lo > 100_000) return null
  }
  if (exp < MIN_EXPECTED && groupsObserved.length > 0) {
    groupsObserved[groupsObserved.length - 1] += obs
    groupsExpected[groupsExpected.length - 1] += exp
  } else {
    groupsObserved.push(obs)
    groupsExpected.push(exp)
  }
  if (groupsObserved.length < 2) return null
  let statistic = 0
  for (let g = 0; g < groupsObserved.length; g++) {
    const e = groupsExpected[g]
    const d = groupsObserved[g] - e
    statistic += e > 0 ? (d * d) / e : d === 0 ? 0 : Infinity
  }
  return { statistic, groups: groupsObserved.length }
}
