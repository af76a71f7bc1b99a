import erfc from '@stdlib/math-base-special-erfc'
import erfcinv from '@stdlib/math-base-special-erfcinv'
import type { Distribution, Params } from './types'
import { meanAndVariance } from '../stats/moments'

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI)

/** Normal(mu, sigma): mean mu, standard deviation sigma > 0. */
export const normal = {
  id: 'normal',
  label: 'Normal',
  discrete: false,
  params: [
    { name: 'mu', symbol: 'μ', domain: 'real' },
    { name: 'sigma', symbol: 'σ', domain: 'positive' },
  ],
  supportText: 'any real x',
  inSupport: (x) => Number.isFinite(x),
  logPdf(x, { mu, sigma }) {
    if (!(sigma > 0)) return NaN
    const z = (x - mu) / sigma
    return -LOG_SQRT_2PI - Math.log(sigma) - 0.5 * z * z
  },
  cdf(x, { mu, sigma }) {
    if (!(sigma > 0)) return NaN
    return 0.5 * erfc(-(x - mu) / (sigma * Math.SQRT2))
  },
  quantile(q, { mu, sigma }) {
    if (!(sigma > 0) || !(q >= 0 && q <= 1)) return NaN
    return mu - Math.SQRT2 * sigma * erfcinv(2 * q)
  },
  startValues: (data) => normalMle(data),
  closedFormMle: (data) => normalMle(data),
} as const satisfies Distribution

/** MLE: mu = mean, sigma = sqrt(sum (x - mean)^2 / n) (divides by n, not n - 1). */
function normalMle(data: Float64Array): Params {
  const { mean, m2 } = meanAndVariance(data)
  return { mu: mean, sigma: Math.sqrt(m2 / data.length) }
}
