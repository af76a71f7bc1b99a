import type {
  Distribution,
  FamilyContext,
  ParamSpec,
  Params,
} from '../../src-main/engine/distributions/types'

/**
 * An optimizer independent of the engine's (Newton, L-BFGS, their starts and their convergence checks):
 * Nelder-Mead on the sum of the family's logPdf, from many starts, each parameter on a transformed scale
 * (log for positive, logit for (0, 1), a real parameter in units of the data's spread about their middle).
 * The adversarial suite asks every converged fit to reach the best of these starts.
 */

/** A parameter's map between its own scale and the unconstrained one Nelder-Mead walks on. */
interface Axis {
  name: string
  to(v: number): number
  from(t: number): number
}

function axisOf(spec: ParamSpec, centre: number, spread: number): Axis {
  const { name } = spec
  if (spec.domain === 'positive') return { name, to: Math.log, from: Math.exp }
  if (spec.domain === 'unit-interval')
    return { name, to: (v) => Math.log(v / (1 - v)), from: (t) => 1 / (1 + Math.exp(-t)) }
  if (spec.unitless) return { name, to: (v) => v, from: (t) => t }
  return { name, to: (v) => (v - centre) / spread, from: (t) => centre + spread * t }
}

export interface MultiStartProblem {
  dist: Distribution
  values: readonly number[]
  ctx: FamilyContext
  /** Parameters held (the user's fixed ones); the others are searched. */
  fixed: Params
  /** Start points (own scale, all parameters): the reference adds random ones around the first. */
  starts: Params[]
}

export interface MultiStartOptimum {
  logLikelihood: number
  params: Params
  evaluations: number
}

type Simplex = { x: number[]; f: number }[]

/** Minimizes f from x0 (initial steps `step`); returns the best vertex after at most `budget` evaluations. */
function nelderMead(f: (x: number[]) => number, x0: number[], step: number, budget: number) {
  const k = x0.length
  let used = 0
  const at = (x: number[]) => {
    used++
    const v = f(x)
    return { x, f: Number.isNaN(v) ? Infinity : v }
  }
  const s: Simplex = [at(x0)]
  for (let i = 0; i < k; i++) s.push(at(x0.map((v, j) => (j === i ? v + step : v))))
  const towards = (a: number[], b: number[], t: number) => a.map((v, j) => v + t * (b[j] - v))
  while (used < budget) {
    s.sort((a, b) => a.f - b.f)
    const best = s[0]
    const worst = s[k]
    if (Math.abs(worst.f - best.f) <= 1e-14 * (1 + Math.abs(best.f)) && Number.isFinite(best.f)) break
    const centroid = x0.map((_, j) => s.slice(0, k).reduce((m, p) => m + p.x[j], 0) / k)
    const reflected = at(towards(centroid, worst.x, -1))
    if (reflected.f < best.f) {
      const expanded = at(towards(centroid, worst.x, -2))
      s[k] = expanded.f < reflected.f ? expanded : reflected
    } else if (reflected.f < s[k - 1].f) {
      s[k] = reflected
    } else {
      const contracted = at(towards(centroid, worst.x, reflected.f < worst.f ? -0.5 : 0.5))
      if (contracted.f < Math.min(worst.f, reflected.f)) s[k] = contracted
      else for (let i = 1; i <= k; i++) s[i] = at(towards(best.x, s[i].x, 0.5))
    }
  }
  s.sort((a, b) => a.f - b.f)
  return { best: s[0], used }
}

/** A seeded standard normal (Box-Muller on a 32-bit LCG): the random starts repeat run to run. */
function normals(seed: number) {
  let state = seed >>> 0 || 1
  const uniform = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return (state + 0.5) / 2 ** 32
  }
  return () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform())
}

const RANDOM_STARTS = 4
/** Restarts from the best point (Nelder-Mead's simplex can collapse before the optimum). */
const RESTARTS = 2

/**
 * The best log-likelihood Nelder-Mead finds from the given starts plus RANDOM_STARTS random ones (each
 * unconstrained coordinate of the first start moved by a standard normal times 2), each run restarted
 * RESTARTS times from its best point with a fresh simplex.
 */
export function multiStartOptimum(problem: MultiStartProblem, seed = 1): MultiStartOptimum {
  const { dist, values, ctx, fixed } = problem
  const sorted = [...values].sort((a, b) => a - b)
  const centre = sorted[Math.floor(sorted.length / 2)]
  const range = sorted[sorted.length - 1] - sorted[0]
  const spread = range > 0 && Number.isFinite(range) ? range : Math.max(Math.abs(centre), 1e-300)
  const axes = dist.params
    .filter((p) => !(p.name in fixed) && !p.derived)
    .map((p) => axisOf(p, centre, spread))
  const paramsAt = (t: number[]): Params => {
    const p: Params = { ...fixed }
    axes.forEach((a, j) => (p[a.name] = a.from(t[j])))
    for (const spec of dist.params) if (spec.derived) p[spec.name] = spec.derived(p)
    return p
  }
  const negLl = (t: number[]) => {
    const p = paramsAt(t)
    let s = 0
    for (const x of values) s += dist.logPdf(x, p, ctx)
    return Number.isNaN(s) ? Infinity : -s
  }
  const random = normals(seed)
  const starts = problem.starts.map((p) => axes.map((a) => a.to(p[a.name])))
  for (let i = 0; i < RANDOM_STARTS; i++) starts.push(starts[0].map((t) => t + 2 * random()))
  let best = { x: starts[0], f: Infinity }
  let evaluations = 0
  for (const start of starts) {
    if (!start.every(Number.isFinite)) continue
    let point = { x: start, f: Infinity }
    for (let r = 0; r <= RESTARTS; r++) {
      const { best: b, used } = nelderMead(negLl, point.x, r === 0 ? 0.5 : 0.05, 300 * (axes.length + 1))
      evaluations += used
      point = b
    }
    if (point.f < best.f) best = point
  }
  return { logLikelihood: -best.f, params: paramsAt(best.x), evaluations }
}
