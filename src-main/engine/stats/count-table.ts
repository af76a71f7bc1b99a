import factorialln from '@stdlib/math-base-special-factorialln'
import { statistic, weightAt, type Sample } from './sample'

/** Sufficient statistics of a count column: n, sum, sum log x!, and its distinct values with their counts. */
export interface CountTable {
  n: number
  sum: number
  sumLogFactorial: number
  /** Distinct values, ascending. */
  values: Float64Array
  counts: Float64Array
}

/** One pass over the sorted counts (NaN sums when a value is not a non-negative integer). */
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
    // Frequency weights: a value's count is the sum of its weights.
    let count = weightAt(w, i)
    let j = i + 1
    while (j < n && sorted[j] === v) count += weightAt(w, j++)
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
