import erfc from '@stdlib/math-base-special-erfc'
import erfcinv from '@stdlib/math-base-special-erfcinv'
import type { Distribution } from './types'
import { logMoments } from './sample-stats'
import { normalDerivatives } from './normal'
import { positiveOr } from './start-guards'
import { standardNormal } from './random-variates'

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI)

/** Whole-sample derivatives on log x minus the Jacobian sum of log x (which does not depend on mu, sigma). */
function derivatives(data: Float64Array, mu: number, sigma: number) {
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
  params: [
    { name: 'mu', symbol: 'μ', domain: 'real' },
    { name: 'sigma', symbol: 'σ', domain: 'positive' },
  ],
  supportText: 'x > 0',
  inSupport: (x) => x > 0 && x < Infinity,
  logPdf(x, { mu, sigma }) {
    if (!(sigma > 0 && sigma < Infinity) || !Number.isFinite(mu)) return NaN
    if (!(x > 0) || x === Infinity) return -Infinity
    const lx = Math.log(x)
    const z = (lx - mu) / sigma
    return -lx - LOG_SQRT_2PI - Math.log(sigma) - 0.5 * z * z
  },
  cdf(x, { mu, sigma }) {
    if (!(sigma > 0 && sigma < Infinity) || !Number.isFinite(mu)) return NaN
    if (!(x > 0)) return 0
    return 0.5 * erfc(-(Math.log(x) - mu) / (sigma * Math.SQRT2))
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
    for (let i = 0; i < n; i++) out[i] = Math.exp(mu + sigma * standardNormal(random))
    return out
  },
} as const satisfies Distribution
