import { logMoments, moments } from '../stats/sample-moments'
import { CompensatedSum } from '../stats/compensated-sum'
import { statistic, weightLanes, type Sample } from '../stats/sample'
import { invalidDerivatives } from './likelihood-results'
import { positiveOr } from './start-guards'
import { POSITIVE } from './support'
import type { Distribution, LikelihoodDerivatives } from './types'
import { logRatio } from './log-ratio'
import { param } from './param'

const valid = (xm: number, alpha: number) => xm > 0 && xm < Infinity && alpha > 0 && alpha < Infinity

/**
 * mean log(x / min), each log(x / min) to full precision (`logRatio`): meanLog - log(min) cancels
 * at 1e9 + N(0, 1), where alpha ~ 1e9 times that difference's rounding moved the log-likelihood by 2e-5.
 */
const meanLogAboveMin = statistic((sample: Sample) => {
  const { n, min } = moments(sample)
  const { weights: w, mask } = weightLanes(sample)
  const sum = new CompensatedSum()
  for (let i = 0; i < sample.values.length; i++) sum.add(w[i & mask] * logRatio(sample.values[i], min))
  return sum.value / n
})

/** mean log(x / xm) for xm <= min: the cached mean log(x / min) plus log(min / xm), each keeping its digits. */
const excessOver = (data: Sample, xm: number) => meanLogAboveMin(data) + logRatio(moments(data).min, xm)

/**
 * From n, min and mean log x (cached): for xm <= min, ll = n (log alpha + alpha log xm - (alpha + 1) mean log x);
 * -Infinity once xm passes the smallest value, so the likelihood peaks at the bound xm = min.
 */
function derivatives(data: Sample, xm: number, alpha: number): LikelihoodDerivatives {
  if (!valid(xm, alpha)) return invalidDerivatives(2)
  const { n, min } = moments(data)
  const { meanLog } = logMoments(data)
  const excess = excessOver(data, xm)
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
    // alpha log(xm / x) - log x with log(x / xm) to full precision (alpha ~ 1e9 at 1e9 + N(0, 1)).
    return Math.log(alpha) - Math.log(x) - alpha * logRatio(x, xm)
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
    const alpha = 1 / meanLogAboveMin(data)
    return { xm: moments(data).min, alpha: Math.min(positiveOr(alpha, 1e8), 1e8) }
  },
  startIsMoments: false,
  unitPowers: { xm: 1, alpha: 0 },
  // MLE: xm = min x (the likelihood grows with xm up to there), alpha = n / sum log(x / xm).
  closedFormMle(data) {
    return { xm: moments(data).min, alpha: 1 / meanLogAboveMin(data) }
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
