import { logMoments, moments } from '../stats/sample-moments'
import type { Sample } from '../stats/sample'
import { invalidDerivatives } from './likelihood-results'
import { positiveOr } from './start-guards'
import { POSITIVE } from './support'
import type { Distribution, LikelihoodDerivatives } from './types'
import { param } from './param'

const valid = (xm: number, alpha: number) => xm > 0 && xm < Infinity && alpha > 0 && alpha < Infinity

/**
 * From n, min and mean log x (cached): for xm <= min, ll = n (log alpha + alpha log xm - (alpha + 1) mean log x);
 * -Infinity once xm passes the smallest value, so the likelihood peaks at the bound xm = min.
 */
function derivatives(data: Sample, xm: number, alpha: number): LikelihoodDerivatives {
  if (!valid(xm, alpha)) return invalidDerivatives(2)
  const { n, min } = moments(data)
  const { meanLog } = logMoments(data)
  const excess = meanLog - Math.log(xm)
  return {
    logLikelihood: xm > min ? -Infinity : n * (Math.log(alpha) - meanLog - alpha * excess),
    score: [(n * alpha) / xm, n * (1 / alpha - excess)],
    hessian: [
      [(-n * alpha) / (xm * xm), n / xm],
      [n / xm, -n / (alpha * alpha)],
    ],
  }
}

/** Pareto (type I) with scale xm > 0 and shape alpha > 0: survival (xm / x)^alpha on x >= xm. */
export const pareto = {
  id: 'pareto',
  label: 'Pareto',
  discrete: false,
  params: [param('xm', 'xₘ', 'positive'), param('alpha', 'α', 'positive')],
  // x >= xm: only x > 0 can be checked before xm is estimated.
  support: { ...POSITIVE, estimatedEnds: true },
  logPdf(x, { xm, alpha }) {
    if (!valid(xm, alpha)) return NaN
    if (!(x >= xm) || x === Infinity) return -Infinity
    return Math.log(alpha) + alpha * Math.log(xm) - (alpha + 1) * Math.log(x)
  },
  cdf(x, { xm, alpha }) {
    if (!valid(xm, alpha)) return NaN
    // log(xm / x) as -log1p((x - xm) / xm): x - xm is exact near xm, where the ratio would lose digits.
    return x <= xm ? 0 : -Math.expm1(-alpha * Math.log1p((x - xm) / xm))
  },
  quantile(q, { xm, alpha }) {
    if (!valid(xm, alpha) || !(q >= 0 && q <= 1)) return NaN
    return xm * Math.exp(-Math.log1p(-q) / alpha)
  },
  // Not moments (they can put xm above the smallest value, which the likelihood forbids): the closed
  // form, with alpha capped at 1e8 when every value is tied.
  startValues(data) {
    const { min } = moments(data)
    const alpha = 1 / (logMoments(data).meanLog - Math.log(min))
    return { xm: min, alpha: Math.min(positiveOr(alpha, 1e8), 1e8) }
  },
  startIsMoments: false,
  unitPowers: { xm: 1, alpha: 0 },
  // MLE: xm = min x (the likelihood grows with xm up to there), alpha = n / sum log(x / xm).
  closedFormMle(data) {
    const { min } = moments(data)
    return { xm: min, alpha: 1 / (logMoments(data).meanLog - Math.log(min)) }
  },
  logLikelihood: (data, { xm, alpha }) => derivatives(data, xm, alpha).logLikelihood,
  derivatives: (data, { xm, alpha }) => derivatives(data, xm, alpha),
  sample(n, { xm, alpha }, random) {
    const out = new Float64Array(n)
    for (let i = 0; i < n; i++) out[i] = xm * Math.exp(-Math.log(random.openUniform()) / alpha)
    return out
  },
  // xm is the sample minimum, where the likelihood stops: no standard error from the information.
  nonRegular: () => ({ boundary: { xm: 'minimum' } }),
} as const satisfies Distribution
