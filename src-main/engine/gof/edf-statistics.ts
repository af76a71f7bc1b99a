import { runEnd } from '../stats/sorted-runs'

/** Cumulative distribution function of a fitted model. */
export type Cdf = (x: number) => number

/** Smallest and largest cdf values used inside logarithms (A² is infinite at exactly 0 or 1). */
const CDF_FLOOR = 1e-300
const CDF_CEIL = 1 - 2 ** -53

/**
 * EDF statistics of sorted continuous data against a fitted cdf, in one pass:
 * KS D = max_i max(i/n - F_i, F_i - (i-1)/n);
 * Anderson-Darling A² = -n - (1/n) sum (2i-1) [ln F_i + ln(1 - F_(n+1-i))];
 * Cramér-von Mises W² = 1/(12n) + sum (F_i - (2i-1)/(2n))².
 */
export function edfStatistics(sorted: Float64Array, cdf: Cdf): { ks: number; ad: number; cvm: number } {
  const n = sorted.length
  const f = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    // Tied values (rounded measurements) share one cdf evaluation, the costly part for large n.
    if (i > 0 && sorted[i] === sorted[i - 1]) {
      f[i] = f[i - 1]
      continue
    }
    const v = cdf(sorted[i])
    f[i] = Number.isNaN(v) ? 0 : Math.min(1, Math.max(0, v))
  }
  return edfStatisticsOfCdf(f)
}

/** The same KS D, A² and W² from the fitted cdf values F_i (in [0, 1]) at the sorted data. */
export function edfStatisticsOfCdf(f: Float64Array): { ks: number; ad: number; cvm: number } {
  const n = f.length
  // Multiplications by 1/n instead of three divisions per value (within an ulp of i/n).
  const invN = 1 / n
  const halfInvN = 0.5 * invN
  let ks = 0
  let cvm = 1 / (12 * n)
  let adSum = 0
  for (let i = 0; i < n; i++) {
    const fi = f[i]
    const upper = (i + 1) * invN - fi
    const lower = fi - i * invN
    if (upper > ks) ks = upper
    if (lower > ks) ks = lower
    const c = fi - (2 * i + 1) * halfInvN
    cvm += c * c
    const lo = Math.min(Math.max(fi, CDF_FLOOR), CDF_CEIL)
    const hi = Math.min(Math.max(f[n - 1 - i], CDF_FLOOR), CDF_CEIL)
    // One logarithm of the product (half the cost); two where the product would be subnormal (F at the floor).
    const product = lo * (1 - hi)
    adSum += (2 * i + 1) * (product > 1e-290 ? Math.log(product) : Math.log(lo) + Math.log1p(-hi))
  }
  return { ks, ad: -n - adSum / n, cvm }
}

/**
 * KS D for sorted integer data against a discrete cdf: the largest gap between the empirical and fitted
 * step functions, checked at each distinct observed value v and just below it (v - 1), where the steps are.
 */
export function discreteKs(sorted: Float64Array, cdf: Cdf): number {
  const n = sorted.length
  let d = 0
  let i = 0
  while (i < n) {
    const v = sorted[i]
    const below = i / n
    const j = runEnd(sorted, i)
    const at = j / n
    d = Math.max(d, Math.abs(at - cdf(v)), Math.abs(below - cdf(v - 1)))
    i = j
  }
  return d
}
