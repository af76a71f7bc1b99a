import { fallbackScale, moments } from '../stats/sample-moments'
import { weightAt, type Sample } from '../stats/sample'
import { sampleMedian, sampleQuantile } from '../stats/weighted'
import { invalidDerivatives } from './likelihood-results'
import { locationScaleDerivatives, locationScaleSums, validLocationScale as valid } from './location-scale'
import { positiveOr } from './start-guards'
import { REAL_LINE } from './support'
import type { Distribution, LikelihoodDerivatives } from './types'
import { param } from './param'

/**
 * One fused pass per call with z = (x - x0) / gamma, w = 1 + z^2: d/dx0 = 2z / (gamma w),
 * d/dgamma = (2 z^2 / w - 1) / gamma, d2/dx0^2 = -2 (1 - z^2) / (gamma w)^2,
 * d2/dx0 dgamma = -4z / (gamma w)^2, d2/dgamma^2 = (1 - 2 z^2 / w - 4 z^2 / w^2) / gamma^2.
 */
function derivatives({ values: data, weights, n }: Sample, x0: number, g: number): LikelihoodDerivatives {
  if (!valid(x0, g)) return invalidDerivatives(2)
  const s = locationScaleSums()
  for (let i = 0; i < data.length; i++) {
    const z = (data[i] - x0) / g
    const z2 = z * z
    const w = 1 + z2
    const iw2 = 1 / (w * w)
    const c = weightAt(weights, i)
    s[0] -= c * Math.log1p(z2)
    s[1] += (c * (2 * z)) / w
    s[2] += c * ((2 * z2) / w - 1)
    s[3] -= c * 2 * (1 - z2) * iw2
    s[4] -= c * 4 * z * iw2
    s[5] += c * (1 - (2 * z2) / w - 4 * z2 * iw2)
  }
  return locationScaleDerivatives(n, Math.log(Math.PI * g), g, s)
}

/** Cauchy(x0, gamma > 0): density 1 / (pi gamma (1 + ((x - x0)/gamma)^2)); no mean, median x0. */
export const cauchy = {
  id: 'cauchy',
  label: 'Cauchy',
  discrete: false,
  params: [param('x0', 'x₀', 'real'), param('gamma', 'γ', 'positive')],
  support: REAL_LINE,
  logPdf(x, { x0, gamma }) {
    if (!valid(x0, gamma)) return NaN
    if (!Number.isFinite(x)) return -Infinity
    const z = (x - x0) / gamma
    return -Math.log(Math.PI * gamma) - Math.log1p(z * z)
  },
  // atan2 keeps the lower tail accurate: 1/2 + atan(z)/pi loses everything to cancellation there.
  cdf(x, { x0, gamma }) {
    if (!valid(x0, gamma)) return NaN
    return Math.atan2(1, -(x - x0) / gamma) / Math.PI
  },
  quantile(q, { x0, gamma }) {
    if (!valid(x0, gamma) || !(q >= 0 && q <= 1)) return NaN
    return q < 0.5 ? x0 - gamma / Math.tan(Math.PI * q) : x0 + gamma / Math.tan(Math.PI * (1 - q))
  },
  // No moments exist: start from the median and half the interquartile range (their MLE targets).
  startValues(data) {
    const half = 0.5 * (sampleQuantile(data, 0.75) - sampleQuantile(data, 0.25))
    return { x0: sampleMedian(data), gamma: positiveOr(half, fallbackScale(moments(data))) }
  },
  startIsMoments: false,
  unitPowers: { x0: 1, gamma: 1 },
  logLikelihood: (data, { x0, gamma }) => derivatives(data, x0, gamma).logLikelihood,
  derivatives: (data, { x0, gamma }) => derivatives(data, x0, gamma),
  sample(n, { x0, gamma }, random) {
    const out = new Float64Array(n)
    for (let i = 0; i < n; i++) out[i] = x0 + gamma * Math.tan(Math.PI * (random.openUniform() - 0.5))
    return out
  },
  fitCost: 2,
} as const satisfies Distribution
