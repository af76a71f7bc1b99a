import { fallbackScale, moments } from '../stats/sample-moments'
import { REAL_LINE } from './support'
import type { Distribution } from './types'
import { param } from './param'

const valid = (a: number, b: number) => Number.isFinite(a) && Number.isFinite(b) && b > a

/** Uniform(a, b), a < b: density 1 / (b - a) on a <= x <= b. */
export const uniform = {
  id: 'uniform',
  label: 'Uniform',
  discrete: false,
  params: [param('a', 'a', 'real'), param('b', 'b', 'real')],
  // a <= x <= b: both ends are estimated.
  support: { ...REAL_LINE, estimatedEnds: true },
  logPdf(x, { a, b }) {
    if (!valid(a, b)) return NaN
    return x >= a && x <= b ? -Math.log(b - a) : -Infinity
  },
  cdf(x, { a, b }) {
    if (!valid(a, b)) return NaN
    return x <= a ? 0 : x >= b ? 1 : (x - a) / (b - a)
  },
  quantile(q, { a, b }) {
    if (!valid(a, b) || !(q >= 0 && q <= 1)) return NaN
    return q === 1 ? b : a + q * (b - a)
  },
  // Not moments (mean -/+ sqrt(3) sd can exclude data): the sample range, widened when every value is tied.
  startValues(data) {
    const m = moments(data)
    const pad = m.max > m.min ? 0 : fallbackScale(m)
    return { a: m.min - pad, b: m.max + pad }
  },
  startIsMoments: false,
  unitPowers: { a: 1, b: 1 },
  // MLE: a = min, b = max, both at the edge of what the data allow (b - a = 0 when all values tie).
  closedFormMle(data) {
    const m = moments(data)
    return { a: m.min, b: m.max }
  },
  logLikelihood(data, { a, b }) {
    if (!valid(a, b)) return NaN
    const m = moments(data)
    return m.min >= a && m.max <= b ? -m.n * Math.log(b - a) : -Infinity
  },
  sample(n, { a, b }, random) {
    const out = new Float64Array(n)
    for (let i = 0; i < n; i++) out[i] = a + random.uniform() * (b - a)
    return out
  },
  // a and b are the sample extremes, where the likelihood stops: no standard errors from the information.
  nonRegular: () => ({ boundary: { a: 'minimum', b: 'maximum' } }),
  cullenFrey: { kind: 'point', skewness2: 0, kurtosis: 1.8 },
} as const satisfies Distribution
