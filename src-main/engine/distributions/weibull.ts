import gammaln from '@stdlib/math-base-special-gammaln'
import { moments } from '../stats/sample-moments'
import { statistic, weightLanes, type Sample } from '../stats/sample'
import { impossibleDerivatives, invalidDerivatives } from './likelihood-results'
import { positiveOr } from './start-guards'
import { POSITIVE } from './support'
import type { Distribution, LikelihoodDerivatives, Params } from './types'
import { addCompensated, logRatio, logRatiosAndSum, logRatiosInto } from './log-ratio'
import { param } from './param'
import { compressSample, type CompressedSample } from './compressed-sample'

const valid = (shape: number, scale: number) => shape > 0 && shape < Infinity && scale > 0 && scale < Infinity

/**
 * What a sample's passes share: the centre (the double mean), the compensated mean of log(x / centre)
 * (NaN until a pass has summed it) and, once cached, the logs themselves.
 */
interface CentredLogs {
  centre: number
  mean: number
  logs: Float64Array | null
  /** Passes made without the cached logs. */
  passes: number
}

const centredLogs = statistic((sample: Sample): CentredLogs => {
  const { mean: centre } = moments(sample)
  return { centre, mean: NaN, logs: null, passes: 0 }
})

/**
 * Passes over the values, each taking its logs, before the logs are cached: a fit from `nearStart` makes
 * two, from the moment start three. A fresh 8 MB array per million values costs more than its logs here
 * (a page fault per 4 kB on first write: 20-30 ms on the benchmark's machine, 1.5-4x a pass of logs), so
 * only work of many passes (profile intervals, a long Newton run) caches them.
 */
const UNCACHED_PASSES = 3

/** The logs of every value (log(x / centre)), cached on the first call. */
function cachedLogs(sample: Sample): CentredLogs & { logs: Float64Array } {
  const state = centredLogs(sample)
  if (!state.logs) {
    const { logs, sum } = logRatiosAndSum(sample.values, weightLanes(sample), state.centre)
    state.logs = logs
    state.mean = sum / sample.n
  }
  return state as CentredLogs & { logs: Float64Array }
}

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

/** Values per block of an uncached pass: their logs stay in the first-level cache. */
const BLOCK = 512
const blockLogs = new Float64Array(BLOCK)
/** An uncached pass's sums: the logs' compensated sum [0, 1] (first pass only), sum z, z u, z u^2. */
const passAcc = new Float64Array(5)

/**
 * expSums (or expSum) without the cached logs: each block's logs into a small reused array, then their
 * sums, the same numbers in the same order as from the cached logs, so a fit's log-likelihoods do not
 * depend on which passes had them; `sumLogs` also sums the logs (their compensated mean). In blocks: with
 * the log and exp of a value in one loop body every accumulator was saved around both calls (25 against
 * 20 ms on 1M values). Numbers and arrays only: reading the sample's fields in here deoptimized it on every
 * new sample.
 */
function blockPass(
  x: Float64Array,
  w: Float64Array | null,
  centre: number,
  k: number,
  logScale: number,
  all: boolean,
  sumLogs: boolean,
): void {
  const logCentre = Math.log(centre)
  const lanes = weightLanes({ weights: w })
  passAcc.fill(0)
  for (let from = 0; from < x.length; from += BLOCK) {
    const to = Math.min(from + BLOCK, x.length)
    logRatiosInto(x, from, to, centre, logCentre, blockLogs)
    if (sumLogs) addCompensated(blockLogs, to - from, lanes, from, passAcc)
    if (all) blockSums(blockLogs, to - from, w, from, k, logScale)
    else blockSum(blockLogs, to - from, w, from, k, logScale)
  }
}

/**
 * expSums over one block's logs (value from + j's weight w[from + j]), continuing the running sums in
 * passAcc[2..4] (the order of one loop over every value, as from the cached logs).
 */
function blockSums(
  logs: Float64Array,
  count: number,
  w: Float64Array | null,
  from: number,
  k: number,
  logScale: number,
) {
  let sz = passAcc[2]
  let szu = passAcc[3]
  let szu2 = passAcc[4]
  if (w === null) {
    for (let j = 0; j < count; j++) {
      const u = logs[j] - logScale
      const z = Math.exp(k * u)
      sz += z
      szu += z * u
      szu2 += z * u * u
    }
  } else {
    for (let j = 0; j < count; j++) {
      const u = logs[j] - logScale
      const z = w[from + j] * Math.exp(k * u)
      sz += z
      szu += z * u
      szu2 += z * u * u
    }
  }
  passAcc[2] = sz
  passAcc[3] = szu
  passAcc[4] = szu2
}

/** expSum over one block's logs, continuing the running sum in passAcc[2]. */
function blockSum(
  logs: Float64Array,
  count: number,
  w: Float64Array | null,
  from: number,
  k: number,
  logScale: number,
) {
  let sz = passAcc[2]
  if (w === null) for (let j = 0; j < count; j++) sz += Math.exp(k * (logs[j] - logScale))
  else for (let j = 0; j < count; j++) sz += w[from + j] * Math.exp(k * (logs[j] - logScale))
  passAcc[2] = sz
}

/** sum z (and z u, z u^2 when `all`) at shape k and log(scale / centre), from the cached logs or not. */
function passSums(data: Sample, k: number, logScale: number, all: boolean) {
  const state = centredLogs(data)
  if (!state.logs && state.passes < UNCACHED_PASSES) {
    state.passes++
    const sumLogs = Number.isNaN(state.mean)
    blockPass(data.values, data.weights, state.centre, k, logScale, all, sumLogs)
    if (sumLogs) state.mean = (passAcc[0] + passAcc[1]) / data.n
    return [passAcc[2], passAcc[3], passAcc[4]]
  }
  const { logs } = cachedLogs(data)
  return all ? expSums(logs, data.weights, k, logScale) : [expSum(logs, data.weights, k, logScale), 0, 0]
}

/**
 * One fused pass per call (passSums) over u = log(x / scale) (centred logs minus log(scale / centre), each
 * to full precision), z = exp(shape u): ll = n log shape + shape sum u - sum log x - sum z (sum log x = n log
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
  const { centre } = centredLogs(data)
  const logScale = logRatio(lambda, centre)
  const [sz, szu, szu2] = passSums(data, k, logScale, withDerivatives)
  const meanLog = centredLogs(data).mean
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
 * The compressed sample's runs are at most this wide relative to their values, divided by the shape: the
 * sums of z, z u and z u^2 then err by 1e-12 to 1e-9 relative (compressSample), the start's shape by about
 * as much, where Newton's tolerance on a million values asks 1e-5 of it.
 */
const RUN_WIDTH = 0.01
/** Runs at most: ~1,700 on a million Weibull draws of any shape (z from ~1e-6 to ~15); more, no near start. */
const MAX_RUNS = 8192

/** The root of a decreasing function of t by Newton's method, bisecting once the root is bracketed. */
function decreasingRoot(f: (t: number) => [value: number, slope: number], t0: number): number {
  let lo = -Infinity
  let hi = Infinity
  let t = t0
  for (let i = 0; i < 200; i++) {
    const [g, slope] = f(t)
    if (!Number.isFinite(g)) return NaN
    if (g > 0) lo = t
    else hi = t
    let next = t - g / slope
    if (!(next > lo && next < hi)) {
      next = Number.isFinite(lo) && Number.isFinite(hi) ? 0.5 * (lo + hi) : t + (g > 0 ? 1 : -1)
    }
    if (Math.abs(next - t) <= 1e-14 * Math.max(1, Math.abs(t))) return next
    t = next
  }
  return t
}

/**
 * The shape's maximizer on a compressed sample, by Newton on log k from k0: given the scale (`logs` =
 * log(x / scale)) the root of 1/k + mean u - sum w z u / n, or with the scale profiled out (`logs` =
 * log(x / any reference)) the root of 1/k + mean u - sum w z u / sum w z. Both decrease in k (the
 * log-likelihood is concave in k along them), so the root is unique.
 */
function shapeOn(c: CompressedSample, logs: Float64Array, profiled: boolean, k0: number): number {
  let sumU = 0
  for (let j = 0; j < logs.length; j++) sumU += c.weights[j] * logs[j]
  const meanU = sumU / c.n
  const root = decreasingRoot((t) => {
    const k = Math.exp(t)
    let s0 = 0
    let s1 = 0
    let s2 = 0
    for (let j = 0; j < logs.length; j++) {
      const u = logs[j]
      const z = c.weights[j] * Math.exp(k * u)
      s0 += z
      s1 += z * u
      s2 += z * u * u
    }
    const d = profiled ? s0 : c.n
    const m1 = s1 / d
    return [1 / k + meanU - m1, k * (-1 / (k * k) - s2 / d + (profiled ? m1 * m1 : 0))]
  }, Math.log(k0))
  return Math.exp(root)
}

/**
 * `auto`'s start: the maximum-likelihood estimate of the free parameters on the sample compressed to runs
 * of relative width RUN_WIDTH / k (k: the held or moment shape), within ~1e-10 of the data's own, so
 * Newton's first pass over the data finds its decrement negligible and one polishing step ends the fit.
 */
function nearStart(data: Sample, start: Params, fixed: Params): Params | null {
  const k0 = fixed.shape ?? start.shape
  if (!(k0 > 0 && k0 < Infinity) || ('shape' in fixed && 'scale' in fixed)) return null
  const c = compressSample(data, RUN_WIDTH / k0, MAX_RUNS)
  if (!c) return null
  // log(x / reference) to full precision (logRatio): the held scale, else the largest point, so that
  // no exp(k u) overflows.
  const reference = fixed.scale ?? c.points[c.points.length - 1]
  const logs = c.points.map((p) => logRatio(p, reference))
  const shape = 'shape' in fixed ? fixed.shape : shapeOn(c, logs, !('scale' in fixed), k0)
  if (!(shape > 0 && shape < Infinity)) return null
  if ('scale' in fixed) return { shape, scale: fixed.scale }
  let s0 = 0
  for (let j = 0; j < logs.length; j++) s0 += c.weights[j] * Math.exp(shape * logs[j])
  const scale = reference * Math.exp(Math.log(s0 / c.n) / shape)
  return Number.isFinite(scale) && scale > 0 ? { shape, scale } : null
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
  nearStart,
  unitPowers: { shape: 0, scale: 1 },
  // Given the shape k, the scale's maximizer is closed form, (mean of x^k)^(1/k): one pass per profile
  // point of the shape, where Newton's inner fit takes several (W6's CPU profile: most of its profile time).
  profileShortcut(data, held, value, params) {
    if (held !== 'shape' || !(value > 0 && value < Infinity) || !(moments(data).min > 0)) return null
    // x^k as max^k exp(k log(x / max)), each <= 1: no overflow for any k. log(x / max) from the centred
    // logs the fit already holds (log(x / centre) - log(max / centre)), not a second array of logs.
    const { centre, logs } = cachedLogs(data)
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
