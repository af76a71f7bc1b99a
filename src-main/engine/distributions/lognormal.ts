import erfc from '@stdlib/math-base-special-erfc'
import { logNormalCdf } from './normal-tail'
import erfcinv from '@stdlib/math-base-special-erfcinv'
import { logMoments } from '../stats/sample-moments'
import type { Sample } from '../stats/sample'
import { normalDerivatives } from './normal'
import { positiveOr } from './start-guards'
import { POSITIVE } from './support'
import type { Distribution } from './types'
import { param } from './param'

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI)

/** Whole-sample derivatives on log x minus the Jacobian sum of log x (which does not depend on mu, sigma). */
function derivatives(data: Sample, mu: number, sigma: number) {
  const m = logMoments(data)
  const d = normalDerivatives(m.n, m.meanLog - mu, m.sdLog, mu, sigma)
  d.logLikelihood -= m.n * m.meanLog
  return d
}

/** Lognormal(mu, sigma): log x is normal with mean mu and standard deviation sigma > 0; x > 0. */
export const lognormal = {
  id: 'lognormal',
  label: 'Lognormal',
  discrete: false,
  params: [param('mu', 'μ', 'real'), param('sigma', 'σ', 'positive')],
  support: POSITIVE,
  logPdf(x, { mu, sigma }) {
    if (!(sigma > 0 && sigma < Infinity) || !Number.isFinite(mu)) return NaN
    if (!(x > 0) || x === Infinity) return -Infinity
    const lx = Math.log(x)
    const z = (lx - mu) / sigma
    return -lx - LOG_SQRT_2PI - Math.log(sigma) - 0.5 * z * z
  },
  density({ mu, sigma }) {
    if (!(sigma > 0 && sigma < Infinity) || !Number.isFinite(mu)) return () => NaN
    const c = -LOG_SQRT_2PI - Math.log(sigma)
    return (x) => {
      if (!(x > 0 && x < Infinity)) return NaN
      const lx = Math.log(x)
      const z = (lx - mu) / sigma
      return Math.exp(c - lx - 0.5 * z * z)
    }
  },
  cdf(x, { mu, sigma }) {
    if (!(sigma > 0 && sigma < Infinity) || !Number.isFinite(mu)) return NaN
    if (!(x > 0)) return 0
    return 0.5 * erfc(-(Math.log(x) - mu) / (sigma * Math.SQRT2))
  },
  logCdf(x, { mu, sigma }) {
    if (!(sigma > 0 && sigma < Infinity) || !Number.isFinite(mu)) return NaN
    return x > 0 ? logNormalCdf((Math.log(x) - mu) / sigma) : -Infinity
  },
  logSf(x, { mu, sigma }) {
    if (!(sigma > 0 && sigma < Infinity) || !Number.isFinite(mu)) return NaN
    return x > 0 ? logNormalCdf((mu - Math.log(x)) / sigma) : 0
  },
  quantile(q, { mu, sigma }) {
    if (!(sigma > 0 && sigma < Infinity) || !Number.isFinite(mu) || !(q >= 0 && q <= 1)) return NaN
    return Math.exp(mu - Math.SQRT2 * sigma * erfcinv(2 * q))
  },
  // Moments of log x: they are also the MLE, and never overflow the way moments of x can.
  startValues(data) {
    const m = logMoments(data)
    return { mu: m.meanLog, sigma: positiveOr(m.sdLog, 1e-3) }
  },
  startIsMoments: true,
  closedFormMle(data) {
    const m = logMoments(data)
    return { mu: m.meanLog, sigma: m.sdLog }
  },
  logLikelihood: (data, { mu, sigma }) => derivatives(data, mu, sigma).logLikelihood,
  derivatives: (data, { mu, sigma }) => derivatives(data, mu, sigma),
  sample(n, { mu, sigma }, random) {
    const out = new Float64Array(n)
    for (let i = 0; i < n; i++) out[i] = Math.exp(mu + sigma * random.normal())
    return out
  },
  cullenFrey: { kind: 'curve', points: lognormalCurve() },
} as const satisfies Distribution

/**
 * Lognormal(sigma) on the Cullen-Frey plane, for sigma from 0.01 by 0.01 while skewness² <= 100:
 * skewness² = (w + 2)² (w - 1), kurtosis = w⁴ + 2w³ + 3w² - 3 with w = exp(sigma²).
 */
function lognormalCurve(): [number, number][] {
  const out: [number, number][] = []
  for (let s = 0.01; s < 3; s += 0.01) {
    const w = Math.exp(s * s)
    const b1 = (w + 2) ** 2 * (w - 1)
    if (b1 > 100) break
    out.push([b1, w ** 4 + 2 * w ** 3 + 3 * w ** 2 - 3])
  }
  return out
}
