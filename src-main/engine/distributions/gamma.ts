import gammaln from '@stdlib/math-base-special-gammaln'
import trigamma from '@stdlib/math-base-special-trigamma'
import { productMinus } from '../stats/compensated-sum'
import { log1pmx, relativeMoments } from '../stats/relative-moments'
import { moments } from '../stats/sample-moments'
import type { Sample } from '../stats/sample'
import { gammaP, gammaPInv, gammaQ } from './incomplete-gamma'
import { impossibleDerivatives, invalidDerivatives } from './likelihood-results'
import { positiveOr } from './start-guards'
import { POSITIVE } from './support'
import { logMinusDigamma, stirlingError, trigammaMinusInverse } from './stirling'
import type { Distribution, LikelihoodDerivatives, Params } from './types'
import { param } from './param'

const valid = (shape: number, rate: number) => shape > 0 && shape < Infinity && rate > 0 && rate < Infinity
const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI)

/**
 * log u and log u - u + 1 for u = rate x / shape: near u = 1 from the exact rate x - shape (the digits that
 * matter when shape is huge), elsewhere from logs (u near 0 would lose log u in 1 + (u - 1)).
 */
function logU(rate: number, x: number, shape: number): { log: number; log1pmx: number } {
  const u = (rate * x) / shape
  if (u > 0.5 && u < 2) {
    const t = productMinus(rate, x, shape) / shape
    return { log: Math.log1p(t), log1pmx: log1pmx(t) }
  }
  const log = Math.log(rate) + Math.log(x) - Math.log(shape)
  return { log, log1pmx: log - u + 1 }
}

/**
 * Whole-sample log-likelihood, score and Hessian from statistics relative to the mean's double m
 * (`relativeMoments`), with u = rate m / shape (1 at the optimum's rate):
 * ll / n = log(shape) / 2 - log(2 pi) / 2 - stirling(shape) - log m + (shape - 1) L0 - D (1 + shape (u - 1))
 *          + shape (log u - u + 1),
 * L0 = mean(log(x/m) - (x/m - 1)), D = mean(x/m - 1). This is shape log rate - lgamma(shape) +
 * (shape - 1) mean log x - rate mean x with the terms of size shape log shape cancelled by hand, so the
 * digits survive as shape grows: with data 1e8 + N(0, 1) the shape is about 1e16 and the textbook form
 * adds numbers near 1e17 to get -1.3.
 */
function derivatives(data: Sample, shape: number, rate: number): LikelihoodDerivatives {
  if (!valid(shape, rate)) return invalidDerivatives(2)
  const { n, min } = moments(data)
  if (!(min > 0)) return impossibleDerivatives(2)
  const { centre: m, meanDelta: dm, meanLog1pmx: l0 } = relativeMoments(data)
  const uMinus1 = productMinus(rate, m, shape) / shape
  const u = logU(rate, m, shape)
  const perValue =
    0.5 * Math.log(shape) -
    HALF_LOG_2PI -
    stirlingError(shape) -
    Math.log(m) +
    (shape - 1) * l0 -
    dm * (1 + shape * uMinus1) +
    shape * u.log1pmx
  const mean = m * (1 + dm)
  return {
    logLikelihood: n * perValue,
    // d/dshape: log rate - digamma(shape) + mean log x = log u + (log shape - digamma(shape)) + L0 + D.
    score: [n * (u.log + logMinusDigamma(shape) + l0 + dm), n * (shape / rate - mean)],
    hessian: [
      [-n * trigamma(shape), n / rate],
      [n / rate, (-n * shape) / (rate * rate)],
    ],
  }
}

/**
 * The MLE: rate = shape / mean, and shape solves log(shape) - digamma(shape) = s with
 * s = log(mean) - mean(log x) = log(1 + D) - D - L0 > 0 (Jensen), by Newton on log(shape) from
 * Minka's approximation, to full precision with the cancellation-free series of `stirling.ts`.
 */
function gammaMle(data: Sample): Params {
  const { centre: m, meanDelta: dm, meanLog1pmx: l0 } = relativeMoments(data)
  const s = log1pmx(dm) - l0
  const mean = m * (1 + dm)
  if (!(s > 0)) return { shape: NaN, rate: NaN }
  let shape = (3 - s + Math.sqrt((s - 3) ** 2 + 24 * s)) / (12 * s)
  for (let i = 0; i < 100; i++) {
    // f(shape) = logMinusDigamma(shape) - s; f' = 1/shape - trigamma(shape), so in t = log shape:
    const f = logMinusDigamma(shape) - s
    const step = f / (shape * trigammaMinusInverse(shape))
    shape *= Math.exp(Math.max(-5, Math.min(5, step)))
    if (Math.abs(step) < 1e-15) break
  }
  return { shape, rate: shape / mean }
}

/** Gamma(shape k > 0, rate beta > 0): density beta^k x^(k-1) exp(-beta x) / Gamma(k) on x > 0; mean k / beta. */
export const gamma = {
  id: 'gamma',
  label: 'Gamma',
  discrete: false,
  params: [param('shape', 'k', 'positive'), param('rate', 'β', 'positive')],
  support: POSITIVE,
  logPdf(x, { shape, rate }) {
    if (!valid(shape, rate)) return NaN
    if (x < 0 || x === Infinity) return -Infinity
    // x = 0: the density's limit (infinite below shape 1, rate at shape 1, zero above).
    if (x === 0) return shape < 1 ? Infinity : shape === 1 ? Math.log(rate) : -Infinity
    // With u = rate x / shape: log(shape / 2 pi) / 2 - stirling(shape) + shape (log u - u + 1) - log x, the
    // textbook terms of size shape log shape cancelled by hand (see derivatives).
    const centred =
      0.5 * Math.log(shape) -
      HALF_LOG_2PI -
      stirlingError(shape) +
      shape * logU(rate, x, shape).log1pmx -
      Math.log(x)
    if (Number.isFinite(centred)) return centred
    return shape * Math.log(rate) + (shape - 1) * Math.log(x) - rate * x - gammaln(shape)
  },
  density({ shape, rate }) {
    if (!valid(shape, rate)) return () => NaN
    const c = shape * Math.log(rate) - gammaln(shape)
    const k1 = shape - 1
    return (x) => (x > 0 && x < Infinity ? Math.exp(c + k1 * Math.log(x) - rate * x) : NaN)
  },
  cdf(x, { shape, rate }) {
    if (!valid(shape, rate)) return NaN
    return x <= 0 ? 0 : gammaP(shape, rate * x)
  },
  // The upper tail from Q itself (1 - P loses it once P rounds to 1).
  logSf(x, { shape, rate }) {
    if (!valid(shape, rate)) return NaN
    return x <= 0 ? 0 : Math.log(gammaQ(shape, rate * x))
  },
  quantile(q, { shape, rate }) {
    if (!valid(shape, rate) || !(q >= 0 && q <= 1)) return NaN
    return gammaPInv(q, shape) / rate
  },
  // Method of moments: shape = mean^2 / var, rate = mean / var. Ties (var = 0) cap the shape at 1e8.
  startValues(data) {
    const { mean, sd } = moments(data)
    const cv2 = Math.max((sd / mean) ** 2, 1e-8)
    const shape = 1 / cv2
    return { shape, rate: positiveOr(shape / mean, 1) }
  },
  startIsMoments: true,
  unitPowers: { shape: 0, rate: -1 },
  closedFormMle: gammaMle,
  logLikelihood: (data, { shape, rate }) => derivatives(data, shape, rate).logLikelihood,
  derivatives: (data, { shape, rate }) => derivatives(data, shape, rate),
  sample(n, { shape, rate }, random) {
    const out = new Float64Array(n)
    // Below shape ~0.03 a share of draws lies under 1e-308; they round to the smallest positive double
    // rather than to 0, outside the support.
    for (let i = 0; i < n; i++) out[i] = Math.max(random.gamma(shape) / rate, Number.MIN_VALUE)
    return out
  },
  // Skewness 2 / sqrt(shape): past 1e8 (skewness 2e-4) no sample can tell the gamma from its normal limit.
  limitAdvice: [
    {
      param: 'shape',
      above: 1e8,
      note: 'shape is very large: the gamma is indistinguishable from its normal limit here; fit normal instead.',
    },
  ],
  // Newton passes with a log per value and an incomplete-gamma cdf per value for goodness of fit.
  fitCost: 2,
  // skewness² = 4 / k, kurtosis = 3 + 6 / k: the line kurtosis = 3 + 1.5 skewness², from k -> infinity to k = 0.04.
  cullenFrey: {
    kind: 'curve',
    points: [
      [0, 3],
      [100, 153],
    ],
  },
} as const satisfies Distribution
