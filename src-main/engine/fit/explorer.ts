import type {
  Diagnostics,
  Evaluation,
  LikelihoodGrid,
  LikelihoodGridRequest,
} from '../../../src-shared/contract'
import type { Distribution, FamilyContext, Params } from '../distributions/types'
import { RequestError } from '../errors'
import { totalLogLikelihood, withDerived } from '../likelihood/likelihood-model'
import { sampleOf } from '../stats/sample'
import { likelihoodSample } from '../stats/tied-sample'
import { cumulativeWeights } from '../stats/weighted'
import { densityCurve } from './curves'
import betaQuantile from '@stdlib/stats-base-dists-beta-quantile'

/** Points per diagnostic series at most. */
const MAX_DIAGNOSTIC_POINTS = 1000
/** Grid steps per axis at most (a 2-axis grid evaluates the likelihood steps² times). */
const MAX_GRID_STEPS = 400

/** Checks that `params` names every parameter of the family with a finite value. */
export function completeParams(dist: Distribution, params: Record<string, number>): Params {
  const out: Params = {}
  for (const p of dist.params) {
    if (p.derived) continue
    const v = params[p.name]
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new RequestError(
        `${dist.label} needs a finite value for parameter "${p.name}" (got ${String(v)}).`,
      )
    }
    out[p.name] = v
  }
  return withDerived(dist, out)
}

/** Indices 0..n-1 thinned to at most `max`, evenly spaced, first and last kept. */
function thinIndices(n: number, max: number): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i)
  return Array.from({ length: max }, (_, k) => Math.round((k * (n - 1)) / (max - 1)))
}

/** Probabilities the probability plot labels on its axis. */
const PROBABILITY_TICKS = [0.001, 0.01, 0.1, 0.5, 0.9, 0.99, 0.999]

/**
 * Empirical vs fitted CDF at the sorted data, Q-Q (fitted quantile at plotting position (i - 0.5)/n vs
 * the i-th value) and P-P (fitted cdf of the i-th value vs (i - 0.5)/n), each at most ~1,000 points
 * (evenly spaced order statistics: quantile sampling). With frequency weights (of `sorted`) positions
 * count weights: value i covers the observations from c_i to c_i + w_i and its plotting position is the
 * middle of them. Bands: under the fitted model F(X_(r)) follows Beta(r, n - r + 1), so its 2.5% and
 * 97.5% points bound the P-P point and, through the fitted quantile function, the Q-Q point (pointwise
 * 95%, parameters treated as known); with weights r is the middle rank of the value's observations.
 */
export function diagnostics(
  dist: Distribution,
  sorted: Float64Array,
  params: Params,
  ctx: FamilyContext,
  weights?: Float64Array,
): Diagnostics {
  const len = sorted.length
  const c = cumulativeWeights(sampleOf(sorted, weights))
  const n = c[len]
  const cdf: Required<Diagnostics['cdf']> = { x: [], empirical: [], fitted: [], density: [] }
  const qq: Required<Diagnostics['qq']> = { theoretical: [], sample: [], lower: [], upper: [] }
  const pp: Required<Diagnostics['pp']> = { theoretical: [], empirical: [], lower: [], upper: [] }
  for (const i of thinIndices(len, MAX_DIAGNOSTIC_POINTS)) {
    const x = sorted[i]
    // Empirical CDF at x counts ties: the last index holding the same value.
    let last = i
    while (last + 1 < len && sorted[last + 1] === x) last++
    const fitted = dist.cdf(x, params, ctx)
    const position = (c[i] + c[i + 1]) / (2 * n)
    cdf.x.push(x)
    cdf.empirical.push(c[last + 1] / n)
    cdf.fitted.push(fitted)
    cdf.density.push(Math.exp(dist.logPdf(x, params, ctx)))
    // Rank of the value's middle observation: i + 1 without weights.
    const rank = position * n + 0.5
    const lo = betaQuantile(0.025, rank, n - rank + 1)
    const hi = betaQuantile(0.975, rank, n - rank + 1)
    const q = dist.quantile(position, params, ctx)
    if (Number.isFinite(q)) {
      qq.theoretical.push(q)
      qq.sample.push(x)
      qq.lower.push(dist.quantile(lo, params, ctx))
      qq.upper.push(dist.quantile(hi, params, ctx))
    }
    pp.theoretical.push(fitted)
    pp.empirical.push(position)
    pp.lower.push(lo)
    pp.upper.push(hi)
  }
  const ticks = { p: [] as number[], q: [] as number[] }
  for (const p of PROBABILITY_TICKS) {
    const q = dist.quantile(p, params, ctx)
    if (Number.isFinite(q)) {
      ticks.p.push(p)
      ticks.q.push(q)
    }
  }
  return { cdf, qq, pp, n, ticks }
}

/**
 * Log-likelihood over one or two parameter axes (others held at `params`). Cells with zero likelihood hold
 * -Number.MAX_VALUE so the grid stays finite through JSON (the chart clips them).
 */
export function likelihoodGrid(
  dist: Distribution,
  sorted: Float64Array,
  request: LikelihoodGridRequest,
  ctx: FamilyContext,
  weights?: Float64Array,
): LikelihoodGrid {
  const base = completeParams(dist, request.params)
  if (request.axes.length < 1 || request.axes.length > 2) {
    throw new RequestError(`A likelihood grid has one or two axes (got ${request.axes.length}).`)
  }
  const axes = request.axes.map((axis) => {
    if (!dist.params.some((p) => p.name === axis.name)) {
      throw new RequestError(`${dist.label} has no parameter "${axis.name}".`)
    }
    const steps = Math.floor(axis.steps)
    if (!(steps >= 2 && steps <= MAX_GRID_STEPS) || !Number.isFinite(axis.min) || !(axis.max > axis.min)) {
      throw new RequestError(
        `Axis ${axis.name} needs min < max and 2 to ${MAX_GRID_STEPS} steps (got ${axis.min}..${axis.max}, ${axis.steps} steps).`,
      )
    }
    return {
      name: axis.name,
      values: Array.from({ length: steps }, (_, i) => axis.min + ((axis.max - axis.min) * i) / (steps - 1)),
    }
  })
  const rows = axes.length === 2 ? axes[1].values : [NaN]
  // Up to 400 x 400 log-likelihoods: tied values summed once per distinct value (the same surface).
  const sample = likelihoodSample(sampleOf(sorted, weights))
  const z = rows.map((yv) =>
    axes[0].values.map((xv) => {
      const p: Params = { ...base, [axes[0].name]: xv }
      if (axes.length === 2) p[axes[1].name] = yv
      const ll = totalLogLikelihood(dist, sample, p, ctx)
      // Impossible parameter values (zero likelihood) plot as the lowest finite number.
      return Number.isFinite(ll) ? ll : -Number.MAX_VALUE
    }),
  )
  return { axes, z }
}

/** The likelihood explorer: total log-likelihood and density curve at arbitrary parameters. */
export function evaluate(
  dist: Distribution,
  sorted: Float64Array,
  params: Params,
  ctx: FamilyContext,
  weights?: Float64Array,
): Evaluation {
  const ll = totalLogLikelihood(dist, likelihoodSample(sampleOf(sorted, weights)), params, ctx)
  return {
    // Zero likelihood as -Number.MAX_VALUE, as in the grid: finite through JSON, never NaN.
    logLikelihood: Number.isFinite(ll) ? ll : -Number.MAX_VALUE,
    density: densityCurve(dist, params, sorted, ctx),
  }
}
