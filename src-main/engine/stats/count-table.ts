import factorialln from '@stdlib/math-base-special-factorialln'
import { statistic, type Sample } from './sample'
import { runEnd } from './sorted-runs'

/** Sufficient statistics of a count column: n, sum, sum log x!, and its distinct values with their counts. */
export interface CountTable {
  n: number
  sum: number
  sumLogFactorial: number
  /** Distinct values, ascending. */
  values: Float64Array
  counts: Float64Array
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
