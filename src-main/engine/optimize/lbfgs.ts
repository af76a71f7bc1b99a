import type { Params } from '../distributions/types'
import type { LikelihoodModel } from '../likelihood/likelihood-model'
import { freeValues, longestStep, type OptimizeResult, type OptimizeSettings } from './optimizer-types'
import { runawayWatch } from './runaway-watch'

/** Correction pairs kept. */
const MEMORY = 8
const ARMIJO = 1e-4
const MAX_HALVINGS = 60

const dot = (a: number[], b: number[]) => a.reduce((acc, v, j) => acc + v * b[j], 0)

/** The last MEMORY correction pairs (s = step, y = gradient change), oldest first. */
class CurvatureMemory {
  s: number[][] = []
  y: number[][] = []

  /** Keeps a pair only with enough positive curvature along it (the update stays positive definite). */
  add(sk: number[], yk: number[]): void {
    if (!(dot(sk, yk) > 1e-12 * Math.sqrt(dot(sk, sk) * dot(yk, yk)))) return
    this.s.push(sk)
    this.y.push(yk)
    if (this.s.length > MEMORY) {
      this.s.shift()
      this.y.shift()
    }
  }

  clear(): void {
    this.s.length = 0
    this.y.length = 0
  }

  /**
   * Two-loop recursion: the descent direction -H g, with the initial inverse-Hessian scale s'y / y'y
   * (Nocedal & Wright 7.20), or a cautious step before any pair. Falls back to (scaled) steepest descent,
   * forgetting the pairs, when that is not a descent direction.
   */
  direction(g: number[]): { dir: number[]; slope: number } {
    const { s, y } = this
    const q = g.slice()
    const alphas: number[] = []
    for (let m = s.length - 1; m >= 0; m--) {
      const rho = 1 / dot(y[m], s[m])
      const a = rho * dot(s[m], q)
      alphas[m] = a
      for (let j = 0; j < q.length; j++) q[j] -= a * y[m][j]
    }
    const gamma =
      s.length > 0
        ? dot(s[s.length - 1], y[y.length - 1]) / dot(y[y.length - 1], y[y.length - 1])
        : 1 / Math.max(1, Math.max(...g.map(Math.abs)))
    for (let j = 0; j < q.length; j++) q[j] *= gamma
    for (let m = 0; m < s.length; m++) {
      const rho = 1 / dot(y[m], s[m])
      const b = rho * dot(y[m], q)
      for (let j = 0; j < q.length; j++) q[j] += s[m][j] * (alphas[m] - b)
    }
    const dir = q.map((v) => -v)
    const slope = dot(g, dir)
    if (slope < 0 && dir.every(Number.isFinite)) return { dir, slope }
    this.clear()
    const steepest = g.map((v) => -v / Math.max(1, Math.max(...g.map(Math.abs))))
    return { dir: steepest, slope: dot(g, steepest) }
  }
}

/** Backtracking (Armijo) on f = -ll / n along `dir`: the accepted point and its score, or null. */
function lineSearch(
  model: LikelihoodModel,
  theta: number[],
  dir: number[],
  f: number,
  slope: number,
): { trial: number[]; next: { logLikelihood: number; score: number[] } } | null {
  const n = model.sample.n
  let alpha = longestStep(model, dir)
  for (let h = 0; h < MAX_HALVINGS; h++, alpha /= 2) {
    const trial = theta.map((t, j) => t + alpha * dir[j])
    const ll = model.logLikelihood(model.paramsFromTheta(trial))
    if (Number.isFinite(ll) && -ll / n <= f + ARMIJO * alpha * slope) {
      return { trial, next: model.thetaScore(model.paramsFromTheta(trial)) }
    }
  }
  return null
}

/**
 * Limited-memory BFGS (two-loop recursion) maximizing the mean log-likelihood over the free parameters on
 * their unconstrained scale, with a backtracking line search. Converged when the log-likelihood changes by
 * less than tolerance (relative) on two successive iterations.
 */
export async function lbfgs(
  model: LikelihoodModel,
  start: Params,
  settings: OptimizeSettings,
): Promise<OptimizeResult> {
  const names = model.freeNames
  const n = model.sample.n
  const first = settings.firstIteration ?? 0
  let theta = model.thetaFromParams(start)
  let params = model.paramsFromTheta(theta)
  let cur = model.thetaScore(params)
  const ended = (iterations: number, converged: boolean, message: string): OptimizeResult => ({
    params,
    logLikelihood: cur.logLikelihood,
    iterations,
    converged,
    message,
  })
  if (!Number.isFinite(cur.logLikelihood)) {
    return ended(0, false, 'The starting values give the data zero likelihood.')
  }
  settings.recorder?.add(first, cur.logLikelihood / n, NaN, freeValues(params, names))
  // Minimize f = -ll / n; g = gradient of f.
  let g = cur.score.map((v) => -v / n)
  const memory = new CurvatureMemory()
  let quiet = 0
  const runaway = runawayWatch(model, settings.shown)
  for (let it = 1; it <= settings.maxIterations; it++) {
    await settings.control.checkpoint()
    const { dir, slope } = memory.direction(g)
    const moved = lineSearch(model, theta, dir, -cur.logLikelihood / n, slope)
    if (!moved) {
      // A stale curvature model: restart from steepest ascent once before giving up.
      if (memory.s.length > 0) {
        memory.clear()
        continue
      }
      return ended(
        it,
        quiet > 0,
        quiet > 0
          ? `L-BFGS stopped at the limit of floating-point precision after ${it} iterations.`
          : `L-BFGS could not improve the log-likelihood after ${it} iterations (line search failed).`,
      )
    }
    const gNext = moved.next.score.map((v) => -v / n)
    memory.add(
      moved.trial.map((t, j) => t - theta[j]),
      gNext.map((v, j) => v - g[j]),
    )
    const previous = cur.logLikelihood
    theta = moved.trial
    params = model.paramsFromTheta(theta)
    cur = moved.next
    g = gNext
    settings.recorder?.add(first + it, cur.logLikelihood / n, NaN, freeValues(params, names))
    const change = Math.abs(cur.logLikelihood - previous)
    quiet = change <= settings.tolerance * Math.max(1, Math.abs(cur.logLikelihood)) ? quiet + 1 : 0
    if (quiet >= 2) return ended(it, true, `L-BFGS converged in ${it} iterations.`)
    const ranAway = runaway(params)
    if (ranAway) return { ...ended(it, false, ranAway), explained: true, ranAway: true }
  }
  return ended(
    settings.maxIterations,
    false,
    `L-BFGS did not converge in ${settings.maxIterations} iterations; raise the iteration limit.`,
  )
}
