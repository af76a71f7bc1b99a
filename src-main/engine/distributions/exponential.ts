import type { Distribution } from './types'
import { meanAndVariance } from '../stats/moments'

/** Exponential(rate): density rate * exp(-rate x) on x >= 0, rate > 0 (mean 1 / rate). */
export const exponential = {
  id: 'exponential',
  label: 'Exponential',
  discrete: false,
  params: [{ name: 'rate', symbol: 'λ', domain: 'positive' }],
  supportText: 'x ≥ 0',
  inSupport: (x) => x >= 0 && x < Infinity,
  logPdf(x, { rate }) {
    if (!(rate > 0)) return NaN
    return x < 0 ? -Infinity : Math.log(rate) - rate * x
  },
  cdf(x, { rate }) {
    if (!(rate > 0)) return NaN
    return x <= 0 ? 0 : -Math.expm1(-rate * x)
  },
  quantile(q, { rate }) {
    if (!(rate > 0) || !(q >= 0 && q <= 1)) return NaN
    return -Math.log1p(-q) / rate
  },
  startValues: (data) => ({ rate: 1 / meanAndVariance(data).mean }),
  // MLE: rate = 1 / mean (same as the method of moments).
  closedFormMle: (data) => ({ rate: 1 / meanAndVariance(data).mean }),
} as const satisfies Distribution
