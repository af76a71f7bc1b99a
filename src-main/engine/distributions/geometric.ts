import { countTable } from '../stats/count-table'
import type { Sample } from '../stats/sample'
import { searchDiscreteQuantile } from './discrete-quantile'
import { invalidDerivatives } from './likelihood-results'
import { clampUnit } from './start-guards'
import { COUNTS, isCount } from './support'
import type { Distribution, LikelihoodDerivatives } from './types'
import { param } from './param'

// p = 1 is the point mass at 0 (the MLE for an all-zero column).
const valid = (p: number) => p > 0 && p <= 1

/** ll = n log p + sum x log(1 - p). */
function derivatives(data: Sample, p: number): LikelihoodDerivatives {
  if (!valid(p)) return invalidDerivatives(1)
  const { n, sum } = countTable(data)
  const q = 1 - p
  return {
    logLikelihood: n * Math.log(p) + (sum === 0 ? 0 : sum * Math.log1p(-p)),
    score: [n / p - sum / q],
    hessian: [[-n / (p * p) - sum / (q * q)]],
  }
}

/**
 * Geometric(p in (0, 1]) counting failures before the first success: P(x) = p (1 - p)^x on
 * x = 0, 1, 2, ...; mean (1 - p) / p.
 */
export const geometric = {
  id: 'geometric',
  label: 'Geometric',
  discrete: true,
  params: [param('p', 'p', 'unit-interval')],
  support: COUNTS,
  logPdf(x, { p }) {
    if (!valid(p)) return NaN
    if (!isCount(x)) return -Infinity
    return Math.log(p) + (x === 0 ? 0 : x * Math.log1p(-p))
  },
  // 1 - (1 - p)^(floor(x) + 1), via expm1/log1p so tiny p keeps its digits.
  cdf(x, { p }) {
    if (!valid(p)) return NaN
    if (x < 0) return 0
    if (p === 1) return 1
    return -Math.expm1((Math.floor(x) + 1) * Math.log1p(-p))
  },
  quantile(q, { p }) {
    if (!valid(p) || !(q >= 0 && q <= 1)) return NaN
    if (q === 1) return p === 1 ? 0 : Infinity
    if (p === 1) return 0
    const guess = Math.max(Math.ceil(Math.log1p(-q) / Math.log1p(-p) - 1), 0)
    // Rounding in the logs can miss by one either way: settle on the smallest k with cdf(k) >= q (a search
    // that also ends where k is too large for k + 1 to be a different double).
    const cdf = (j: number) => -Math.expm1((j + 1) * Math.log1p(-p))
    return searchDiscreteQuantile(cdf, q, guess, Infinity)
  },
  // Method of moments = MLE: p = 1 / (1 + mean); nudged inside (0, 1) for the optimizer's logit scale.
  startValues(data) {
    const { n, sum } = countTable(data)
    return { p: clampUnit(1 / (1 + sum / n), n) }
  },
  startIsMoments: true,
  closedFormMle(data) {
    const { n, sum } = countTable(data)
    return { p: n / (n + sum) }
  },
  logLikelihood: (data, { p }) => derivatives(data, p).logLikelihood,
  derivatives: (data, { p }) => derivatives(data, p),
  // floor(log U / log(1 - p)) is the inverse CDF for U uniform on (0, 1].
  sample(n, { p }, random) {
    const out = new Float64Array(n)
    const l = Math.log1p(-p)
    for (let i = 0; i < n; i++) out[i] = p === 1 ? 0 : Math.floor(Math.log(random.openUniform()) / l)
    return out
  },
} as const satisfies Distribution
