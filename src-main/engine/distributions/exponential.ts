import { moments } from '../stats/sample-moments'
import type { Sample } from '../stats/sample'
import { invalidDerivatives } from './likelihood-results'
import { positiveOr } from './start-guards'
import { NON_NEGATIVE } from './support'
import type { Distribution, LikelihoodDerivatives } from './types'
import { param } from './param'

/** ll = n log rate - rate * n * mean, with score and Hessian in rate. */
function derivatives(data: Sample, rate: number): LikelihoodDerivatives {
  if (!(rate > 0 && rate < Infinity)) return invalidDerivatives(1)
  const { n, mean, min } = moments(data)
  const ll = min < 0 ? -Infinity : n * Math.log(rate) - rate * n * mean
  return { logLikelihood: ll, score: [n / rate - n * mean], hessian: [[-n / (rate * rate)]] }
}

/** Exponential(rate): density rate * exp(-rate x) on x >= 0, rate > 0 (mean 1 / rate). */
export const exponential = {
  id: 'exponential',
  label: 'Exponential',
  discrete: false,
  params: [param('rate', 'λ', 'positive')],
  support: NON_NEGATIVE,
  logPdf(x, { rate }) {
    if (!(rate > 0 && rate < Infinity)) return NaN
    return x < 0 || x === Infinity ? -Infinity : Math.log(rate) - rate * x
  },
  cdf(x, { rate }) {
    if (!(rate > 0 && rate < Infinity)) return NaN
    return x <= 0 ? 0 : -Math.expm1(-rate * x)
  },
  logSf(x, { rate }) {
    if (!(rate > 0 && rate < Infinity)) return NaN
    return x <= 0 ? 0 : -rate * x
  },
  logCdf(x, { rate }) {
    if (!(rate > 0 && rate < Infinity)) return NaN
    return x <= 0 ? -Infinity : Math.log(-Math.expm1(-rate * x))
  },
  quantile(q, { rate }) {
    if (!(rate > 0 && rate < Infinity) || !(q >= 0 && q <= 1)) return NaN
    return -Math.log1p(-q) / rate
  },
  // All zeros (mean 0) has no finite MLE; start from a large rate on a unit scale instead of Infinity.
  startValues: (data) => ({ rate: positiveOr(1 / moments(data).mean, 1e6) }),
  startIsMoments: true,
  unitPowers: { rate: -1 },
  // MLE: rate = 1 / mean (same as the method of moments).
  closedFormMle: (data) => ({ rate: 1 / moments(data).mean }),
  logLikelihood: (data, { rate }) => derivatives(data, rate).logLikelihood,
  derivatives: (data, { rate }) => derivatives(data, rate),
  sample(n, { rate }, random) {
    const out = new Float64Array(n)
    for (let i = 0; i < n; i++) out[i] = -Math.log(random.openUniform()) / rate
    return out
  },
  cullenFrey: { kind: 'point', skewness2: 4, kurtosis: 9 },
} as const satisfies Distribution
