import { moments } from '../stats/sample-moments'
import { weightLanes, type Sample } from '../stats/sample'
import { invalidDerivatives } from './likelihood-results'
import { locationScaleDerivatives, medianAndDeviation, validLocationScale as valid } from './location-scale'
import { positiveOr } from './start-guards'
import { REAL_LINE } from './support'
import type { Distribution, LikelihoodDerivatives } from './types'
import { param } from './param'

/** log density with z = (x - mu) / s, in the overflow-free symmetric form -|z| - 2 log(1 + e^-|z|) - log s. */
function logDensity(x: number, mu: number, s: number): number {
  const a = Math.abs((x - mu) / s)
  return -a - 2 * Math.log1p(Math.exp(-a)) - Math.log(s)
}

/**
 * One fused pass per call. With t = tanh(z / 2): d/dmu = t / s, d/ds = (z t - 1) / s,
 * d2/dmu2 = -(1 - t^2) / (2 s^2), d2/dmu ds = -(t + z (1 - t^2) / 2) / s^2,
 * d2/ds2 = (1 - 2 z t - z^2 (1 - t^2) / 2) / s^2.
 */
export function logisticDerivatives(sample: Sample, mu: number, s: number): LikelihoodDerivatives {
  if (!valid(mu, s)) return invalidDerivatives(2)
  const data = sample.values
  const { weights: w, mask } = weightLanes(sample)
  // Sums in locals (not the sums array) and the weight without a call: the pass runs at the speed of its exp.
  let [s0, s1, s2, s3, s4, s5] = [0, 0, 0, 0, 0, 0]
  for (let i = 0; i < data.length; i++) {
    const z = (data[i] - mu) / s
    const a = Math.abs(z)
    const e = Math.exp(-a)
    const c = w[i & mask]
    s0 += c * (-a - 2 * Math.log1p(e))
    // tanh(z/2) = sign(z) (1 - e^-|z|) / (1 + e^-|z|), reusing the exponential.
    const t = z < 0 ? (e - 1) / (1 + e) : (1 - e) / (1 + e)
    const sech2 = 1 - t * t
    s1 += c * t
    s2 += c * (z * t - 1)
    s3 -= c * 0.5 * sech2
    s4 -= c * (t + 0.5 * z * sech2)
    s5 += c * (1 - 2 * z * t - 0.5 * z * z * sech2)
  }
  return locationScaleDerivatives(sample.n, Math.log(s), s, Float64Array.of(s0, s1, s2, s3, s4, s5))
}

/** Logistic(mu, s > 0): CDF 1 / (1 + exp(-(x - mu) / s)) on the real line; variance s^2 pi^2 / 3. */
export const logistic = {
  id: 'logistic',
  label: 'Logistic',
  discrete: false,
  params: [param('mu', 'μ', 'real'), param('s', 's', 'positive')],
  support: REAL_LINE,
  logPdf(x, { mu, s }) {
    if (!valid(mu, s)) return NaN
    return Number.isFinite(x) ? logDensity(x, mu, s) : -Infinity
  },
  cdf(x, { mu, s }) {
    if (!valid(mu, s)) return NaN
    return 1 / (1 + Math.exp(-(x - mu) / s))
  },
  // log F = -log(1 + e^-z) and log S = -log(1 + e^z), each without overflow.
  logCdf(x, { mu, s }) {
    if (!valid(mu, s)) return NaN
    return -softplus(-(x - mu) / s)
  },
  logSf(x, { mu, s }) {
    if (!valid(mu, s)) return NaN
    return -softplus((x - mu) / s)
  },
  quantile(q, { mu, s }) {
    if (!valid(mu, s) || !(q >= 0 && q <= 1)) return NaN
    return mu + s * (Math.log(q) - Math.log1p(-q))
  },
  // Method of moments: mu = mean, s = sd sqrt(3) / pi.
  startValues(data) {
    const m = moments(data)
    const s = m.sd * (Math.sqrt(3) / Math.PI)
    return { mu: m.mean, s: positiveOr(s, Math.max(Math.abs(m.mean) * 1e-3, 1e-3)) }
  },
  startIsMoments: true,
  // Median and mean absolute deviation (2 s log 2 for the logistic): the robust second start.
  robustStart(data) {
    const { median, deviation } = medianAndDeviation(data)
    return { mu: median, s: positiveOr(deviation / (2 * Math.LN2), Math.max(Math.abs(median) * 1e-3, 1e-3)) }
  },
  unitPowers: { mu: 1, s: 1 },
  logLikelihood(sample, { mu, s }) {
    if (!valid(mu, s)) return NaN
    const data = sample.values
    const { weights: w, mask } = weightLanes(sample)
    let ll = 0
    for (let i = 0; i < data.length; i++) ll += w[i & mask] * logDensity(data[i], mu, s)
    return ll
  },
  derivatives: (data, { mu, s }) => logisticDerivatives(data, mu, s),
  sample(n, { mu, s }, random) {
    const out = new Float64Array(n)
    for (let i = 0; i < n; i++) {
      const u = random.openUniform()
      out[i] = mu + s * (Math.log(u) - Math.log1p(-u))
    }
    return out
  },
  fitCost: 2,
  cullenFrey: { kind: 'point', skewness2: 0, kurtosis: 4.2 },
} as const satisfies Distribution

/** log(1 + e^t) without overflow for large t or loss for very negative t. */
function softplus(t: number): number {
  return t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t))
}
