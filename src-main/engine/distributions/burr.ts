import { logMoments } from '../stats/sample-moments'
import { param } from './param'
import { positiveOr } from './start-guards'
import { POSITIVE } from './support'
import type { Distribution } from './types'

const valid = (c: number, k: number, scale: number) =>
  c > 0 && c < Infinity && k > 0 && k < Infinity && scale > 0 && scale < Infinity

/** log(1 + e^t) without overflow for large t. */
const softplus = (t: number) => (t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t)))

/**
 * Burr type XII with shapes c > 0, k > 0 and a scale: F = 1 - (1 + (x / scale)^c)^(-k) on x > 0. SciPy's
 * `burr12(c, d = k, scale)`; k = 1 is the log-logistic.
 */
export const burr = {
  id: 'burr',
  label: 'Burr (XII)',
  discrete: false,
  params: [param('c', 'c', 'positive'), param('k', 'k', 'positive'), param('scale', 'λ', 'positive')],
  support: POSITIVE,
  logPdf(x, { c, k, scale }) {
    if (!valid(c, k, scale)) return NaN
    if (!(x >= 0) || x === Infinity) return -Infinity
    if (x === 0) return c < 1 ? Infinity : c === 1 ? Math.log(k / scale) : -Infinity
    // With t = c log(x / scale): log f = log(c k / x) + t - (k + 1) log(1 + e^t).
    const t = c * (Math.log(x) - Math.log(scale))
    return Math.log(c) + Math.log(k) - Math.log(x) + t - (k + 1) * softplus(t)
  },
  cdf(x, { c, k, scale }) {
    if (!valid(c, k, scale)) return NaN
    if (!(x > 0)) return 0
    return -Math.expm1(-k * softplus(c * (Math.log(x) - Math.log(scale))))
  },
  quantile(q, { c, k, scale }) {
    if (!valid(c, k, scale) || !(q >= 0 && q <= 1)) return NaN
    return scale * Math.exp(Math.log(Math.expm1(-Math.log1p(-q) / k)) / c)
  },
  // The log-logistic (k = 1) from the moments of log x.
  startValues(data) {
    const m = logMoments(data)
    const c = Math.PI / (Math.sqrt(3) * m.sdLog)
    return { c: Math.min(positiveOr(c, 1e3), 1e3), k: 1, scale: Math.exp(m.meanLog) }
  },
  startIsMoments: false,
  sample(n, { c, k, scale }, random) {
    const out = new Float64Array(n)
    for (let i = 0; i < n; i++) {
      const e = -Math.log(random.openUniform()) / k
      out[i] = scale * Math.exp(Math.log(Math.expm1(e)) / c)
    }
    return out
  },
  fitCost: 3,
} as const satisfies Distribution
