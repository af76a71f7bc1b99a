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

/** A function of the unconstrained free parameters, evaluated with a checkpoint before each likelihood pass. */
type Objective = (t: number[]) => Promise<number>

/**
 * The maximum of a smooth unimodal f near `t0`: parabolic steps through three points (quadratic convergence
 * near the top, where the inner maximum sits after a warm start), uphill steps while f is not concave
 * there, and a smaller step whenever no move improves f.
 */
async function maximize1d(f: Objective, t0: number, h0: number): Promise<{ t: number[]; value: number }> {
  let t = t0
  let ft = await f([t])
  let h = h0
  for (let it = 0; it < 2 * MAX_STEPS && h >= 1e-9; it++) {
    const up = await f([t + h])
    const down = await f([t - h])
    const curvature = up + down - 2 * ft
    const vertex =
      curvature < 0 && Number.isFinite(curvature)
        ? t + (h * (down - up)) / (2 * curvature)
        : up >= down
          ? t + 2 * h
          : t - 2 * h
    const next = Math.min(t + 4 * h, Math.max(t - 4 * h, vertex))
    const fn = await f([next])
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
  return { t: [t], value: ft }
}

/** Solves A x = b by Cholesky of the negative definite A (as -A); null when A is not negative definite. */
function newtonStep(hessian: number[][], gradient: number[]): number[] | null {
  const m = gradient.length
  const l = hessian.map((row) => row.map(() => 0))
  for (let i = 0; i < m; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = -hessian[i][j]
      for (let k = 0; k < j; k++) sum -= l[i][k] * l[j][k]
      if (i === j) {
        if (!(sum > 0)) return null
        l[i][i] = Math.sqrt(sum)
      } else l[i][j] = sum / l[j][j]
    }
  }
  // (-H) d = g: forward then backward substitution.
  const y = gradient.slice()
  for (let i = 0; i < m; i++) {
    for (let k = 0; k < i; k++) y[i] -= l[i][k] * y[k]
    y[i] /= l[i][i]
  }
  for (let i = m - 1; i >= 0; i--) {
    for (let k = i + 1; k < m; k++) y[i] -= l[k][i] * y[k]
    y[i] /= l[i][i]
  }
  return y
}

/**
 * The maximum of a smooth f of two or more unconstrained parameters near `t0` (the inner maximum of a
 * three-parameter fit's profile): Newton steps from a central-difference gradient and Hessian, halved until
 * f improves; a gradient step of the current size where f is not concave. Stops when no step improves f.
 */
async function maximizeNd(f: Objective, t0: number[], h0: number): Promise<{ t: number[]; value: number }> {
  const m = t0.length
  let t = t0.slice()
  let ft = await f(t)
  let size = h0
  const at = (base: number[], moves: [number, number][]) => {
    const x = base.slice()
    for (const [i, d] of moves) x[i] += d
    return f(x)
  }
  for (let it = 0; it < 4 * MAX_STEPS && Number.isFinite(ft); it++) {
    const h = t.map((v) => 1e-4 * Math.max(1, Math.abs(v)))
    const up: number[] = []
    const down: number[] = []
    for (let i = 0; i < m; i++) {
      up.push(await at(t, [[i, h[i]]]))
      down.push(await at(t, [[i, -h[i]]]))
    }
    const gradient = up.map((u, i) => (u - down[i]) / (2 * h[i]))
    const hessian = gradient.map(() => new Array<number>(m).fill(0))
    for (let i = 0; i < m; i++) {
      hessian[i][i] = (up[i] + down[i] - 2 * ft) / (h[i] * h[i])
      for (let j = 0; j < i; j++) {
        const pp = await at(t, [
          [i, h[i]],
          [j, h[j]],
        ])
        const pm = await at(t, [
          [i, h[i]],
          [j, -h[j]],
        ])
        const mp = await at(t, [
          [i, -h[i]],
          [j, h[j]],
        ])
        const mm = await at(t, [
          [i, -h[i]],
          [j, -h[j]],
        ])
        hessian[i][j] = hessian[j][i] = (pp - pm - mp + mm) / (4 * h[i] * h[j])
      }
    }
    if (![...gradient, ...hessian.flat()].every(Number.isFinite)) break
    const norm = Math.hypot(...gradient)
    let step = newtonStep(hessian, gradient) ?? gradient.map((g) => (size * g) / (norm || 1))
    let moved = false
    for (let k = 0; k < 30; k++, step = step.map((d) => d / 2)) {
      const next = t.map((v, i) => v + step[i])
      const fn = await f(next)
      if (fn > ft) {
        const length = Math.hypot(...step)
        const gain = fn - ft
        t = next
        ft = fn
        size = Math.max(length, 1e-9)
        moved = length > 1e-10 && gain > 1e-13 * Math.max(1, Math.abs(fn))
        break
      }
    }
    if (!moved) break
  }
  return { t, value: ft }
}

/**
 * The profile log-likelihood of the quantity: ll_p(psi) = max ll(theta) over g(theta) = psi. One parameter
 * (`solved`, the one g moves most) is solved for from the constraint; the other free ones, if any, are
 * maximized over (warm-started where the last profile point ended). `checkpoint` is awaited before each
 * likelihood pass, so a cancel gets through within one pass even on a million values.
 */
function profileOf(model: LikelihoodModel, optimum: Params, q: Quantity, checkpoint: () => Promise<void>) {
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
  const others = free.filter((n) => n !== solved)
  let warm = others.map(u)
  return async (psi: number): Promise<number> => {
    const at = async (t: number[]) => {
      const p = { ...optimum }
      others.forEach((name, i) => (p[name] = fromUnconstrained(model.domains[index(name)], t[i])))
      const s = solveFor(model, solved, p, q.g, psi, u(solved))
      if (s === null) return -Infinity
      await checkpoint()
      const ll = model.logLikelihood({ ...p, [solved]: fromUnconstrained(model.domains[index(solved)], s) })
      return Number.isFinite(ll) ? ll : -Infinity
    }
    if (others.length === 0) return at([])
    const best = others.length === 1 ? await maximize1d(at, warm[0], 0.05) : await maximizeNd(at, warm, 0.05)
    if (Number.isFinite(best.value)) warm = best.t
    return best.value
  }
}

/** Most free parameters a profile interval is computed for (the inner maximum is over all but one). */
export const MAX_PROFILE_FREE = 3

/**
 * 95% profile-likelihood interval of a smooth quantity of a fit with one to three free parameters: the psi where
 * 2 (ll_max - ll_p(psi)) <= 3.841, each end stepped out from the estimate on the quantity's own scale (log,
 * logit or identity) by its delta-method half-width and found by Illinois root finding. Null for more free
 * parameters or when an end cannot be bracketed (the profile stays high up to the edge of what the family
 * can give). `checkpoint` is awaited before each likelihood pass, so a large table lets other requests and
 * a cancel through.
 */
export async function quantityProfileInterval(
  model: LikelihoodModel,
  optimum: Params,
  maxLogLik: number,
  q: Quantity,
  checkpoint: () => Promise<void>,
): Promise<[number, number] | null> {
  const free = model.freeNames
  if (free.length === 0 || free.length > MAX_PROFILE_FREE || !(q.se > 0) || !Number.isFinite(q.estimate))
    return null
  const profile = profileOf(model, optimum, q, checkpoint)
  const target = maxLogLik - CHI2_1_95 / 2
  const center = toUnconstrained(q.domain, q.estimate)
  const slope =
    q.domain === 'positive' ? q.estimate : q.domain === 'unit-interval' ? q.estimate * (1 - q.estimate) : 1
  const step0 = (1.96 * q.se) / slope
  // ll_p - target: positive inside the interval; NaN (no such parameters) counts as outside.
  const f = async (t: number) => {
    const v = (await profile(fromUnconstrained(q.domain, t))) - target
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
