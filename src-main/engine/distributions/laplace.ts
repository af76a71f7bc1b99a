import type { Distribution } from './types'
import { moments, sortedMedian } from './sample-stats'
import { positiveOr } from './start-guards'
import { openUnit } from './random-variates'

const valid = (mu: number, b: number) => Number.isFinite(mu) && b > 0 && b < Infinity

/** Laplace(mu, b > 0): density exp(-|x - mu| / b) / (2 b) on the real line; variance 2 b^2. */
export const laplace = {
  id: 'laplace',
  label: 'Laplace',
  discrete: false,
  params: [
    { name: 'mu', symbol: 'μ', domain: 'real' },
    { name: 'b', symbol: 'b', domain: 'positive' },
  ],
  supportText: 'any real x',
  inSupport: (x) => Number.isFinite(x),
  logPdf(x, { mu, b }) {
    if (!valid(mu, b)) return NaN
    return Number.isFinite(x) ? -Math.LN2 - Math.log(b) - Math.abs(x - mu) / b : -Infinity
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
  // MLE: mu = sample median, b = mean absolute deviation from it. With an even n any mu between the two
  // middle values maximizes the likelihood equally; the midpoint is reported.
  closedFormMle(sorted) {
    const mu = sortedMedian(sorted)
    let sum = 0
    for (let i = 0; i < sorted.length; i++) sum += Math.abs(sorted[i] - mu)
    return { mu, b: sum / sorted.length }
  },
  sample(n, { mu, b }, random) {
    const out = new Float64Array(n)
    for (let i = 0; i < n; i++) {
      const u = openUnit(random)
      out[i] = u < 0.5 ? mu + b * Math.log(2 * u) : mu - b * Math.log(2 - 2 * u)
    }
    return out
  },
} as const satisfies Distribution
