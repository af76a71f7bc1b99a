import erfc from '@stdlib/math-base-special-erfc'
import { logNormalCdf } from './normal-tail'
import erfcinv from '@stdlib/math-base-special-erfcinv'
import { meanAndVariance } from '../stats/moments'
import { moments } from '../stats/sample-moments'
import type { Sample } from '../stats/sample'
import { invalidDerivatives } from './likelihood-results'
import { positiveOr } from './start-guards'
import { REAL_LINE } from './support'
import type { Distribution, EpochKernel, LikelihoodDerivatives, Params } from './types'
import { param } from './param'

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
  if (!(sigma > 0 && sigma < Infinity) || !Number.isFinite(mu)) return invalidDerivatives(2)
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
  params: [param('mu', 'μ', 'real'), param('sigma', 'σ', 'positive')],
  support: REAL_LINE,
  logPdf(x, { mu, sigma }) {
    if (!(sigma > 0 && sigma < Infinity) || !Number.isFinite(mu)) return NaN
    const z = (x - mu) / sigma
    return -LOG_SQRT_2PI - Math.log(sigma) - 0.5 * z * z
  },
  cdf(x, { mu, sigma }) {
    if (!(sigma > 0 && sigma < Infinity) || !Number.isFinite(mu)) return NaN
    return 0.5 * erfc(-(x - mu) / (sigma * Math.SQRT2))
  },
  logCdf(x, { mu, sigma }) {
    if (!(sigma > 0 && sigma < Infinity) || !Number.isFinite(mu)) return NaN
    return logNormalCdf((x - mu) / sigma)
  },
  logSf(x, { mu, sigma }) {
    if (!(sigma > 0 && sigma < Infinity) || !Number.isFinite(mu)) return NaN
    return logNormalCdf((mu - x) / sigma)
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
  unitPowers: { mu: 1, sigma: 1 },
  // MLE: mu = mean, sigma = sqrt(sum (x - mean)^2 / n) (divides by n, not n - 1).
  closedFormMle: (data) => normalMle(data),
  logLikelihood(data, { mu, sigma }) {
    return derivatives(data, mu, sigma).logLikelihood
  },
  derivatives: (data, { mu, sigma }) => derivatives(data, mu, sigma),
  sample(n, { mu, sigma }, random) {
    const out = new Float64Array(n)
    for (let i = 0; i < n; i++) out[i] = mu + sigma * random.normal()
    return out
  },
  epochKernel: (train, validation, fixed) => normalEpochKernel(train, validation, fixed),
  cullenFrey: { kind: 'point', skewness2: 0, kurtosis: 3 },
} as const satisfies Distribution

/** mean - mu as (shift - mu) + meanOffset: exact subtraction when mu is near the data. */
function derivatives(data: Sample, mu: number, sigma: number): LikelihoodDerivatives {
  const m = moments(data)
  return normalDerivatives(m.n, m.shift - mu + m.meanOffset, m.sd, mu, sigma)
}

function normalMle(data: Sample): Params {
  const m = moments(data)
  // The exact mean is rarely a double: sigma is the maximizer at the reported (rounded) mu, so the pair is
  // optimal as reported. It differs from m.sd only when the spread is near the rounding of mu itself.
  const offset = m.shift - m.mean + m.meanOffset
  return { mu: m.mean, sigma: Math.hypot(m.sd, offset) }
}

/** Centred sufficient statistics of one part: size, mean, sum of squared deviations from the mean. */
interface NormalPart {
  n: number
  mean: number
  m2: number
}

function normalPart(part: Sample): NormalPart {
  if (part.n === 0) return { n: 0, mean: NaN, m2: NaN }
  if (part.weights) {
    const m = moments(part)
    return { n: m.n, mean: m.mean, m2: m.sd * m.sd * m.n }
  }
  const { mean, m2 } = meanAndVariance(part.values)
  return { n: part.n, mean, m2 }
}

/**
 * Gradient ascent with theta = (mu, log sigma), O(1) per epoch from centred sums (one pass per part):
 * mean ll = -log sqrt(2 pi) - log sigma - (m2 / n + (mean - mu)^2) / (2 sigma^2),
 * d/dmu = (mean - mu) / sigma^2, d/dlog sigma = -1 + (m2 / n + (mean - mu)^2) / sigma^2.
 * Centring keeps the sums exact to rounding when the mean is large relative to the spread.
 */
function normalEpochKernel(train: Sample, validation: Sample, fixed: Params): EpochKernel {
  const t = normalPart(train)
  const v = normalPart(validation)
  const muFree = !('mu' in fixed)
  const sigmaFree = !('sigma' in fixed)
  const fixedMu = fixed.mu
  const fixedSigma = fixed.sigma
  const sigmaAt = muFree ? 1 : 0
  const meanLogLik = (part: NormalPart, mu: number, sigma: number) => {
    const d = part.mean - mu
    return -LOG_SQRT_2PI - Math.log(sigma) - (part.m2 / part.n + d * d) / (2 * sigma * sigma)
  }
  return {
    train(theta, grad) {
      const mu = muFree ? theta[0] : fixedMu
      const sigma = sigmaFree ? Math.exp(theta[sigmaAt]) : fixedSigma
      const d = t.mean - mu
      const s2 = sigma * sigma
      let j = 0
      if (muFree) grad[j++] = d / s2
      if (sigmaFree) grad[j] = -1 + (t.m2 / t.n + d * d) / s2
      return meanLogLik(t, mu, sigma)
    },
    validation(theta) {
      if (v.n === 0) return NaN
      const mu = muFree ? theta[0] : fixedMu
      const sigma = sigmaFree ? Math.exp(theta[sigmaAt]) : fixedSigma
      return meanLogLik(v, mu, sigma)
    },
  }
}
