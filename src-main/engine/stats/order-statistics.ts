/** Sample quantile of sorted values by linear interpolation (R type 7, NumPy's default). */
export function sortedQuantile(sorted: Float64Array, q: number): number {
  const n = sorted.length
  if (n === 0) return NaN
  const h = (n - 1) * q
  const lo = Math.floor(h)
  const hi = Math.min(lo + 1, n - 1)
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo])
}

/** Median of data sorted ascending. */
export function sortedMedian(sorted: Float64Array): number {
  const n = sorted.length
  const h = n >> 1
  return n % 2 === 1 ? sorted[h] : sorted[h - 1] + (sorted[h] - sorted[h - 1]) / 2
}

/**
 * Median absolute deviation from the median (unscaled) of data sorted ascending, in O(log n) without a
 * copy: the deviations below and above the median are two sorted runs, and the middle ranks of their union
 * are found by bisection (the k-th smallest of two sorted arrays).
 */
export function sortedMad(sorted: Float64Array): number {
  const n = sorted.length
  if (n === 0) return NaN
  const med = sortedMedian(sorted)
  // Left run: L(k) = med - sorted[split - 1 - k]; right run: R(k) = sorted[split + k] - med; both ascending.
  let lo = 0
  let hi = n
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (sorted[mid] < med) lo = mid + 1
    else hi = mid
  }
  const split = lo
  const h = n >> 1
  const a = kthDeviation(sorted, med, split, n % 2 === 1 ? h : h - 1)
  return n % 2 === 1 ? a : a + (kthDeviation(sorted, med, split, h) - a) / 2
}

/** The k-th smallest (0-based) |x - med| over the two runs of sortedMad. */
function kthDeviation(sorted: Float64Array, med: number, split: number, k: number): number {
  const nL = split
  const nR = sorted.length - split
  const left = (i: number) => med - sorted[split - 1 - i]
  const right = (j: number) => sorted[split + j] - med
  // Take i values from the left run and k + 1 - i from the right: the smallest i with L(i) >= R(k - i).
  let lo = Math.max(0, k + 1 - nR)
  let hi = Math.min(k + 1, nL)
  while (lo < hi) {
    const i = (lo + hi) >> 1
    if (left(i) < right(k - i)) lo = i + 1
    else hi = i
  }
  const i = lo
  const j = k + 1 - i
  return Math.max(i > 0 ? left(i - 1) : -Infinity, j > 0 ? right(j - 1) : -Infinity)
}
