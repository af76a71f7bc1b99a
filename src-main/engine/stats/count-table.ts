import factorialln from '@stdlib/math-base-special-factorialln'
import { statistic, type Sample } from './sample'

/** Sufficient statistics of a count column: n, sum, sum log x!, and its distinct values with their counts. */
export interface CountTable {
  n: number
  sum: number
  sumLogFactorial: number
  /** Distinct values, ascending. */
  values: Float64Array
  counts: Float64Array
}

/**
 * The index after the run of sorted[i]'s value: galloping then bisection, so a column of a million counts
 * with a few dozen distinct values costs O(distinct log n) comparisons, not a pass.
 */
function runEnd(sorted: Float64Array, i: number): number {
  const v = sorted[i]
  let step = 1
  let lo = i
  while (lo + step < sorted.length && sorted[lo + step] === v) {
    lo += step
    step *= 2
  }
  let hi = Math.min(lo + step, sorted.length)
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1
    if (sorted[mid] === v) lo = mid
    else hi = mid
  }
  return hi
}

/** Over the distinct sorted counts (NaN sums when a value is not a non-negative integer). */
export const countTable = statistic((sample: Sample): CountTable => {
  const sorted = sample.sorted
  const w = sample.sortedWeights
  const n = sorted.length
  const values: number[] = []
  const counts: number[] = []
  let sum = 0
  let sumLogFactorial = 0
  for (let i = 0; i < n;) {
    const v = sorted[i]
    const j = runEnd(sorted, i)
    // Frequency weights: a value's count is the sum of its weights.
    let count = j - i
    if (w) {
      count = 0
      for (let k = i; k < j; k++) count += w[k]
    }
    values.push(v)
    counts.push(count)
    sum += v * count
    sumLogFactorial += factorialln(v) * count
    i = j
  }
  return {
    n: sample.n,
    sum,
    sumLogFactorial,
    values: Float64Array.from(values),
    counts: Float64Array.from(counts),
  }
})
