import { logMoments, moments } from '../stats/sample-moments'
import type { Sample } from '../stats/sample'
import { impossibleDerivatives, invalidDerivatives } from './likelihood-results'
import { positiveOr } from './start-guards'
import { POSITIVE } from './support'
import type { Distribution, LikelihoodDerivatives } from './types'
import { param } from './param'

const valid = (sigma: number) => sigma > 0 && sigma < Infinity

/** Root mean square of the data, sqrt(sd^2 + mean^2), from the overflow-safe cached moments. */
function rms(data: Sample): number {
  const { mean, sd } = moments(data)
  return Math.hypot(mean, sd)
}

/** ll = n mean log x - 2 n log sigma - n (rms / sigma)^2 / 2, with score and Hessian in sigma. */
function derivatives(data: Sample, sigma: number): LikelihoodDerivatives {
  if (!valid(sigma)) return invalidDerivatives(1)
  const { n, min } = moments(data)
  if (!(min > 0)) return impossibleDerivatives(1)
  const r = rms(data) / sigma
  const r2 = r * r
  return {
    logLikelihood: n * logMoments(data).meanLog - 2 * n * Math.log(sigma) - 0.5 * n * r2,
    score: [(n * (r2 - 2)) / sigma],
    hessian: [[(n * (2 - 3 * r2)) / (sigma * sigma)]],
  }
}

/** Rayleigh(sigma > 0): density x / sigma^2 exp(-x^2 / (2 sigma^2)) on x > 0; mean sigma sqrt(pi / 2). */
export const rayleigh = {
  id: 'rayleigh',
  label: 'Rayleigh',
  discrete: false,
  params: [param('sigma', 'σ', 'positive')],
  support: POSITIVE,
  logPdf(x, { sigma }) {
    if (!valid(sigma)) return NaN
    if (!(x > 0) || x === Infinity) return -Infinity
    const z = x / sigma
    // log x - 2 log sigma rather than log(x / sigma): the ratio underflows for x = 1e-300, sigma = 1e300.
    return Math.log(x) - 2 * Math.log(sigma) - 0.5 * z * z
  },
  cdf(x, { sigma }) {
    if (!valid(sigma)) return NaN
    if (!(x > 0)) return 0
    const z = x / sigma
    return -Math.expm1(-0.5 * z * z)
  },
  quantile(q, { sigma }) {
    if (!valid(sigma) || !(q >= 0 && q <= 1)) return NaN
    return sigma * Math.sqrt(-2 * Math.log1p(-q))
  },
  // Method of moments: sigma = mean sqrt(2 / pi).
  startValues: (data) => ({ sigma: positiveOr(moments(data).mean * Math.sqrt(2 / Math.PI), 1) }),
  startIsMoments: true,
  unitPowers: { sigma: 1 },
  // MLE: sigma = sqrt(sum x^2 / (2n)).
  closedFormMle: (data) => ({ sigma: rms(data) / Math.SQRT2 }),
  logLikelihood: (data, { sigma }) => derivatives(data, sigma).logLikelihood,
  derivatives: (data, { sigma }) => derivatives(data, sigma),
  sample(n, { sigma }, random) {
    const out = new Float64Array(n)
    for (let i = 0; i < n; i++) out[i] = sigma * Math.sqrt(-2 * Math.log(random.openUniform()))
    return out
  },
} as const satisfies Distribution
