/** Sample quantile of sorted values by linear interpolation (R type 7, NumPy's default). */
export function sortedQuantile(sorted: Float64Array, q: number): number {
  const n = sorted.length
  if (n === 0) return NaN
  const h = (n - 1) * q
  const lo = Math.floor(h)
  const hi = Math.min(lo + 1, n - 1)
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo])
}
