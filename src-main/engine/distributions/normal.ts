import erfc from '@stdlib/math-base-special-erfc'
import erfcinv from '@stdlib/math-base-special-erfcinv'
import type { Distribution, LikelihoodDerivatives, Params } from './types'
import { moments } from './sample-stats'
import { positiveOr } from './start-guards'
import { standardNormal } from './random-variates'

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI)

/**
 * Whole-sample log-likelihood, score and Hessian of a normal from the sample mean (as mean - mu) and standard deviation
 * (sufficient statistics): ll = -n log sigma - n log sqrt(2 pi) - n/2 ((sd/sigma)^2 + ((mean - mu)/sigma)^2).
 * Ratios keep values near 1e300 finite. Shared by the lognormal on log x.
 */
export function normalDerivatives(
  n: number,
  meanMinusMu: number,
  sd: number,
  mu: number,
  sigma: number,
): LikelihoodDerivatives {
  if (!(sigma > 0 && sigma < Infinity) || !Number.isFinite(mu)) {
    return {
      logLikelihood: NaN,
      score: [NaN, NaN],
      hessian: [
        [NaN, NaN],
        [NaN, NaN],
      ],
    }
  }
  const a = sd / sigma
  const b = meanMinusMu / sigma
  const q = a * a + b * b
  const s2 = sigma * sigma
  return {
    logLikelihood: -n * Math.log(sigma) - n * LOG_SQRT_2PI - 0.5 * n * q,
    score: [(n * b) / sigma, (n * (q - 1)) / sigma],
    hessian: [
      [-n / s2, (-2 * n * b) / sigma / sigma],
      [(-2 * n * b) / sigma / sigma, (n * (1 - 3 * q)) / sigma / sigma],
    ],
  }
}

/** Normal(mu, sigma): mean mu, standard deviation sigma > 0, any real x. */
export const normal = {
  id: 'normal',
  label: 'Normal',
  discrete: false,
  params: [
    { name: 'mu', symbol: 'μ', domain: 'real' },
    { name: 'sigma', symbol: 'σ', domain: 'positive' },
  ],
  supportText: 'any real x',
  inSupport: (x) => Number.isFinite(x),
  logPdf(x, { mu, sigma }) {
    if (!(sigma > 0 && sigma < Infinity) || !Number.isFinite(mu)) return NaN
    const z = (x - mu) / sigma
    return -LOG_SQRT_2PI - Math.log(sigma) - 0.5 * z * z
  },
  cdf(x, { mu, sigma }) {
    if (!(sigma > 0 && sigma < Infinity) || !Number.isFinite(mu)) return NaN
    return 0.5 * erfc(-(x - mu) / (sigma * Math.SQRT2))
  },
  quantile(q, { mu, sigma }) {
    if (!(sigma > 0 && sigma < Infinity) || !Number.isFinite(mu) || !(q >= 0 && q <= 1)) return NaN
    return mu - Math.SQRT2 * sigma * erfcinv(2 * q)
  },
  startValues(data) {
    const m = moments(data)
    // n = 1 or tied values: sigma -> 0 has no finite MLE, so start from a small spread on the data's scale.
    return { mu: m.mean, sigma: positiveOr(m.sd, Math.max(Math.abs(m.mean) * 1e-3, 1e-3)) }
  },
  startIsMoments: true,
  // MLE: mu = mean, sigma = sqrt(sum (x - mean)^2 / n) (divides by n, not n - 1).
  closedFormMle: (data) => normalMle(data),
  logLikelihood(data, { mu, sigma }) {
    return derivatives(data, mu, sigma).logLikelihood
  },
  derivatives: (data, { mu, sigma }) => derivatives(data, mu, sigma),
  sample(n, { mu, sigma }, random) {
    const out = new Float64Array(n)
    for (let i = 0; i < n; i++) out[i] = mu + sigma * standardNormal(random)
    return out
  },
} as const satisfies Distribution

/** mean - mu as (shift - mu) + meanOffset: exact subtraction when mu is near the data. */
function derivatives(data: Float64Array, mu: number, sigma: number): LikelihoodDerivatives {
  const m = moments(data)
  return normalDerivatives(m.n, m.shift - mu + m.meanOffset, m.sd, mu, sigma)
}

function normalMle(data: Float64Array): Params {
  const m = moments(data)
  // The exact mean is rarely a double: sigma is the maximizer at the reported (rounded) mu, so the pair is
  // optimal as reported. It differs from m.sd only when the spread is near the rounding of mu itself.
  const offset = m.shift - m.mean + m.meanOffset
  return { mu: m.mean, sigma: Math.hypot(m.sd, offset) }
}
