import gammaln from '@stdlib/math-base-special-gammaln'
import digamma from '@stdlib/math-base-special-digamma'
import trigamma from '@stdlib/math-base-special-trigamma'

// Above a = 200 the differences of log-gamma values near 1e3..1e300 cancel badly; the Stirling series
// below is exact to < 1e-17 there (its next term is -1/(640 a^5); checked against mpmath at 50 digits).
const ASYMPTOTIC_FROM = 200

/** log Gamma(a + 1/2) - log Gamma(a), a > 0, without cancellation for large a. */
export function logHalfGammaRatio(a: number): number {
  if (a < ASYMPTOTIC_FROM) return gammaln(a + 0.5) - gammaln(a)
  return 0.5 * Math.log(a) - 1 / (8 * a) + 1 / (192 * a * a * a)
}

/** digamma(a + 1/2) - digamma(a), a > 0. */
export function halfDigammaDiff(a: number): number {
  if (a < ASYMPTOTIC_FROM) return digamma(a + 0.5) - digamma(a)
  const a2 = a * a
  return 1 / (2 * a) + 1 / (8 * a2) - 1 / (64 * a2 * a2)
}

/** trigamma(a + 1/2) - trigamma(a), a > 0. */
export function halfTrigammaDiff(a: number): number {
  if (a < ASYMPTOTIC_FROM) return trigamma(a + 0.5) - trigamma(a)
  const a2 = a * a
  return -1 / (2 * a2) - 1 / (4 * a2 * a) + 1 / (16 * a2 * a2 * a)
}
