import gammaln from '@stdlib/math-base-special-gammaln'
import digamma from '@stdlib/math-base-special-digamma'
import trigamma from '@stdlib/math-base-special-trigamma'
import { log1pmx } from '../stats/relative-moments'

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI)
/** Above this the asymptotic series below are exact to double precision. */
const SERIES_FROM = 30

/**
 * The error of Stirling's formula, lgamma(k) - ((k - 1/2) log k - k + log(2 pi) / 2): for large k the
 * likelihoods that use lgamma(k) next to k log k (gamma, Poisson with large counts) cancel their leading
 * terms, so they take this small remainder instead of the difference of two numbers near k log k.
 */
export function stirlingError(k: number): number {
  if (k < SERIES_FROM) return gammaln(k) - ((k - 0.5) * Math.log(k) - k + HALF_LOG_2PI)
  const r = 1 / (k * k)
  // 1/(12k) - 1/(360k³) + 1/(1260k⁵) - 1/(1680k⁷) + 1/(1188k⁹)
  return (1 / 12 - r * (1 / 360 - r * (1 / 1260 - r * (1 / 1680 - r / 1188)))) / k
}

/** log k - digamma(k) (> 0), by its asymptotic series where the difference would cancel. */
export function logMinusDigamma(k: number): number {
  if (k < SERIES_FROM) return Math.log(k) - digamma(k)
  const r = 1 / (k * k)
  // 1/(2k) + 1/(12k²) - 1/(120k⁴) + 1/(252k⁶) - 1/(240k⁸)
  return 1 / (2 * k) + r * (1 / 12 - r * (1 / 120 - r * (1 / 252 - r / 240)))
}

/** trigamma(k) - 1/k (> 0), the derivative of digamma(k) - log k, without cancellation for large k. */
export function trigammaMinusInverse(k: number): number {
  if (k < SERIES_FROM) return trigamma(k) - 1 / k
  const r = 1 / (k * k)
  // 1/(2k²) + 1/(6k³) - 1/(30k⁵) + 1/(42k⁷) - 1/(30k⁹)
  return r * (0.5 + (1 / 6 - r * (1 / 30 - r * (1 / 42 - r / 30))) / k)
}

/** x log(x/c) + c - x >= 0; near x = c as c ((1 + t) log1pmx(t) + t^2), t = x/c - 1, which keeps its digits. */
export function bd0(x: number, c: number): number {
  const t = (x - c) / c
  return Math.abs(t) < 0.25 ? c * ((1 + t) * log1pmx(t) + t * t) : x * Math.log(x / c) + c - x
}
