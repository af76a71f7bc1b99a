import { memoByArray } from './memo-by-array'

/** Population moments of a sample: n, mean, standard deviation (divides by n), min and max. */
export interface Moments {
  n: number
  mean: number
  /**
   * A data value near the middle and the mean of x - shift: (shift - mu) + meanOffset gives mean - mu
   * to full precision when mu is close to the data (the double nearest the mean cannot).
   */
  shift: number
  meanOffset: number
  /** sqrt(sum (x - mean)^2 / n). */
  sd: number
  min: number
  max: number
}

/** Power of two near max |x|: dividing by it is exact and keeps squares of values near 1e300 finite. */
function scaleOf(maxAbs: number): number {
  if (!(maxAbs > 0) || !Number.isFinite(maxAbs)) return 1
  return 2 ** Math.floor(Math.log2(maxAbs))
}

/**
 * Mean and standard deviation from sums shifted by the middle value (the median for sorted data) on values
 * scaled by a power of two, so neither huge (1e300) nor tiny (1e-300) values overflow or underflow in
 * the squares. A min/max pass and one summing pass.
 */
export const moments = memoByArray((data: Float64Array): Moments => {
  const n = data.length
  let min = Infinity
  let max = -Infinity
  for (let i = 0; i < n; i++) {
    const x = data[i]
    if (x < min) min = x
    if (x > max) max = x
  }
  const s = scaleOf(Math.max(Math.abs(min), Math.abs(max)))
  const shift = data[n >> 1]
  const shiftScaled = shift / s
  // One pass of shifted sums. With the median as the shift, |mean - shift| <= sd, so
  // sum d^2 - (sum d)^2 / n loses at most about one bit to cancellation.
  let sd1 = 0
  let sd2 = 0
  for (let i = 0; i < n; i++) {
    const d = data[i] / s - shiftScaled
    sd1 += d
    sd2 += d * d
  }
  const offsetScaled = sd1 / n
  const m2 = Math.max(sd2 - sd1 * offsetScaled, 0)
  // Summing offsets from a middle value keeps the mean within about half an ulp.
  const mean = Math.min(Math.max((shiftScaled + offsetScaled) * s, min), max)
  return { n, mean, shift, meanOffset: offsetScaled * s, sd: Math.sqrt(m2 / n) * s, min, max }
})

/** Moments of log x for positive data: mean and population standard deviation of log x. */
export interface LogMoments {
  n: number
  meanLog: number
  sdLog: number
}

/** Mean and population standard deviation of log x (x > 0), in one pass. */
export const logMoments = memoByArray((data: Float64Array): LogMoments => {
  const n = data.length
  // One pass of sums shifted by the log of the middle value (the median of log x for sorted data).
  const shift = n > 0 ? Math.log(data[n >> 1]) : 0
  let s1 = 0
  let s2 = 0
  for (let i = 0; i < n; i++) {
    const d = Math.log(data[i]) - shift
    s1 += d
    s2 += d * d
  }
  const offset = s1 / n
  return { n, meanLog: shift + offset, sdLog: Math.sqrt(Math.max(s2 - s1 * offset, 0) / n) }
})

/** Median of data sorted ascending. */
export function sortedMedian(sorted: Float64Array): number {
  const n = sorted.length
  const h = n >> 1
  return n % 2 === 1 ? sorted[h] : sorted[h - 1] + (sorted[h] - sorted[h - 1]) / 2
}

/** Linear-interpolation quantile (R type 7) of data sorted ascending, 0 <= q <= 1. */
export function sortedQuantile(sorted: Float64Array, q: number): number {
  const n = sorted.length
  const h = (n - 1) * q
  const lo = Math.floor(h)
  const hi = Math.min(lo + 1, n - 1)
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo])
}

/**
 * Median absolute deviation from the median (unscaled) of data sorted ascending, in O(n) without a copy:
 * the deviations below and above the median are two sorted runs, merged up to the middle rank.
 */
export function sortedMad(sorted: Float64Array): number {
  const n = sorted.length
  if (n === 0) return NaN
  const med = sortedMedian(sorted)
  // Left run: med - sorted[i] for i descending from the last value < med; right run: sorted[j] - med ascending.
  let j = 0
  while (j < n && sorted[j] < med) j++
  let i = j - 1
  const next = () => {
    const left = i >= 0 ? med - sorted[i] : Infinity
    const right = j < n ? sorted[j] - med : Infinity
    if (left <= right) {
      i--
      return left
    }
    j++
    return right
  }
  const h = n >> 1
  let a = 0
  for (let k = 0; k <= h - (n % 2 === 0 ? 1 : 0); k++) a = next()
  return n % 2 === 1 ? a : a + (next() - a) / 2
}

/** A positive stand-in scale for degenerate samples (n = 1, all values tied): relative to the values. */
export function fallbackScale(m: Moments): number {
  const level = Math.max(Math.abs(m.mean), Math.abs(m.min), Math.abs(m.max))
  return level > 0 && Number.isFinite(level) ? level * 1e-3 : 1
}
