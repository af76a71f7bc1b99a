import erfc from '@stdlib/math-base-special-erfc'
import { FitError } from '../errors'
import { weightLanes, type Sample } from '../stats/sample'
import { moments } from '../stats/sample-moments'
import { sampleValueAt } from '../stats/weighted'
import { positiveOr } from './start-guards'
import { invertIncreasing } from './invert-cdf'
import { emStarts, orderByMean, runEm, type EmRun, type MixtureParts } from './mixture-em'
import { param } from './param'
import { REAL_LINE } from './support'
import type { Distribution, Params, ParamSpec } from './types'
import type { Random } from '../random/seeded-random'

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI)

/** Components `auto` chooses among, and the most a user may ask for. */
export const MAX_COMPONENTS = 10
const DEFAULT_COMPONENTS = 2

/** EM starts (quantile groups + seeded k-means++), short iterations each, then the best runs on. */
const STARTS = 20
const SHORT_ITERATIONS = 30
const CANDIDATES = 3
const EM_ITERATIONS = 5000
const EM_TOLERANCE = 1e-12

const names = (k: number, base: string) => Array.from({ length: k }, (_, c) => `${base}${c + 1}`)

/**
 * The mixture's parts from its parameters: the free weights w1..w(K-1) and wK = 1 minus their sum (the
 * parameter wK is derived, so the model has K-1 free weights); null when a weight is outside (0, 1) or a
 * sigma is not positive.
 */
function partsOf(p: Params, k: number): MixtureParts | null {
  const w = names(k - 1, 'w').map((n) => p[n])
  const last = 1 - w.reduce((a, b) => a + b, 0)
  w.push(last)
  const mu = names(k, 'mu').map((n) => p[n])
  const sigma = names(k, 'sigma').map((n) => p[n])
  // The derived weight as given must be a number too (it is recomputed, never trusted).
  if (k > 1 && (!w.every((v) => v > 0 && v < 1) || !Number.isFinite(p[`w${k}`]))) return null
  if (!mu.every(Number.isFinite) || !sigma.every((s) => s > 0 && s < Infinity)) return null
  return { w, mu, sigma }
}

function paramsOf(m: MixtureParts): Params {
  const p: Params = {}
  m.w.forEach((v, c) => (p[`w${c + 1}`] = v))
  m.mu.forEach((v, c) => (p[`mu${c + 1}`] = v))
  m.sigma.forEach((v, c) => (p[`sigma${c + 1}`] = v))
  return p
}

function logDensity(x: number, m: MixtureParts): number {
  let top = -Infinity
  const terms = m.w.map((w, c) => {
    const z = (x - m.mu[c]) / m.sigma[c]
    const t = Math.log(w) - Math.log(m.sigma[c]) - 0.5 * z * z - LOG_SQRT_2PI
    if (t > top) top = t
    return t
  })
  if (top === -Infinity) return -Infinity
  return top + Math.log(terms.reduce((s, t) => s + Math.exp(t - top), 0))
}

function mixtureCdf(x: number, m: MixtureParts): number {
  return m.w.reduce((s, w, c) => s + w * 0.5 * erfc(-(x - m.mu[c]) / (m.sigma[c] * Math.SQRT2)), 0)
}

/**
 * Where generic optimizers start (a method other than auto, or with held parameters): the quantile
 * groups' weights, means and spreads; on data too small or too tied for groups, equal weights at
 * spread-out order statistics with the data's own spread.
 */
function startOf(sample: Sample, k: number): Params {
  const [groups] = emStarts(sample, k, 1)
  const start = groups && Number.isFinite(logLikelihoodOf(sample, groups)) ? groups : null
  if (start) return paramsOf(orderByMean(start))
  const m = moments(sample)
  const sd = positiveOr(m.sd, Math.max(Math.abs(m.mean) * 1e-3, 1e-3))
  return paramsOf({
    w: new Array<number>(k).fill(1 / k),
    mu: Array.from({ length: k }, (_, c) => sampleValueAt(sample, Math.floor(((c + 0.5) * sample.n) / k))),
    sigma: new Array<number>(k).fill(sd),
  })
}

function logLikelihoodOf(sample: Sample, m: MixtureParts): number {
  const { weights: w, mask } = weightLanes(sample)
  let ll = 0
  for (let i = 0; i < sample.values.length; i++) ll += w[i & mask] * logDensity(sample.values[i], m)
  return ll
}

/**
 * EM from many starts (Biernacki et al. 2003's short-runs-then-long strategy): every start runs a few
 * iterations, the best few run to convergence, the best of those (components ordered by mean) is where
 * Newton polishes. Starts whose component collapses onto one value are discarded and counted.
 */
async function searchMixture(sample: Sample, k: number, step: (p: Params, ll: number) => Promise<void>) {
  const starts = emStarts(sample, k, STARTS)
  // Each short run keeps its path, so the live trace can show the leader's EM from its very start.
  const short = await Promise.all(
    starts.map(async (s) => {
      const path: [Params, number][] = []
      const onIteration = (m: MixtureParts, ll: number) => void path.push([paramsOf(orderByMean(m)), ll])
      const run = await runEm(sample, s, {
        maxIterations: SHORT_ITERATIONS,
        tolerance: EM_TOLERANCE,
        onIteration,
      })
      return { run, path }
    }),
  )
  const alive = short
    .filter((r) => !r.run.collapsed)
    .sort((a, b) => b.run.logLikelihood - a.run.logLikelihood)
  const collapsed = short.length - alive.length
  if (alive.length === 0) {
    throw new FitError(
      `Every EM start (${short.length}) let a component of the ${k}-component normal mixture collapse onto a single value, where the likelihood grows without bound: there is no estimate with ${k} components. Try fewer components.`,
    )
  }
  for (const [p, ll] of alive[0].path) await step(p, ll)
  const finals: EmRun[] = []
  let iterations = 0
  for (const [rank, { run }] of alive.slice(0, CANDIDATES).entries()) {
    // The leading candidate is streamed live; the others run silently (their iterations still count).
    const onIteration =
      rank === 0 ? (m: MixtureParts, ll: number) => step(paramsOf(orderByMean(m)), ll) : undefined
    const final = await runEm(sample, run, {
      maxIterations: EM_ITERATIONS,
      tolerance: EM_TOLERANCE,
      onIteration,
    })
    iterations += final.iterations
    if (!final.collapsed) finals.push(final)
  }
  const best = finals.sort((a, b) => b.logLikelihood - a.logLikelihood)[0] ?? alive[0].run
  const dropped =
    collapsed > 0
      ? `; ${collapsed} start${collapsed === 1 ? '' : 's'} collapsed a component onto one value and ${collapsed === 1 ? 'was' : 'were'} discarded`
      : ''
  return {
    params: paramsOf(orderByMean(best)),
    logLikelihood: best.logLikelihood,
    iterations: iterations + short.reduce((s, r) => s + r.run.iterations, 0),
    label: `EM (${starts.length} starts)`,
    note: `EM from ${starts.length} starts (the best ${Math.min(CANDIDATES, alive.length)} run to convergence${dropped}).`,
  }
}

/** w1..wK (wK derived: one minus the others), mu1..muK, sigma1..sigmaK. */
function mixtureParams(k: number): ParamSpec[] {
  return [
    ...names(k, 'w').map((n, c) => {
      const spec = param(n, `w${c + 1}`, 'unit-interval')
      if (c < k - 1) return spec
      const free = names(k - 1, 'w')
      return { ...spec, derived: (p: Params) => 1 - free.reduce((s, f) => s + p[f], 0) }
    }),
    ...names(k, 'mu').map((n, c) => param(n, `μ${c + 1}`, 'real')),
    ...names(k, 'sigma').map((n, c) => param(n, `σ${c + 1}`, 'positive')),
  ]
}

/** The q quantile: the mixture's cdf inverted numerically from the mean (no closed form). */
function mixtureQuantile(q: number, m: MixtureParts): number {
  if (!(q >= 0 && q <= 1)) return NaN
  if (q === 0) return -Infinity
  if (q === 1) return Infinity
  const guess = m.w.reduce((s, w, c) => s + w * m.mu[c], 0)
  return invertIncreasing(
    (x) => mixtureCdf(x, m),
    (x) => Math.exp(logDensity(x, m)),
    q,
    guess,
    -Infinity,
    Infinity,
  )
}

/** n draws: a component by its weight, then a normal draw from it. */
function mixtureSample(n: number, m: MixtureParts, random: Random): Float64Array {
  const k = m.w.length
  const out = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    let u = random.uniform()
    let c = 0
    while (c < k - 1 && u >= m.w[c]) u -= m.w[c++]
    out[i] = m.mu[c] + m.sigma[c] * random.normal()
  }
  return out
}

/** Each component's weighted density, for the chart's component curves. */
function componentDensities(m: MixtureParts): { label: string; density: (x: number) => number }[] {
  return m.w.map((w, c) => ({
    label: `component ${c + 1} (w = ${w.toPrecision(3)})`,
    density: (x: number) => {
      const z = (x - m.mu[c]) / m.sigma[c]
      return (w * Math.exp(-0.5 * z * z)) / (m.sigma[c] * Math.sqrt(2 * Math.PI))
    },
  }))
}

/** The normal mixture with k components: parameters w1..wK (wK derived), mu1..muK, sigma1..sigmaK. */
function mixtureOf(k: number): Distribution {
  const params = mixtureParams(k)
  const parts = (p: Params) => partsOf(p, k)
  return {
    id: 'normal_mixture',
    label: 'Normal mixture',
    discrete: false,
    params,
    support: REAL_LINE,
    // Each component is a normal: its mean and sd scale with the data, the weights do not.
    unitPowers: Object.fromEntries(
      params.map((s) => [s.name, s.domain === 'unit-interval' ? 0 : 1] as const),
    ),
    logPdf(x, p) {
      const m = parts(p)
      return m ? logDensity(x, m) : NaN
    },
    cdf(x, p) {
      const m = parts(p)
      return m ? mixtureCdf(x, m) : NaN
    },
    quantile(q, p) {
      const m = parts(p)
      return m ? mixtureQuantile(q, m) : NaN
    },
    startValues: (sample) => startOf(sample, k),
    startIsMoments: false,
    logLikelihood(sample, p) {
      const m = parts(p)
      return m ? logLikelihoodOf(sample, m) : NaN
    },
    sample(n, p, random) {
      const m = parts(p)
      return m ? mixtureSample(n, m, random) : new Float64Array(n).fill(NaN)
    },
    nonRegular: () =>
      k === 1
        ? null
        : {
            caution:
              'A normal mixture has no global maximum: its likelihood grows without bound as one component shrinks onto a single value (σ → 0). These estimates are the best local maximum found by EM from several starts, with every component spread over several values; components are ordered by mean.',
          },
    fitCost: k,
    searchStart: (sample, _ctx, step) => searchMixture(sample, k, step),
    densityParts(p) {
      const m = parts(p)
      return m ? componentDensities(m) : []
    },
    components: { count: k, default: DEFAULT_COMPONENTS, max: MAX_COMPONENTS, of: (j) => mixtures(j) },
    notInFitAll:
      'Mixtures are fitted in Fit all only when asked for (opt in): with enough components they fit almost any data.',
  }
}

const cache = new Map<number, Distribution>()
function mixtures(k: number): Distribution {
  if (!(Number.isInteger(k) && k >= 1 && k <= MAX_COMPONENTS)) {
    throw new FitError(`A normal mixture has 1 to ${MAX_COMPONENTS} components (got ${k}).`)
  }
  let d = cache.get(k)
  if (!d) cache.set(k, (d = mixtureOf(k)))
  return d
}

/** Normal mixture of K components (default 2): sum_k w_k N(mu_k, sigma_k), components ordered by mean. */
export const normalMixture: Distribution = mixtures(DEFAULT_COMPONENTS)
