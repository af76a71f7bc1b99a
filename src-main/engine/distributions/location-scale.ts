import { weightLanes, type Sample } from '../stats/sample'
import { sampleMedian } from '../stats/weighted'
import type { LikelihoodDerivatives } from './types'

/**
 * Location-scale families f(x) = g((x - loc) / scale) / scale share their calculus. With z = (x - loc) /
 * scale and psi(z) = -d/dz log g(z), the whole-sample derivatives are sums of per-point terms
 * (the family's loop sums them in locals and hands them over in this order):
 *   0: log g(z)                         (the log-likelihood without -n log scale)
 *   1: psi(z)                           (score of loc, times scale)
 *   2: z psi(z) - 1                     (score of scale, times scale)
 *   3: -psi'(z)                         (d2/dloc2, times scale^2)
 *   4: -(psi(z) + z psi'(z))            (d2/dloc dscale, times scale^2)
 *   5: 1 - 2 z psi(z) - z^2 psi'(z)     (d2/dscale2, times scale^2)
 * The per-point math is the family's (one tight loop, its own stable forms); this module owns the rest.
 */
export type LocationScaleSums = Float64Array

/** Finite location and a positive finite scale. */
export function validLocationScale(loc: number, scale: number): boolean {
  return Number.isFinite(loc) && scale > 0 && scale < Infinity
}

/**
 * Log-likelihood, score and Hessian in (loc, scale) from the sums of one pass over n values;
 * `logNormalizer` is log(c scale) for a density g(z) / (c scale) whose constant c the loop left out (cauchy:
 * log(pi scale)), else log scale.
 */
export function locationScaleDerivatives(
  n: number,
  logNormalizer: number,
  scale: number,
  sums: LocationScaleSums,
): LikelihoodDerivatives {
  const s2 = scale * scale
  return {
    logLikelihood: -n * logNormalizer + sums[0],
    score: [sums[1] / scale, sums[2] / scale],
    hessian: [
      [sums[3] / s2, sums[4] / s2],
      [sums[4] / s2, sums[5] / s2],
    ],
  }
}

/** sum w |x - mu| / b, scaled per term: |x - mu| near 1e308 would overflow a raw sum. */
export function sumAbsoluteDeviations(sample: Sample, mu: number, b: number): number {
  const data = sample.values
  const { weights: w, mask } = weightLanes(sample)
  const inv = 1 / b
  let sum = 0
  for (let i = 0; i < data.length; i++) sum += w[i & mask] * (Math.abs(data[i] - mu) * inv)
  return sum
}

/**
 * The median and the mean absolute deviation from it (the Laplace MLE): robust start values that a single
 * far outlier cannot drag far, unlike the mean and standard deviation.
 */
export function medianAndDeviation(sample: Sample): { median: number; deviation: number } {
  const median = sampleMedian(sample)
  return { median, deviation: sumAbsoluteDeviations(sample, median, 1) / sample.n }
}
