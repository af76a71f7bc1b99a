import { logMoments, moments } from '../stats/sample-moments'
import type { Sample } from '../stats/sample'
import { relativeInverseMoments } from '../stats/relative-moments'
import { invertIncreasing } from './invert-cdf'
import { impossibleDerivatives, invalidDerivatives } from './likelihood-results'
import { logNormalCdf } from './normal-tail'
import { positiveOr } from './start-guards'
import { POSITIVE } from './support'
import type { Distribution, LikelihoodDerivatives } from './types'
import { param } from './param'

const LOG_2PI = Math.log(2 * Math.PI)
const valid = (mu: number, lambda: number) => mu > 0 && mu < Infinity && lambda > 0 && lambda < Infinity

/**
 * G(mu) = sum (x - mu)^2 / (mu^2 x), from statistics relative to the mean's double m (`relativeInverseMoments`):
 * with r = m / mu - 1 and D = mean(x/m - 1), G = n (Q + (r^2 + D r (2 + r)) / m), Q = mean(delta^2 / x).
 * The textbook n/mean (mean/mu - 1)^2 + sum (1/x - 1/mean) loses everything when the data are 1e8 + N(0, 1):
 * each 1/x is rounded by as much as its difference from 1/mean.
 */
function gOf(data: Sample, mu: number): number {
  const { n, centre: m, meanDelta: dm, meanInverseExcess: q } = relativeInverseMoments(data)
  // (m - mu) / mu, not m / mu - 1: the quotient's rounding (1e-16) squared over m is 1e-7 of Q at 1e12 + N(0, 1).
  const r = (m - mu) / mu
  return n * (q + (r * r + dm * r * (2 + r)) / m)
}

/** The MLE's mean: the sample mean to more digits than its double (m (1 + D)). */
function meanOf(data: Sample): number {
  const { centre, meanDelta } = relativeInverseMoments(data)
  return centre * (1 + meanDelta)
}

/** ll = n/2 log(lambda / 2 pi) - 3/2 sum log x - lambda/2 G(mu). */
function derivatives(data: Sample, mu: number, lambda: number): LikelihoodDerivatives {
  if (!valid(mu, lambda)) return invalidDerivatives(2)
  if (!(moments(data).min > 0)) return impossibleDerivatives(2)
  const n = data.n
  const mean = meanOf(data)
  const g = gOf(data, mu)
  const r = (mean - mu) / mu
  const g1 = (-2 * n * r) / (mu * mu)
  const g2 = (2 * n * mean) / (mu * mu * mu * mu) + (4 * n * r) / (mu * mu * mu)
  return {
    logLikelihood:
      0.5 * n * (Math.log(lambda) - LOG_2PI) - 1.5 * n * logMoments(data).meanLog - 0.5 * lambda * g,
    score: [-0.5 * lambda * g1, n / (2 * lambda) - 0.5 * g],
    hessian: [
      [-0.5 * lambda * g2, -0.5 * g1],
      [-0.5 * g1, -n / (2 * lambda * lambda)],
    ],
  }
}

function logDensity(x: number, mu: number, lambda: number): number {
  const r = (x - mu) / mu
  // lambda / x first: 2 x overflows for x near 1.8e308.
  return 0.5 * (Math.log(lambda) - LOG_2PI) - 1.5 * Math.log(x) - 0.5 * (lambda / x) * r * r
}

function cdf(x: number, mu: number, lambda: number): number {
  if (!(x > 0)) return 0
  if (x === Infinity) return 1
  const s = Math.sqrt(lambda / x)
  // The second term is exp(2 lambda / mu) Phi(-b): its factors overflow and underflow separately.
  const p =
    Math.exp(logNormalCdf(s * (x / mu - 1))) + Math.exp((2 * lambda) / mu + logNormalCdf(-s * (x / mu + 1)))
  return Math.min(p, 1)
}

/**
 * Inverse Gaussian (Wald) with mean mu > 0 and shape lambda > 0: density
 * sqrt(lambda / (2 pi x^3)) exp(-lambda (x - mu)^2 / (2 mu^2 x)) on x > 0; variance mu^3 / lambda.
 */
export const inverseGaussian = {
  id: 'inverse_gaussian',
  label: 'Inverse Gaussian',
  discrete: false,
  params: [param('mu', 'μ', 'positive'), param('lambda', 'λ', 'positive')],
  support: POSITIVE,
  logPdf(x, { mu, lambda }) {
    if (!valid(mu, lambda)) return NaN
    if (!(x > 0) || x === Infinity) return -Infinity
    return logDensity(x, mu, lambda)
  },
  density({ mu, lambda }) {
    if (!valid(mu, lambda)) return () => NaN
    const c = 0.5 * (Math.log(lambda) - LOG_2PI)
    return (x) => {
      if (!(x > 0 && x < Infinity)) return NaN
      const r = (x - mu) / mu
      return Math.exp(c - 1.5 * Math.log(x) - (lambda * r * r) / (2 * x))
    }
  },
  cdf(x, { mu, lambda }) {
    if (!valid(mu, lambda)) return NaN
    return cdf(x, mu, lambda)
  },
  quantile(q, { mu, lambda }) {
    if (!valid(mu, lambda) || !(q >= 0 && q <= 1)) return NaN
    if (q === 0) return 0
    if (q === 1) return Infinity
    // No closed-form inverse: Newton with bisection from the mean.
    return invertIncreasing(
      (x) => cdf(x, mu, lambda),
      (x) => Math.exp(logDensity(x, mu, lambda)),
      q,
      mu,
      0,
      Infinity,
    )
  },
  // Method of moments: mu = mean, lambda = mean^3 / var (capped at 1e8 mean for ties). When data span
  // hundreds of orders of magnitude the moment lambda makes the smallest value's density underflow to 0;
  // the start then takes the closed-form lambda instead.
  startValues(data) {
    const { mean, sd } = moments(data)
    const cv = Math.max(sd / mean, 1e-4)
    const start = { mu: mean, lambda: positiveOr(mean / (cv * cv), 1) }
    if (Number.isFinite(derivatives(data, start.mu, start.lambda).logLikelihood)) return start
    return { mu: mean, lambda: positiveOr(data.n / gOf(data, mean), start.lambda) }
  },
  startIsMoments: true,
  unitPowers: { mu: 1, lambda: 1 },
  // MLE: mu = mean, lambda = n / sum (1/x - 1/mean) = n / G(mean).
  closedFormMle(data) {
    const mu = meanOf(data)
    return { mu, lambda: data.n / gOf(data, mu) }
  },
  logLikelihood: (data, { mu, lambda }) => derivatives(data, mu, lambda).logLikelihood,
  derivatives: (data, { mu, lambda }) => derivatives(data, mu, lambda),
  // Michael, Schucany and Haas (1976); the smaller root is taken as mu^2 / (larger root) to avoid cancellation.
  sample(n, { mu, lambda }, random) {
    const out = new Float64Array(n)
    for (let i = 0; i < n; i++) {
      const z = random.normal()
      const y = z * z
      const my = mu * y
      const big =
        mu + (mu * my) / (2 * lambda) + (mu / (2 * lambda)) * Math.sqrt(4 * mu * lambda * y + my * my)
      const small = mu * (mu / big)
      out[i] = random.openUniform() <= mu / (mu + small) ? small : big
    }
    return out
  },
  // Its cdf takes two normal tails per value.
  fitCost: 1.5,
} as const satisfies Distribution
