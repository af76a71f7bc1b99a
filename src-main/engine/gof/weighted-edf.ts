import type { Cdf } from './edf-statistics'

/** Smallest and largest cdf values used inside logarithms (as in edf-statistics). */
const CDF_FLOOR = 1e-300
const CDF_CEIL = 1 - 2 ** -53

/*
 * EDF statistics of frequency-weighted data: value i stands for w_i observations at positions a + 1 ..
 * a + w_i of the expanded sorted sample (a the weight before it), so each statistic's sum over those
 * positions has a closed form. With whole-number weights they equal the unweighted statistics of the
 * expanded data; fractional weights extend the same formulas.
 */

/**
 * KS D, Anderson-Darling A² and Cramér-von Mises W² from the fitted cdf values F_i at the sorted values
 * and their weights (n = total weight):
 * KS: max over blocks of max((a + c)/n - F, F - a/n);
 * W²: 1/(12n) + sum c (F - (2a + c)/(2n))² + (c³ - c)/(12 n²)  (the block's spread about its mean);
 * A²: -n - (1/n) sum [c (2a + c) ln F + c (2(n - a) - c) ln(1 - F)].
 */
export function weightedEdfStatistics(
  f: Float64Array,
  weights: Float64Array,
): { ks: number; ad: number; cvm: number } {
  let n = 0
  for (let i = 0; i < weights.length; i++) n += weights[i]
  let a = 0
  let ks = 0
  let cvm = 1 / (12 * n)
  let adSum = 0
  for (let i = 0; i < f.length; i++) {
    const c = weights[i]
    const fi = f[i]
    ks = Math.max(ks, (a + c) / n - fi, fi - a / n)
    const d = fi - (2 * a + c) / (2 * n)
    cvm += c * d * d + (c * c * c - c) / (12 * n * n)
    const lo = Math.min(Math.max(fi, CDF_FLOOR), CDF_CEIL)
    adSum += c * (2 * a + c) * Math.log(lo) + c * (2 * (n - a) - c) * Math.log1p(-lo)
    a += c
  }
  return { ks, ad: -n - adSum / n, cvm }
}

/** KS D of weighted integer data against a discrete cdf: the weighted EDF's steps at each distinct value. */
export function weightedDiscreteKs(sorted: Float64Array, weights: Float64Array, cdf: Cdf): number {
  let n = 0
  for (let i = 0; i < weights.length; i++) n += weights[i]
  let d = 0
  let before = 0
  for (let i = 0; i < sorted.length;) {
    const v = sorted[i]
    let through = before
    while (i < sorted.length && sorted[i] === v) through += weights[i++]
    d = Math.max(d, Math.abs(through / n - cdf(v)), Math.abs(before / n - cdf(v - 1)))
    before = through
  }
  return d
}
