import type { Distribution, LikelihoodDerivatives } from './types'
import { fallbackScale, moments, sortedMedian, sortedQuantile } from './sample-stats'
import { positiveOr } from './start-guards'
import { openUnit } from './random-variates'

const valid = (x0: number, g: number) => Number.isFinite(x0) && g > 0 && g < Infinity

/**
 * One fused pass per call with z = (x - x0) / gamma, w = 1 + z^2: d/dx0 = 2z / (gamma w),
 * d/dgamma = (2 z^2 / w - 1) / gamma, d2/dx0^2 = -2 (1 - z^2) / (gamma w)^2,
 * d2/dx0 dgamma = -4z / (gamma w)^2, d2/dgamma^2 = (1 - 2 z^2 / w - 4 z^2 / w^2) / gamma^2.
 */
function derivatives(data: Float64Array, x0: number, g: number): LikelihoodDerivatives {
  if (!valid(x0, g))
    return {
      logLikelihood: NaN,
      score: [NaN, NaN],
      hessian: [
        [NaN, NaN],
        [NaN, NaN],
      ],
    }
  let sl = 0
  let gx = 0
  let gg = 0
  let hxx = 0
  let hxg = 0
  let hgg = 0
  for (let i = 0; i < data.length; i++) {
    const z = (data[i] - x0) / g
    const z2 = z * z
    const w = 1 + z2
    const iw2 = 1 / (w * w)
    sl += Math.log1p(z2)
    gx += (2 * z) / w
    gg += (2 * z2) / w - 1
    hxx -= 2 * (1 - z2) * iw2
    hxg -= 4 * z * iw2
    hgg += 1 - (2 * z2) / w - 4 * z2 * iw2
  }
  const n = data.length
  const g2 = g * g
  return {
    logLikelihood: -n * Math.log(Math.PI * g) - sl,
    score: [gx / g, gg / g],
    hessian: [
      [hxx / g2, hxg / g2],
      [hxg / g2, hgg / g2],
    ],
  }
}

/** Cauchy(x0, gamma > 0): density 1 / (pi gamma (1 + ((x - x0)/gamma)^2)); no mean, median x0. */
export const cauchy = {
  id: 'cauchy',
  label: 'Cauchy',
  discrete: false,
  params: [
    { name: 'x0', symbol: 'x₀', domain: 'real' },
    { name: 'gamma', symbol: 'γ', domain: 'positive' },
  ],
  supportText: 'any real x',
  inSupport: (x) => Number.isFinite(x),
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
  startValues(sorted) {
    const half = 0.5 * (sortedQuantile(sorted, 0.75) - sortedQuantile(sorted, 0.25))
    return { x0: sortedMedian(sorted), gamma: positiveOr(half, fallbackScale(moments(sorted))) }
  },
  startIsMoments: false,
  logLikelihood: (data, { x0, gamma }) => derivatives(data, x0, gamma).logLikelihood,
  derivatives: (data, { x0, gamma }) => derivatives(data, x0, gamma),
  sample(n, { x0, gamma }, random) {
    const out = new Float64Array(n)
    for (let i = 0; i < n; i++) out[i] = x0 + gamma * Math.tan(Math.PI * (openUnit(random) - 0.5))
    return out
  },
} as const satisfies Distribution
