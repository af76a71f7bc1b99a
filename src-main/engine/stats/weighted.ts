import type { LogMoments, Moments } from './sample-moments'
import { sortedMad, sortedMedian, sortedQuantile } from './order-statistics'
import { Sample, statistic, weightAt } from './sample'

/*
 * The frequency-weights dimension of the Sample's statistics, kept apart from the unweighted forms: a
 * value with weight w counts as w observations, so with whole-number weights every statistic here equals
 * the unweighted one of the expanded data (the test fits value/count tables against their expansion).
 */

/** Moments of a weighted sample: sums of w d and w d^2 with d = x / s - shift / s (see `moments`). */
export function weightedMoments(sample: Sample): Moments {
  const data = sample.values
  const w = sample.weights
  const len = data.length
  let min = Infinity
  let max = -Infinity
  for (let i = 0; i < len; i++) {
    if (data[i] < min) min = data[i]
    if (data[i] > max) max = data[i]
  }
  const maxAbs = Math.max(Math.abs(min), Math.abs(max))
  const s = maxAbs > 0 && Number.isFinite(maxAbs) ? 2 ** Math.floor(Math.log2(maxAbs)) : 1
  const shift = len > 0 ? data[len >> 1] : NaN
  const shiftScaled = shift / s
  let total = 0
  let sd1 = 0
  let sd2 = 0
  for (let i = 0; i < len; i++) {
    const wi = weightAt(w, i)
    const d = data[i] / s - shiftScaled
    total += wi
    sd1 += wi * d
    sd2 += wi * d * d
  }
  const offsetScaled = sd1 / total
  const m2 = Math.max(sd2 - sd1 * offsetScaled, 0)
  const mean = Math.min(Math.max((shiftScaled + offsetScaled) * s, min), max)
  return { n: total, mean, shift, meanOffset: offsetScaled * s, sd: Math.sqrt(m2 / total) * s, min, max }
}

/** Weighted mean and population standard deviation of log x (x > 0). */
export function weightedLogMoments(sample: Sample): LogMoments {
  const data = sample.values
  const w = sample.weights
  const len = data.length
  const shift = len > 0 ? Math.log(data[len >> 1]) : 0
  let total = 0
  let s1 = 0
  let s2 = 0
  for (let i = 0; i < len; i++) {
    const wi = weightAt(w, i)
    const d = Math.log(data[i]) - shift
    total += wi
    s1 += wi * d
    s2 += wi * d * d
  }
  const offset = s1 / total
  return { n: total, meanLog: shift + offset, sdLog: Math.sqrt(Math.max(s2 - s1 * offset, 0) / total) }
}

/** Cumulative weights of `sorted`: c[0] = 0, c[i + 1] = c[i] + w[i] (so c[n] is the total weight). */
export const cumulativeWeights = statistic((sample: Sample): Float64Array => {
  const w = sample.sortedWeights
  const len = sample.sorted.length
  const c = new Float64Array(len + 1)
  for (let i = 0; i < len; i++) c[i + 1] = c[i] + weightAt(w, i)
  return c
})

/** The sorted value at (0-based) observation position t of the expanded sample: the point whose weight covers t. */
function valueAtPosition(sorted: Float64Array, c: Float64Array, t: number): number {
  let lo = 0
  let hi = sorted.length - 1
  // The first point i with c[i + 1] > t.
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (c[mid + 1] > t) hi = mid
    else lo = mid + 1
  }
  return sorted[lo]
}

/**
 * The sorted value at (0-based) observation position t of the expanded sample: sorted[t] without weights,
 * else the value whose weight covers t (positional starts: quantile groups, a random observation).
 */
export function sampleValueAt(sample: Sample, t: number): number {
  if (!sample.weights) return sample.sorted[Math.min(t, sample.sorted.length - 1)]
  return valueAtPosition(sample.sorted, cumulativeWeights(sample), t)
}

/**
 * Sample quantile by linear interpolation (R type 7) between observation positions h = (n - 1) q of the
 * expanded sample, n the total weight: the unweighted `sortedQuantile` of the expanded data for
 * whole-number weights, and its natural extension for fractional ones.
 */
export function sampleQuantile(sample: Sample, q: number): number {
  if (!sample.weights) return sortedQuantile(sample.sorted, q)
  const sorted = sample.sorted
  const c = cumulativeWeights(sample)
  const n = c[c.length - 1]
  if (sorted.length === 0) return NaN
  const h = Math.max(0, (n - 1) * q)
  const lo = Math.floor(h)
  const a = valueAtPosition(sorted, c, lo)
  const b = valueAtPosition(sorted, c, Math.min(lo + 1, Math.max(n - 1, 0)))
  return a + (h - lo) * (b - a)
}

/** The median (type 7: the mean of the two middle observations for an even total weight). */
export function sampleMedian(sample: Sample): number {
  return sample.weights ? sampleQuantile(sample, 0.5) : sortedMedian(sample.sorted)
}

/** Median absolute deviation from the median (unscaled), with the weights of the values. */
export function sampleMad(sample: Sample): number {
  if (!sample.weights) return sortedMad(sample.sorted)
  const med = sampleMedian(sample)
  const sorted = sample.sorted
  const w = sample.sortedWeights
  const order = Array.from(sorted.keys()).sort(
    (a, b) => Math.abs(sorted[a] - med) - Math.abs(sorted[b] - med),
  )
  const deviations = Float64Array.from(order, (i) => Math.abs(sorted[i] - med))
  const weights = Float64Array.from(order, (i) => weightAt(w, i))
  return sampleMedian(Sample.sorted(deviations, weights))
}
