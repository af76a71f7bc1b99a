import type { ParamDomain, Params } from '../distributions/types'
import type { LikelihoodModel } from '../likelihood/likelihood-model'
import { fromUnconstrained, toUnconstrained } from '../likelihood/reparametrize'
import { CHI2_1_95 } from './profile-likelihood'

/** A quantity of the parameters (a percentile, an exceedance probability) and the scale it lives on. */
export interface Quantity {
  g: (params: Params) => number
  estimate: number
  /** Its delta-method SE: the first step out from the estimate. */
  se: number
  domain: ParamDomain
}

const SOLVE_ITERATIONS = 100
const MAX_STEPS = 40

/**
 * theta_j (unconstrained) with g = psi, the other parameters as in `p`: stepping out from `start` until g - psi
 * changes sign, then Illinois. Null when g never reaches psi (psi is outside what the family can give).
 */
function solveFor(
  model: LikelihoodModel,
  j: string,
  p: Params,
  g: Quantity['g'],
  psi: number,
  start: number,
) {
  const domain = model.domains[model.names.indexOf(j)]
  const h = (t: number) => g({ ...p, [j]: fromUnconstrained(domain, t) }) - psi
  const f0 = h(start)
  if (f0 === 0) return start
  if (!Number.isFinite(f0)) return null
  for (const dir of [1, -1]) {
    let a = start
    let fa = f0
    let step = 0.05 * Math.max(1, Math.abs(start))
    for (let k = 0; k < MAX_STEPS; k++, step *= 2) {
      const b = a + dir * step
      const fb = h(b)
      if (!Number.isFinite(fb)) break
      if (Math.sign(fb) !== Math.sign(fa)) return illinois(h, a, fa, b, fb)
      if (Math.abs(fb) > Math.abs(fa)) break // moving away from the root: try the other way
      a = b
      fa = fb
    }
  }
  return null
}

/**
 * Illinois (modified regula falsi) between a and b, where h changes sign; bisection while an end is not
 * finite (parameters the data rule out). Stops at |h| <= fTol or when the bracket is at rounding size.
 * Written as steps that yield each point to evaluate, so one implementation serves the inner solve (run
 * at once by `illinois`) and the outer profile search (run with a checkpoint between points).
 */
function* illinoisSteps(a: number, fa: number, b: number, fb: number, fTol: number) {
  let side = 0
  for (let it = 0; it < SOLVE_ITERATIONS; it++) {
    const c = Number.isFinite(fa) && Number.isFinite(fb) ? (a * fb - b * fa) / (fb - fa) : 0.5 * (a + b)
    const fc: number = yield c
    if (Math.abs(fc) <= fTol || Math.abs(b - a) <= 1e-13 * Math.max(1, Math.abs(c))) return c
    if (Math.sign(fc) === Math.sign(fb)) {
      b = c
      fb = fc
      if (side === -1) fa /= 2
      side = -1
    } else {
      a = c
      fa = fc
      if (side === 1) fb /= 2
      side = 1
    }
  }
  return Math.abs(fa) <= Math.abs(fb) ? a : b
}

function illinois(h: (t: number) => number, a: number, fa: number, b: number, fb: number): number {
  const steps = illinoisSteps(a, fa, b, fb, 0)
  for (let next = steps.next(); ;) {
    if (next.done) return next.value
    next = steps.next(h(next.value))
  }
}

/**
 * The maximum of a smooth unimodal f near `t0`: parabolic steps through three points (quadratic convergence
 * near the top, where the inner maximum sits after a warm start), uphill steps while f is not concave
 * there, and a smaller step whenever no move improves f.
 */
function maximize1d(f: (t: number) => number, t0: number, h0: number): { t: number; value: number } {
  let t = t0
  let ft = f(t)
  let h = h0
  for (let it = 0; it < 2 * MAX_STEPS && h >= 1e-9; it++) {
    const up = f(t + h)
    const down = f(t - h)
    const curvature = up + down - 2 * ft
    const vertex =
      curvature < 0 && Number.isFinite(curvature)
        ? t + (h * (down - up)) / (2 * curvature)
        : up >= down
          ? t + 2 * h
          : t - 2 * h
    const next = Math.min(t + 4 * h, Math.max(t - 4 * h, vertex))
    const fn = f(next)
    const best = Math.max(fn, up, down)
    if (!(best > ft)) {
      h /= 4
      continue
    }
    const moved = best === fn ? next : best === up ? t + h : t - h
    h = Math.max(Math.abs(moved - t), 1e-9)
    t = moved
    ft = best
    if (h <= 1e-8) break
  }
  return { t, value: ft }
}

/**
 * The profile log-likelihood of the quantity: ll_p(psi) = max ll(theta) over g(theta) = psi. One parameter
 * (`solved`, the one g moves most) is solved for from the constraint; the other free one, if any, is
 * maximized over (golden section, warm-started where the last profile point ended).
 */
function profileOf(model: LikelihoodModel, optimum: Params, q: Quantity) {
  const free = model.freeNames
  const index = (name: string) => model.names.indexOf(name)
  const u = (name: string) => toUnconstrained(model.domains[index(name)], optimum[name])
  // The parameter g moves most per unconstrained unit is solved for: the constraint pins it best.
  const moves = free.map((name) => {
    const d = model.domains[index(name)]
    const t = u(name)
    const up = q.g({ ...optimum, [name]: fromUnconstrained(d, t + 1e-4) })
    return Math.abs(up - q.estimate)
  })
  const solved = free[moves.indexOf(Math.max(...moves))]
  const other = free.find((n) => n !== solved)
  let warm = other === undefined ? 0 : u(other)
  return (psi: number): number => {
    const at = (t: number) => {
      const p =
        other === undefined
          ? { ...optimum }
          : { ...optimum, [other]: fromUnconstrained(model.domains[index(other)], t) }
      const s = solveFor(model, solved, p, q.g, psi, u(solved))
      if (s === null) return -Infinity
      const ll = model.logLikelihood({ ...p, [solved]: fromUnconstrained(model.domains[index(solved)], s) })
      return Number.isFinite(ll) ? ll : -Infinity
    }
    if (other === undefined) return at(0)
    const best = maximize1d(at, warm, 0.05)
    if (Number.isFinite(best.value)) warm = best.t
    return best.value
  }
}

/**
 * 95% profile-likelihood interval of a smooth quantity of a one- or two-parameter fit: the psi where
 * 2 (ll_max - ll_p(psi)) <= 3.841, each end stepped out from the estimate on the quantity's own scale (log,
 * logit or identity) by its delta-method half-width and found by Illinois root finding. Null for more free
 * parameters or when an end cannot be bracketed (the profile stays high up to the edge of what the family
 * can give). `checkpoint` is awaited before each profile point (each is a few hundred likelihood passes), so
 * a large table lets other requests and a cancel through.
 */
export async function quantityProfileInterval(
  model: LikelihoodModel,
  optimum: Params,
  maxLogLik: number,
  q: Quantity,
  checkpoint: () => Promise<void>,
): Promise<[number, number] | null> {
  const free = model.freeNames
  if (free.length === 0 || free.length > 2 || !(q.se > 0) || !Number.isFinite(q.estimate)) return null
  const profile = profileOf(model, optimum, q)
  const target = maxLogLik - CHI2_1_95 / 2
  const center = toUnconstrained(q.domain, q.estimate)
  const slope =
    q.domain === 'positive' ? q.estimate : q.domain === 'unit-interval' ? q.estimate * (1 - q.estimate) : 1
  const step0 = (1.96 * q.se) / slope
  // ll_p - target: positive inside the interval; NaN (no such parameters) counts as outside.
  const f = async (t: number) => {
    await checkpoint()
    const v = profile(fromUnconstrained(q.domain, t)) - target
    return Number.isNaN(v) ? -Infinity : v
  }
  const end = async (dir: 1 | -1): Promise<number | null> => {
    let inside = center
    let fInside = Infinity
    let step = step0
    for (let k = 0; k < MAX_STEPS; k++, step *= 1.5) {
      const t = inside + dir * step
      const ft = await f(t)
      if (!(ft > 0)) {
        if (fInside === Infinity) fInside = await f(inside)
        const steps = illinoisSteps(inside, fInside, t, ft, 1e-8)
        for (let next = steps.next(); ; next = steps.next(await f(next.value))) {
          if (next.done) return fromUnconstrained(q.domain, next.value)
        }
      }
      inside = t
      fInside = ft
    }
    return null
  }
  const lower = await end(-1)
  const upper = lower === null ? null : await end(1)
  return lower === null || upper === null ? null : [lower, upper]
}
