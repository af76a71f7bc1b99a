import { moments } from '../stats/sample-moments'
import { weightLanes, type Sample } from '../stats/sample'
import { invalidDerivatives } from './likelihood-results'
import { locationScaleDerivatives, medianAndDeviation, validLocationScale as valid } from './location-scale'
import { positiveOr } from './start-guards'
import { REAL_LINE } from './support'
import type { Distribution, LikelihoodDerivatives } from './types'
import { param } from './param'

const EULER_GAMMA = 0.5772156649015329

/**
 * One fused pass per call with z = (x - mu) / beta, e = exp(-z): d/dmu = (1 - e) / beta,
 * d/dbeta = (z (1 - e) - 1) / beta, d2/dmu2 = -e / beta^2, d2/dmu dbeta = -(1 - e + z e) / beta^2,
 * d2/dbeta2 = (1 - 2 z (1 - e) - z^2 e) / beta^2.
 */
function derivatives(sample: Sample, mu: number, b: number): LikelihoodDerivatives {
  if (!valid(mu, b)) return invalidDerivatives(2)
  const data = sample.values
  const { weights: w, mask } = weightLanes(sample)
  // Sums in locals and the weight without a call per value (see logistic).
  let [s0, s1, s2, s3, s4, s5] = [0, 0, 0, 0, 0, 0]
  for (let i = 0; i < data.length; i++) {
    const z = (data[i] - mu) / b
    const e = Math.exp(-z)
    const c = w[i & mask]
    s0 -= c * (z + e)
    s1 += c * (1 - e)
    s2 += c * (z * (1 - e) - 1)
    s3 -= c * e
    s4 -= c * (1 - e + z * e)
    s5 += c * (1 - 2 * z * (1 - e) - z * z * e)
  }
  return locationScaleDerivatives(sample.n, Math.log(b), b, Float64Array.of(s0, s1, s2, s3, s4, s5))
}

/** Gumbel for maxima (mu, beta > 0): CDF exp(-exp(-(x - mu) / beta)); mean mu + 0.5772 beta. */
export const gumbel = {
  id: 'gumbel',
  label: 'Gumbel',
  discrete: false,
  params: [param('mu', 'μ', 'real'), param('beta', 'β', 'positive')],
  support: REAL_LINE,
  logPdf(x, { mu, beta }) {
    if (!valid(mu, beta)) return NaN
    if (!Number.isFinite(x)) return -Infinity
    const z = (x - mu) / beta
    return -Math.log(beta) - z - Math.exp(-z)
  },
  cdf(x, { mu, beta }) {
    if (!valid(mu, beta)) return NaN
    return Math.exp(-Math.exp(-(x - mu) / beta))
  },
  quantile(q, { mu, beta }) {
    if (!valid(mu, beta) || !(q >= 0 && q <= 1)) return NaN
    return mu - beta * Math.log(-Math.log(q))
  },
  // Method of moments: beta = sd sqrt(6) / pi, mu = mean - 0.5772 beta.
  startValues(data) {
    const m = moments(data)
    const beta = positiveOr(m.sd * (Math.sqrt(6) / Math.PI), Math.max(Math.abs(m.mean) * 1e-3, 1e-3))
    return { mu: m.mean - EULER_GAMMA * beta, beta }
  },
  startIsMoments: true,
  // Median mu - beta log log 2 and mean absolute deviation (about beta): the robust second start.
  robustStart(data) {
    const { median, deviation } = medianAndDeviation(data)
    const beta = positiveOr(deviation, Math.max(Math.abs(median) * 1e-3, 1e-3))
    return { mu: median + beta * Math.log(Math.LN2), beta }
  },
  unitPowers: { mu: 1, beta: 1 },
  logLikelihood: (data, { mu, beta }) => derivatives(data, mu, beta).logLikelihood,
  derivatives: (data, { mu, beta }) => derivatives(data, mu, beta),
  sample(n, { mu, beta }, random) {
    const out = new Float64Array(n)
    for (let i = 0; i < n; i++) out[i] = mu - beta * Math.log(-Math.log(random.openUniform()))
    return out
  },
  fitCost: 2,
} as const satisfies Distribution
