import { fallbackScale, moments } from '../stats/sample-moments'
import { weightLanes, type Sample } from '../stats/sample'
import { sampleMedian, sampleQuantile } from '../stats/weighted'
import { invalidDerivatives } from './likelihood-results'
import { locationScaleDerivatives, validLocationScale as valid } from './location-scale'
import { positiveOr } from './start-guards'
import { REAL_LINE } from './support'
import type { Distribution, LikelihoodDerivatives } from './types'
import { param } from './param'

/** log(1 + (d / g)^2), also where the square overflows: then 2 log|d / g| to double precision. */
function logOnePlusSquare(d: number, g: number): number {
  const z = d / g
  return Math.abs(z) < 1e150 ? Math.log1p(z * z) : 2 * (Math.log(Math.abs(d)) - Math.log(g))
}

/**
 * One fused pass per call with z = (x - x0) / gamma, w = 1 + z^2: d/dx0 = 2z / (gamma w),
 * d/dgamma = (2 z^2 / w - 1) / gamma, d2/dx0^2 = -2 (1 - z^2) / (gamma w)^2,
 * d2/dx0 dgamma = -4z / (gamma w)^2, d2/dgamma^2 = (1 - 2 z^2 / w - 4 z^2 / w^2) / gamma^2.
 */
function derivatives(sample: Sample, x0: number, g: number): LikelihoodDerivatives {
  if (!valid(x0, g)) return invalidDerivatives(2)
  const data = sample.values
  const { weights: w, mask } = weightLanes(sample)
  // Sums in locals and the weight without a call per value (see logistic).
  let [s0, s1, s2, s3, s4, s5] = [0, 0, 0, 0, 0, 0]
  for (let i = 0; i < data.length; i++) {
    const d = data[i] - x0
    const z = d / g
    // In terms of 1 / w, z / w and z^2 / w, which stay finite where z^2 overflows (values 1e300 apart).
    const iw = 1 / (1 + z * z)
    const zw = 1 / (z + 1 / z)
    const qw = 1 - iw
    const c = w[i & mask]
    s0 -= c * logOnePlusSquare(d, g)
    s1 += c * 2 * zw
    s2 += c * (2 * qw - 1)
    s3 -= c * 2 * iw * (2 * iw - 1)
    s4 -= c * 4 * zw * iw
    s5 += c * (1 - 2 * qw - 4 * qw * iw)
  }
  return locationScaleDerivatives(sample.n, Math.log(Math.PI * g), g, Float64Array.of(s0, s1, s2, s3, s4, s5))
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
    return -Math.log(Math.PI * gamma) - logOnePlusSquare(x - x0, gamma)
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
