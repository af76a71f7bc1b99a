import type { BinRule, HistogramBin } from '../../../src-shared/contract'
import { meanAndVariance } from './moments'
import { sortedQuantile } from './order-statistics'
import { Sample } from './sample'
import { moments } from './sample-moments'
import { sampleQuantile } from './weighted'

/** Upper bound on bins: beyond this a chart shows noise, and FD can ask for millions on heavy tails. */
const MAX_BINS = 200
/** Discrete data: one bar per integer value while the range has at most this many integers. */
const MAX_INTEGER_BARS = 2000

/** Sturges: ceil(log2 n) + 1. */
export function sturgesBinCount(n: number): number {
  return n < 2 ? 1 : Math.ceil(Math.log2(n)) + 1
}

/**
 * Number of bins by the Freedman-Diaconis rule: width = 2 IQR n^(-1/3). Falls back to Sturges
 * (ceil(log2 n) + 1) when the IQR is zero (e.g. mostly tied values).
 */
export function freedmanDiaconisBinCount(sorted: Float64Array): number {
  const n = sorted.length
  if (n < 2) return 1
  const range = sorted[n - 1] - sorted[0]
  if (!(range > 0)) return 1
  const iqr = sortedQuantile(sorted, 0.75) - sortedQuantile(sorted, 0.25)
  if (!(iqr > 0)) return Math.min(sturgesBinCount(n), MAX_BINS)
  const width = (2 * iqr) / Math.cbrt(n)
  return Math.max(1, Math.min(MAX_BINS, Math.ceil(range / width)))
}

/** Scott: width = 3.49 sd n^(-1/3). */
export function scottBinCount(sorted: Float64Array): number {
  const n = sorted.length
  if (n < 2) return 1
  const range = sorted[n - 1] - sorted[0]
  const sd = Math.sqrt(meanAndVariance(sorted).m2 / (n - 1))
  if (!(range > 0) || !(sd > 0)) return 1
  return Math.max(1, Math.min(MAX_BINS, Math.ceil(range / ((3.49 * sd) / Math.cbrt(n)))))
}

/**
 * The rules' bin counts for frequency-weighted values: n the total weight, quartiles and sd weighted, so
 * a value/count table gets the bins of its expanded data.
 */
function weightedBinCount(
  sorted: Float64Array,
  weights: Float64Array,
  rule: 'fd' | 'sturges' | 'scott',
): number {
  const sample = Sample.sorted(sorted, weights)
  const n = sample.n
  const range = sorted[sorted.length - 1] - sorted[0]
  if (n < 2) return 1
  if (rule === 'sturges') return sturgesBinCount(n)
  if (!(range > 0)) return 1
  if (rule === 'scott') {
    const sd = moments(sample).sd * Math.sqrt(n / (n - 1))
    if (!(sd > 0)) return 1
    return Math.max(1, Math.min(MAX_BINS, Math.ceil(range / ((3.49 * sd) / Math.cbrt(n)))))
  }
  const iqr = sampleQuantile(sample, 0.75) - sampleQuantile(sample, 0.25)
  if (!(iqr > 0)) return Math.min(sturgesBinCount(n), MAX_BINS)
  return Math.max(1, Math.min(MAX_BINS, Math.ceil(range / ((2 * iqr) / Math.cbrt(n)))))
}

/** Bin count for a rule: fd (default), sturges, scott, or a given count (clamped to 1..MAX_BINS). */
export function binCount(sorted: Float64Array, rule: BinRule = 'fd', weights?: Float64Array): number {
  if (typeof rule === 'number') return Math.max(1, Math.min(MAX_BINS, Math.floor(rule) || 1))
  if (weights) return weightedBinCount(sorted, weights, rule)
  if (rule === 'sturges') return sturgesBinCount(sorted.length)
  if (rule === 'scott') return scottBinCount(sorted)
  return freedmanDiaconisBinCount(sorted)
}

/** Observations in sorted[from..to): the index span, or the weights' sum (frequency weights). */
function countOf(cumulative: Float64Array | null, from: number, to: number): number {
  return cumulative ? cumulative[to] - cumulative[from] : to - from
}

/** Running sums c[0] = 0, c[i + 1] = c[i] + w[i] of frequency weights (null without weights). */
function cumulativeOf(weights: Float64Array | undefined): Float64Array | null {
  if (!weights) return null
  const c = new Float64Array(weights.length + 1)
  for (let i = 0; i < weights.length; i++) c[i + 1] = c[i] + weights[i]
  return c
}

/** What both histograms start from: running weights, the count (total weight) and the range. */
function extent(sorted: Float64Array, weights: Float64Array | undefined) {
  const cumulative = cumulativeOf(weights)
  return {
    cumulative,
    n: countOf(cumulative, 0, sorted.length),
    min: sorted[0],
    max: sorted[sorted.length - 1],
  }
}

/**
 * Equal-width histogram of sorted values over [min, max]; the last bin includes max. With frequency
 * weights (of `sorted`, in its order) a bin counts the weights of its values.
 */
export function histogram(
  sorted: Float64Array,
  bins: number = freedmanDiaconisBinCount(sorted),
  weights?: Float64Array,
): HistogramBin[] {
  const len = sorted.length
  if (len === 0) return []
  const { cumulative, n, min, max } = extent(sorted, weights)
  if (!(max > min)) {
    // All values equal: one bin of unit width centred on the value, so the chart still shows something.
    return [{ x0: min - 0.5, x1: min + 0.5, count: n, density: 1 }]
  }
  const width = (max - min) / bins
  const counts = new Float64Array(bins)
  // A value's bin is min(bins - 1, floor((x - min) / width)), which never decreases along sorted data:
  // each bin's first index is found by bisection (O(bins log n), not a pass over n values).
  const binOf = (x: number) => Math.min(bins - 1, Math.floor((x - min) / width))
  let start = 0
  for (let k = 0; k < bins; k++) {
    let lo = start
    let hi = len
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (binOf(sorted[mid]) > k) hi = mid
      else lo = mid + 1
    }
    counts[k] = countOf(cumulative, start, lo)
    start = lo
  }
  const out: HistogramBin[] = []
  for (let k = 0; k < bins; k++) {
    const x0 = min + k * width
    out.push({
      x0,
      x1: k === bins - 1 ? max : x0 + width,
      count: counts[k],
      density: counts[k] / (n * width),
    })
  }
  return out
}

/**
 * Histogram with bins equally wide in log x (the bin count from `rule` on log x), so bars have equal widths
 * on a log axis; density = count / (n · width) on the original scale, so it integrates to 1 like the
 * equal-width one. Null when a value is not > 0 (a log scale cannot place it).
 */
export function logHistogram(
  sorted: Float64Array,
  rule: BinRule = 'fd',
  weights?: Float64Array,
): HistogramBin[] | null {
  if (sorted.length === 0 || !(sorted[0] > 0)) return null
  const logs = sorted.map(Math.log) // increasing, as sorted is
  const bins = histogram(logs, binCount(logs, rule, weights), weights)
  const n = bins.reduce((s, b) => s + b.count, 0)
  return bins.map((b, k) => {
    // The ends are the data's own (exp(log x) can differ from x in the last bit).
    const x0 = k === 0 ? sorted[0] : Math.exp(b.x0)
    const x1 = k === bins.length - 1 ? sorted[sorted.length - 1] : Math.exp(b.x1)
    const width = x1 - x0
    return { x0, x1, count: b.count, density: width > 0 ? b.count / (n * width) : b.density / x0 }
  })
}

/**
 * Integer data: one bar per integer from min to max, [k - 0.5, k + 0.5), density = observed frequency.
 * Null when the range is too wide for bars (the caller falls back to binned bars).
 */
export function integerHistogram(sorted: Float64Array, weights?: Float64Array): HistogramBin[] | null {
  const len = sorted.length
  if (len === 0) return []
  const { cumulative, n, min, max } = extent(sorted, weights)
  if (max - min + 1 > MAX_INTEGER_BARS) return null
  const out: HistogramBin[] = []
  let i = 0
  for (let k = min; k <= max; k++) {
    const from = i
    // The end of k's run by bisection: O(bars log n), not a pass over the column.
    let hi = len
    while (i < hi) {
      const mid = (i + hi) >>> 1
      if (sorted[mid] <= k) i = mid + 1
      else hi = mid
    }
    const count = countOf(cumulative, from, i)
    out.push({ x0: k - 0.5, x1: k + 0.5, count, density: count / n })
  }
  return out
}
