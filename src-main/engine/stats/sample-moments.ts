import { statistic, type Sample } from './sample'
import { weightedLogMoments, weightedMoments } from './weighted'

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
 * the squares. One pass for sorted data (two otherwise). Over the values in the sample's own order.
 */
export const moments = statistic((sample: Sample): Moments => {
  if (sample.weights) return weightedMoments(sample)
  const data = sample.values
  const n = data.length
  // Data are sorted (the hooks' contract), so the ends give min and max and one pass suffices; the pass
  // still tracks both, and an unsorted array (whose ends were not its extremes) gets a second pass with
  // the right scale.
  const first = shiftedSums(
    data,
    n > 0 ? Math.min(data[0], data[n - 1]) : Infinity,
    n > 0 ? Math.max(data[0], data[n - 1]) : -Infinity,
  )
  const sums = first.exact ? first : shiftedSums(data, first.min, first.max)
  const { min, max, sd1, sd2, s, shiftScaled } = sums
  const offsetScaled = sd1 / n
  const m2 = Math.max(sd2 - sd1 * offsetScaled, 0)
  // Summing offsets from a middle value keeps the mean within about half an ulp.
  const mean = Math.min(Math.max((shiftScaled + offsetScaled) * s, min), max)
  return { n, mean, shift: data[n >> 1], meanOffset: offsetScaled * s, sd: Math.sqrt(m2 / n) * s, min, max }
})

/**
 * Sums of d = x / s - shift / s and d^2 with s the power of two of the given extremes, and the true
 * extremes; `exact` when those were the given ones (so s was right).
 */
function shiftedSums(data: Float64Array, lo: number, hi: number) {
  const n = data.length
  const s = scaleOf(Math.max(Math.abs(lo), Math.abs(hi)))
  const shiftScaled = data[n >> 1] / s
  // With the median as the shift, |mean - shift| <= sd, so sum d^2 - (sum d)^2 / n loses at most about
  // one bit to cancellation.
  let min = Infinity
  let max = -Infinity
  let sd1 = 0
  let sd2 = 0
  for (let i = 0; i < n; i++) {
    const x = data[i]
    if (x < min) min = x
    if (x > max) max = x
    const d = x / s - shiftScaled
    sd1 += d
    sd2 += d * d
  }
  return { min, max, sd1, sd2, s, shiftScaled, exact: min === lo && max === hi }
}

/** Moments of log x for positive data: mean and population standard deviation of log x. */
export interface LogMoments {
  n: number
  meanLog: number
  sdLog: number
}

/**
 * log(x / m) with the digits of x's offset from m: for x within a factor 2 of m, x - m is exact and
 * log1p keeps it (log x - log m rounds each log to 1e-16 of its size, all of the spread when the data are
 * exp(20 + 1e-9 z)); farther away the plain difference of logs (which never under- or overflows).
 */
export function logRatio(x: number, m: number): number {
  const r = x / m
  return r > 0.5 && r < 2 ? Math.log1p((x - m) / m) : Math.log(x) - Math.log(m)
}

/** Mean and population standard deviation of log x (x > 0), in one pass. */
export const logMoments = statistic((sample: Sample): LogMoments => {
  if (sample.weights) return weightedLogMoments(sample)
  const data = sample.values
  const n = data.length
  // One pass of sums shifted by the log of the middle value (the median of log x for sorted data).
  const middle = n > 0 ? data[n >> 1] : 1
  const shift = Math.log(middle)
  let s1 = 0
  let s2 = 0
  for (let i = 0; i < n; i++) {
    const d = logRatio(data[i], middle)
    s1 += d
    s2 += d * d
  }
  const offset = s1 / n
  return { n, meanLog: shift + offset, sdLog: Math.sqrt(Math.max(s2 - s1 * offset, 0) / n) }
})

/** A positive stand-in scale for degenerate samples (n = 1, all values tied): relative to the values. */
export function fallbackScale(m: Moments): number {
  const level = Math.max(Math.abs(m.mean), Math.abs(m.min), Math.abs(m.max))
  return level > 0 && Number.isFinite(level) ? level * 1e-3 : 1
}
