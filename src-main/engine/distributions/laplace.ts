import { moments } from '../stats/sample-moments'
import { sampleMedian } from '../stats/weighted'
import { positiveOr } from './start-guards'
import { REAL_LINE } from './support'
import type { Distribution } from './types'
import { param } from './param'
import { medianAndDeviation, sumAbsoluteDeviations } from './location-scale'

const valid = (mu: number, b: number) => Number.isFinite(mu) && b > 0 && b < Infinity

/** Laplace(mu, b > 0): density exp(-|x - mu| / b) / (2 b) on the real line; variance 2 b^2. */
export const laplace = {
  id: 'laplace',
  label: 'Laplace',
  discrete: false,
  params: [param('mu', 'μ', 'real'), param('b', 'b', 'positive')],
  support: REAL_LINE,
  logPdf(x, { mu, b }) {
    if (!valid(mu, b)) return NaN
    return Number.isFinite(x) ? -Math.LN2 - Math.log(b) - Math.abs(x - mu) / b : -Infinity
  },
  // ll = -n log(2 b) - sum |x - mu| / b in one tight pass (finite differences call it often).
  logLikelihood(data, { mu, b }) {
    if (!valid(mu, b)) return NaN
    return -data.n * (Math.LN2 + Math.log(b)) - sumAbsoluteDeviations(data, mu, b)
  },
  cdf(x, { mu, b }) {
    if (!valid(mu, b)) return NaN
    const z = (x - mu) / b
    return z < 0 ? 0.5 * Math.exp(z) : 1 - 0.5 * Math.exp(-z)
  },
  quantile(q, { mu, b }) {
    if (!valid(mu, b) || !(q >= 0 && q <= 1)) return NaN
    return q < 0.5 ? mu + b * Math.log(2 * q) : mu - b * Math.log(2 - 2 * q)
  },
  // Method of moments: mu = mean, b = sd / sqrt(2).
  startValues(data) {
    const m = moments(data)
    return { mu: m.mean, b: positiveOr(m.sd / Math.SQRT2, Math.max(Math.abs(m.mean) * 1e-3, 1e-3)) }
  },
  startIsMoments: true,
  unitPowers: { mu: 1, b: 1 },
  // MLE: mu = sample median, b = mean absolute deviation from it. With an even n any mu between the two
  // middle values maximizes the likelihood equally; the midpoint is reported.
  closedFormMle(data) {
    const { median, deviation } = medianAndDeviation(data)
    return { mu: median, b: deviation }
  },
  sample(n, { mu, b }, random) {
    const out = new Float64Array(n)
    for (let i = 0; i < n; i++) {
      const u = random.openUniform()
      out[i] = u < 0.5 ? mu + b * Math.log(2 * u) : mu - b * Math.log(2 - 2 * u)
    }
    return out
  },
  // mu is the sample median: the log-likelihood is piecewise linear in mu (its Hessian 0 or undefined), so
  // its standard error is the median's asymptotic b / sqrt(n) = 1 / (2 f(m) sqrt(n)) with f(m) = 1 / (2b);
  // b's observed information n / b² at the MLE equals the expected one: the same variance b² / n.
  nonRegular(params, n, free) {
    if (!free.includes('mu')) return null
    const v = (params.b * params.b) / n
    return {
      covariance: free.map((_, a) => free.map((__, c) => (a === c ? v : 0))),
      note: 'mu is the sample median: its standard error is the asymptotic b / sqrt(n) of the median, not from the information (the likelihood has a kink there).',
    }
  },
  // Newton cannot profile across the kinks: with b held the optimum is the median (whatever b), and with
  // mu held it is b = mean |x - mu|.
  profileShortcut(data, held, value, params) {
    if (held === 'b') return { ...params, b: value, mu: sampleMedian(data) }
    if (held !== 'mu') return null
    return { ...params, mu: value, b: sumAbsoluteDeviations(data, value, 1) / data.n }
  },
} as const satisfies Distribution
