import gammaln from '@stdlib/math-base-special-gammaln'
import { moments } from '../stats/sample-moments'
import { statistic, weightLanes, type Sample } from '../stats/sample'
import { impossibleDerivatives, invalidDerivatives } from './likelihood-results'
import { positiveOr } from './start-guards'
import { POSITIVE } from './support'
import type { Distribution, LikelihoodDerivatives } from './types'
import { logRatio, logRatiosAndSum } from './log-ratio'
import { param } from './param'

const valid = (shape: number, scale: number) => shape > 0 && shape < Infinity && scale > 0 && scale < Infinity

/** log(x / centre) of every value (centre = the double mean) and their compensated mean, cached. */
const centredLogs = statistic((sample: Sample) => {
  const { mean: centre } = moments(sample)
  const { logs, sum } = logRatiosAndSum(sample.values, weightLanes(sample), centre)
  return { centre, logs, mean: sum / sample.n }
})

// One loop without weights and one with in each of these: with a weight choice inside the loop (or a call
// per value) V8 compiled it to run at half speed (17 against 9 ms on 1M values), and not the same each run.

/** sum w exp(k u), u = logs - logScale. */
function expSum(logs: Float64Array, w: Float64Array | null, k: number, logScale: number): number {
  let sz = 0
  if (w === null) for (let i = 0; i < logs.length; i++) sz += Math.exp(k * (logs[i] - logScale))
  else for (let i = 0; i < logs.length; i++) sz += w[i] * Math.exp(k * (logs[i] - logScale))
  return sz
}

/** sum z, z u and z u^2 with u = logs - logScale, z = w exp(k u). */
function expSums(logs: Float64Array, w: Float64Array | null, k: number, logScale: number) {
  let sz = 0
  let szu = 0
  let szu2 = 0
  if (w === null) {
    for (let i = 0; i < logs.length; i++) {
      const u = logs[i] - logScale
      const z = Math.exp(k * u)
      sz += z
      szu += z * u
      szu2 += z * u * u
    }
  } else {
    for (let i = 0; i < logs.length; i++) {
      const u = logs[i] - logScale
      const z = w[i] * Math.exp(k * u)
      sz += z
      szu += z * u
      szu2 += z * u * u
    }
  }
  return [sz, szu, szu2]
}

/**
 * One fused pass per call over u = log(x / scale) (centred logs minus log(scale / centre), each to full
 * precision), z = exp(shape u): ll = n log shape + shape sum u - sum log x - sum z (sum log x = n log
 * centre + sum log(x / centre)), with score and Hessian from sum z, z u, z u^2.
 */
function derivatives(
  data: Sample,
  k: number,
  lambda: number,
  withDerivatives: boolean,
): LikelihoodDerivatives {
  if (!valid(k, lambda)) return invalidDerivatives(2)
  const n = data.n
  if (!(moments(data).min > 0)) return impossibleDerivatives(2)
  const { centre, logs, mean: meanLog } = centredLogs(data)
  const logScale = logRatio(lambda, centre)
  const [sz, szu, szu2] = withDerivatives
    ? expSums(logs, data.weights, k, logScale)
    : [expSum(logs, data.weights, k, logScale), 0, 0]
  const su = n * (meanLog - logScale)
  const ll = n * Math.log(k) + k * su - n * (Math.log(centre) + meanLog) - sz
  if (!withDerivatives) return { logLikelihood: ll, score: [], hessian: [] }
  const hkl = (-n + k * szu + sz) / lambda
  return {
    logLikelihood: ll,
    score: [n / k + su - szu, (k / lambda) * (sz - n)],
    hessian: [
      [-n / (k * k) - szu2, hkl],
      [hkl, (-k / (lambda * lambda)) * (sz - n) - ((k * k) / (lambda * lambda)) * sz],
    ],
  }
}

/**
 * Method-of-moments shape: solves lgamma(1 + 2/k) - 2 lgamma(1 + 1/k) = log(1 + cv^2) by bisection on
 * log k (the left side falls monotonically in k), over k in [1e-3, 1e7].
 */
function shapeFromCv(cv: number): number {
  const target = Math.log1p(cv * cv)
  const f = (logK: number) => {
    const k = Math.exp(logK)
    return gammaln(1 + 2 / k) - 2 * gammaln(1 + 1 / k) - target
  }
  let lo = Math.log(1e-3)
  let hi = Math.log(1e7)
  if (!(f(lo) > 0)) return 1e-3
  if (!(f(hi) < 0)) return 1e7
  for (let i = 0; i < 60; i++) {
    const mid = 0.5 * (lo + hi)
    if (f(mid) > 0) lo = mid
    else hi = mid
  }
  return Math.exp(0.5 * (lo + hi))
}

/**
 * Weibull(shape k > 0, scale lambda > 0): density (k/lambda) (x/lambda)^(k-1) exp(-(x/lambda)^k) on x > 0.
 */
export const weibull = {
  id: 'weibull',
  label: 'Weibull',
  discrete: false,
  params: [param('shape', 'k', 'positive'), param('scale', 'λ', 'positive')],
  support: POSITIVE,
  logPdf(x, { shape, scale }) {
    if (!valid(shape, scale)) return NaN
    if (x < 0 || x === Infinity) return -Infinity
    if (x === 0) return shape < 1 ? Infinity : shape === 1 ? -Math.log(scale) : -Infinity
    const u = logRatio(x, scale)
    return Math.log(shape) - Math.log(scale) + (shape - 1) * u - Math.exp(shape * u)
  },
  cdf(x, { shape, scale }) {
    if (!valid(shape, scale)) return NaN
    return x <= 0 ? 0 : -Math.expm1(-Math.exp(shape * (Math.log(x) - Math.log(scale))))
  },
  // log S = -(x / scale)^k exactly; log F = log(1 - exp(-(x / scale)^k)) without cancellation.
  logSf(x, { shape, scale }) {
    if (!valid(shape, scale)) return NaN
    return x <= 0 ? 0 : -Math.exp(shape * (Math.log(x) - Math.log(scale)))
  },
  logCdf(x, { shape, scale }) {
    if (!valid(shape, scale)) return NaN
    return x <= 0 ? -Infinity : Math.log(-Math.expm1(-Math.exp(shape * (Math.log(x) - Math.log(scale)))))
  },
  quantile(q, { shape, scale }) {
    if (!valid(shape, scale) || !(q >= 0 && q <= 1)) return NaN
    return scale * Math.exp(Math.log(-Math.log1p(-q)) / shape)
  },
  // Method of moments: shape from the coefficient of variation, scale = mean / Gamma(1 + 1/shape).
  startValues(data) {
    const { mean, sd } = moments(data)
    const shape = shapeFromCv(sd / mean)
    const scale = Math.exp(Math.log(mean) - gammaln(1 + 1 / shape))
    return { shape, scale: positiveOr(scale, mean > 0 ? mean : 1) }
  },
  startIsMoments: true,
  unitPowers: { shape: 0, scale: 1 },
  // Given the shape k, the scale's maximizer is closed form, (mean of x^k)^(1/k): one pass per profile
  // point of the shape, where Newton's inner fit takes several (W6's CPU profile: most of its profile time).
  profileShortcut(data, held, value, params) {
    if (held !== 'shape' || !(value > 0 && value < Infinity) || !(moments(data).min > 0)) return null
    // x^k as max^k exp(k log(x / max)), each <= 1: no overflow for any k. log(x / max) from the centred
    // logs the fit already holds (log(x / centre) - log(max / centre)), not a second array of logs.
    const { centre, logs } = centredLogs(data)
    const max = moments(data).max
    const sum = expSum(logs, data.weights, value, logRatio(max, centre))
    const scale = max * Math.exp(Math.log(sum / data.n) / value)
    return Number.isFinite(scale) && scale > 0 ? { ...params, shape: value, scale } : null
  },
  logLikelihood: (data, { shape, scale }) => derivatives(data, shape, scale, false).logLikelihood,
  derivatives: (data, { shape, scale }) => derivatives(data, shape, scale, true),
  sample(n, { shape, scale }, random) {
    const out = new Float64Array(n)
    for (let i = 0; i < n; i++) out[i] = scale * Math.exp(Math.log(-Math.log(random.openUniform())) / shape)
    return out
  },
  fitCost: 2,
  cullenFrey: { kind: 'curve', points: weibullCurve() },
} as const satisfies Distribution

/**
 * Weibull(shape k) on the Cullen-Frey plane from G_i = Gamma(1 + i/k): skewness (G3 - 3 G1 G2 + 2 G1³) / s³
 * and kurtosis (G4 - 4 G1 G3 + 6 G1² G2 - 3 G1⁴) / s⁴ with s² = G2 - G1², for k from 20 down to 0.5 by a
 * factor 0.97 while skewness² <= 100.
 */
function weibullCurve(): [number, number][] {
  const out: [number, number][] = []
  for (let k = 20; k >= 0.5; k *= 0.97) {
    const g = (i: number) => Math.exp(gammaln(1 + i / k))
    const [g1, g2, g3, g4] = [g(1), g(2), g(3), g(4)]
    const v = g2 - g1 * g1
    const skew = (g3 - 3 * g1 * g2 + 2 * g1 ** 3) / v ** 1.5
    const kurt = (g4 - 4 * g1 * g3 + 6 * g1 * g1 * g2 - 3 * g1 ** 4) / (v * v)
    if (skew * skew > 100) break
    out.push([skew * skew, kurt])
  }
  return out
}
