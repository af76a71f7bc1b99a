import gammaln from '@stdlib/math-base-special-gammaln'
import { moments } from '../stats/sample-moments'
import { statistic, weightLanes, type Sample } from '../stats/sample'
import { impossibleDerivatives, invalidDerivatives } from './likelihood-results'
import { positiveOr } from './start-guards'
import { POSITIVE } from './support'
import type { Distribution, LikelihoodDerivatives, Params, ProfilePoint } from './types'
import { addCompensated, logRatio, logRatiosInto } from './log-ratio'
import { param } from './param'
import { compressSample, type CompressedSample } from './compressed-sample'

const valid = (shape: number, scale: number) => shape > 0 && shape < Infinity && scale > 0 && scale < Infinity

/** A sample's centre (the double mean) and the compensated mean of log(x / centre), NaN until a pass sums it. */
const centred = statistic((sample: Sample) => ({ centre: moments(sample).mean, mean: NaN }))

/**
 * log(x / centre) of every value of the sample whose pass ran last (the owner, held weakly), in one array
 * grown to the largest sample and kept: the passes after the first over a sample (the rest of its fit, its
 * profile intervals) read them, and a new sample writes over them. An array per sample cost a page fault
 * per 4 kB on its first write (20-30 ms per million values on the benchmark's machine, more than taking
 * the logs). A pass runs without awaiting, so no other sample's pass comes between its check and its reads.
 */
const shared: { logs: Float64Array; owner: WeakRef<Sample> | null } = {
  logs: new Float64Array(0),
  owner: null,
}

/** Values per block of a pass that takes the logs: they are summed while still in the first-level cache. */
const BLOCK = 512
/** A pass's running sums: the logs' compensated sum [0, 1], sum z, z u, z u^2 [2, 3, 4]. */
const acc = new Float64Array(5)

// One loop without weights and one with: with a weight choice inside the loop (or a call per value) V8
// compiled it to run at half speed (17 against 9 ms on 1M values), and not the same each run. Numbers and
// arrays only in these: reading a sample's fields in a loop's function deoptimized it on every new sample.

/**
 * Continues acc's sum z (and z u, z u^2 when `all`) over values [from, to): u = logs - logScale, z = w
 * exp(k u), in the order of one loop over every value whether a pass takes the logs in blocks or reads
 * them, so the same parameters give the same numbers to the last bit.
 */
function expSums(
  logs: Float64Array,
  w: Float64Array | null,
  from: number,
  to: number,
  k: number,
  logScale: number,
  all: boolean,
): void {
  let sz = acc[2]
  let szu = acc[3]
  let szu2 = acc[4]
  if (!all && w === null) for (let i = from; i < to; i++) sz += Math.exp(k * (logs[i] - logScale))
  else if (!all && w !== null) for (let i = from; i < to; i++) sz += w[i] * Math.exp(k * (logs[i] - logScale))
  else if (w === null) {
    for (let i = from; i < to; i++) {
      const u = logs[i] - logScale
      const z = Math.exp(k * u)
      sz += z
      szu += z * u
      szu2 += z * u * u
    }
  } else {
    for (let i = from; i < to; i++) {
      const u = logs[i] - logScale
      const z = w[i] * Math.exp(k * u)
      sz += z
      szu += z * u
      szu2 += z * u * u
    }
  }
  acc[2] = sz
  acc[3] = szu
  acc[4] = szu2
}

/**
 * A pass that takes the logs into `logs` block by block, adds them to acc's compensated sum when
 * `sumLogs`, and continues acc's sums (k, logScale, all as in expSums). In blocks: with the
 * log and exp of a value in one loop body every accumulator was saved around both calls (25 against 20 ms
 * on 1M values).
 */
function takeLogs(
  x: Float64Array,
  w: Float64Array | null,
  centre: number,
  logs: Float64Array,
  sumLogs: boolean,
  k: number,
  logScale: number,
  all: boolean,
): void {
  const logCentre = Math.log(centre)
  const lanes = weightLanes({ weights: w })
  for (let from = 0; from < x.length; from += BLOCK) {
    const to = Math.min(from + BLOCK, x.length)
    logRatiosInto(x, from, to, centre, logCentre, logs)
    if (sumLogs) addCompensated(logs, from, to, lanes, acc)
    expSums(logs, w, from, to, k, logScale, all)
  }
}

/**
 * acc's sums at (k, logScale) over the sample (see expSums), from the shared logs when the sample owns
 * them, else taking them (and their mean, the sample's first time) on the way.
 */
function passSums(data: Sample, k: number, logScale: number, all: boolean): void {
  acc.fill(0)
  const x = data.values
  const state = centred(data)
  if (shared.owner?.deref() === data) {
    expSums(shared.logs, data.weights, 0, x.length, k, logScale, all)
    return
  }
  if (shared.logs.length < x.length) shared.logs = new Float64Array(x.length)
  shared.owner = new WeakRef(data)
  const sumLogs = Number.isNaN(state.mean)
  takeLogs(x, data.weights, state.centre, shared.logs, sumLogs, k, logScale, all)
  if (sumLogs) state.mean = (acc[0] + acc[1]) / data.n
}

/**
 * n log k + k sum u - sum log x - sum z at shape k, u = log(x / scale) = centred logs - logScale, given
 * sum z (`sz`) from a pass (sum log x = n log centre + sum log(x / centre)).
 */
function logLikelihoodOf(data: Sample, k: number, logScale: number, sz: number): number {
  const n = data.n
  const { centre, mean: meanLog } = centred(data)
  const su = n * (meanLog - logScale)
  return n * Math.log(k) + k * su - n * (Math.log(centre) + meanLog) - sz
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
  const { centre } = centred(data)
  const logScale = logRatio(lambda, centre)
  passSums(data, k, logScale, withDerivatives)
  const [sz, szu, szu2] = [acc[2], acc[3], acc[4]]
  const ll = logLikelihoodOf(data, k, logScale, sz)
  if (!withDerivatives) return { logLikelihood: ll, score: [], hessian: [] }
  const su = n * (centred(data).mean - logScale)
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
 * The profile point with the shape held at k: the scale's maximizer is closed form, (mean of x^k)^(1/k), and
 * sum z there is the pass's sum rescaled, so one pass gives the point and its log-likelihood (W6's CPU
 * profile: the profile intervals were most of a fit's time, two passes a point).
 */
function scaleGivenShape(data: Sample, k: number, params: Params): ProfilePoint | null {
  if (!(k > 0 && k < Infinity) || !(moments(data).min > 0)) return null
  // x^k as max^k exp(k log(x / max)), each <= 1: no overflow for any k. log(x / max) from the centred
  // logs the fit's passes share (log(x / centre) - log(max / centre)), not a second array of logs.
  const { centre } = centred(data)
  const max = moments(data).max
  const logMax = logRatio(max, centre)
  passSums(data, k, logMax, false)
  const sum = acc[2]
  const scale = max * Math.exp(Math.log(sum / data.n) / k)
  if (!(Number.isFinite(scale) && scale > 0)) return null
  const logScale = logRatio(scale, centre)
  const logLikelihood = logLikelihoodOf(data, k, logScale, sum * Math.exp(-k * (logScale - logMax)))
  return { params: { ...params, shape: k, scale }, logLikelihood }
}

/**
 * The profile point with the scale held: the shape's maximizer on the sample compressed as for `nearStart`
 * (within ~1e-9 relative of the data's own, so the log-likelihood there, taken by the caller's pass over
 * the data, is within ~1e-12 of the profile's: the error is second order at a maximum). One pass a point
 * where Newton's inner fit took two or three with derivatives.
 */
function shapeGivenScale(data: Sample, scale: number, params: Params): ProfilePoint | null {
  const k0 = params.shape
  if (!(scale > 0 && scale < Infinity) || !(k0 > 0 && k0 < Infinity)) return null
  const c = profileCompression(data, RUN_WIDTH / k0)
  if (!c) return null
  const shape = shapeOn(
    c,
    c.points.map((p) => logRatio(p, scale)),
    false,
    k0,
  )
  return shape > 0 && shape < Infinity ? { params: { ...params, shape, scale } } : null
}

/** The last sample compressed for a profile (held weakly) and the width: a profile's points share it. */
const compressedForProfile: { owner: WeakRef<Sample> | null; width: number; c: CompressedSample | null } = {
  owner: null,
  width: NaN,
  c: null,
}

function profileCompression(data: Sample, width: number): CompressedSample | null {
  const kept = compressedForProfile
  if (kept.owner?.deref() !== data || kept.width !== width) {
    kept.owner = new WeakRef(data)
    kept.width = width
    kept.c = compressSample(data, width, MAX_RUNS)
  }
  return kept.c
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
  profileShortcut: (data, held, value, params) =>
    held === 'shape' ? scaleGivenShape(data, value, params) : shapeGivenScale(data, value, params),
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
