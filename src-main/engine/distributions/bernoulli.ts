import { countTable } from '../stats/count-table'
import type { Sample } from '../stats/sample'
import { invalidDerivatives } from './likelihood-results'
import { clampUnit } from './start-guards'
import { COUNTS } from './support'
import type { Distribution, LikelihoodDerivatives } from './types'
import { param } from './param'

// p = 0 and p = 1 are kept as point masses: they are the exact MLE for a column of all 0s or all 1s.
const valid = (p: number) => p >= 0 && p <= 1

/** x log p + (1 - x) log(1 - p) with 0 log 0 = 0. */
function xlogp(k: number, p: number, m: number): number {
  return (k === 0 ? 0 : k * Math.log(p)) + (m === 0 ? 0 : m * Math.log1p(-p))
}

/** ll = s log p + (n - s) log(1 - p), s = number of ones. */
function derivatives(data: Sample, p: number): LikelihoodDerivatives {
  if (!valid(p)) return invalidDerivatives(1)
  const { n, sum } = countTable(data)
  const f = n - sum
  return {
    logLikelihood: xlogp(sum, p, f),
    score: [sum / p - f / (1 - p)],
    hessian: [[-sum / (p * p) - f / ((1 - p) * (1 - p))]],
  }
}

/** Bernoulli(p in [0, 1]): P(1) = p, P(0) = 1 - p. */
export const bernoulli = {
  id: 'bernoulli',
  label: 'Bernoulli',
  discrete: true,
  params: [param('p', 'p', 'unit-interval')],
  support: { ...COUNTS, upper: 1, upperClosed: true },
  logPdf(x, { p }) {
    if (!valid(p)) return NaN
    if (x === 1) return Math.log(p)
    if (x === 0) return Math.log1p(-p)
    return -Infinity
  },
  cdf(x, { p }) {
    if (!valid(p)) return NaN
    return x < 0 ? 0 : x < 1 ? 1 - p : 1
  },
  quantile(q, { p }) {
    if (!valid(p) || !(q >= 0 && q <= 1)) return NaN
    return q <= 1 - p ? 0 : 1
  },
  // Method of moments = MLE (share of ones), nudged inside (0, 1) for the optimizer's logit scale.
  startValues(data) {
    const { n, sum } = countTable(data)
    return { p: clampUnit(sum / n, n) }
  },
  startIsMoments: true,
  closedFormMle(data) {
    const { n, sum } = countTable(data)
    return { p: sum / n }
  },
  logLikelihood: (data, { p }) => derivatives(data, p).logLikelihood,
  derivatives: (data, { p }) => derivatives(data, p),
  sample(n, { p }, random) {
    const out = new Float64Array(n)
    for (let i = 0; i < n; i++) out[i] = random.uniform() < p ? 1 : 0
    return out
  },
} as const satisfies Distribution
