import type { HistogramBin } from '../../../src-shared/contract'
import { sortedQuantile } from './quantile'

/** Upper bound on bins: beyond this a chart shows noise, and FD can ask for millions on heavy tails. */
const MAX_BINS = 200

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
  const sturges = Math.ceil(Math.log2(n)) + 1
  if (!(iqr > 0)) return Math.min(sturges, MAX_BINS)
  const width = (2 * iqr) / Math.cbrt(n)
  return Math.max(1, Math.min(MAX_BINS, Math.ceil(range / width)))
}

/** Equal-width histogram of sorted values over [min, max]; the last bin includes max. */
export function histogram(sorted: Float64Array, binCount = freedmanDiaconisBinCount(sorted)): HistogramBin[] {
  const n = sorted.length
  if (n === 0) return []
  const min = sorted[0]
  const max = sorted[n - 1]
  if (!(max > min)) {
    // All values equal: one bin of unit width centred on the value, so the chart still shows something.
    return [{ x0: min - 0.5, x1: min + 0.5, count: n, density: 1 }]
  }
  const width = (max - min) / binCount
  const counts = new Float64Array(binCount)
  for (let i = 0; i < n; i++) {
    const k = Math.min(binCount - 1, Math.floor((sorted[i] - min) / width))
    counts[k]++
  }
  const bins: HistogramBin[] = []
  for (let k = 0; k < binCount; k++) {
    const x0 = min + k * width
    bins.push({
      x0,
      x1: k === binCount - 1 ? max : x0 + width,
      count: counts[k],
      density: counts[k] / (n * width),
    })
  }
  return bins
}
