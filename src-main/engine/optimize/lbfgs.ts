import type { Params } from '../distributions/types'
import type { LikelihoodModel } from '../likelihood/likelihood-model'
import { MAX_THETA_STEP, freeValues, type OptimizeResult, type OptimizeSettings } from './optimizer-types'

/** Correction pairs kept. */
const MEMORY = 8
const ARMIJO = 1e-4
const MAX_HALVINGS = 60

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
  if (!Number.isFinite(cur.logLikelihood)) {
    return {
      params,
      logLikelihood: cur.logLikelihood,
      iterations: 0,
      converged: false,
      message: 'The starting values give the data zero likelihood.',
    }
  }
  settings.recorder?.add(first, cur.logLikelihood / n, NaN, freeValues(params, names))
  // Minimize f = -ll / n; g = gradient of f.
  let g = cur.score.map((v) => -v / n)
  const s: number[][] = []
  const y: number[][] = []
  let quiet = 0
  const dot = (a: number[], b: number[]) => a.reduce((acc, v, j) => acc + v * b[j], 0)
  for (let it = 1; it <= settings.maxIterations; it++) {
    await settings.control.checkpoint()
    // Two-loop recursion: direction = -H g.
    const q = g.slice()
    const alphas: number[] = []
    for (let m = s.length - 1; m >= 0; m--) {
      const rho = 1 / dot(y[m], s[m])
      const a = rho * dot(s[m], q)
      alphas[m] = a
      for (let j = 0; j < q.length; j++) q[j] -= a * y[m][j]
    }
    // Initial inverse-Hessian scale s'y / y'y (Nocedal & Wright 7.20); a cautious step before any pair.
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
    let dir = q.map((v) => -v)
    let slope = dot(g, dir)
    if (!(slope < 0) || !dir.every(Number.isFinite)) {
      s.length = 0
      y.length = 0
      dir = g.map((v) => -v / Math.max(1, Math.max(...g.map(Math.abs))))
      slope = dot(g, dir)
    }
    const biggest = Math.max(...dir.map(Math.abs))
    let alpha = biggest > MAX_THETA_STEP ? MAX_THETA_STEP / biggest : 1
    const f = -cur.logLikelihood / n
    let next: { logLikelihood: number; score: number[] } | null = null
    let trial = theta
    for (let h = 0; h < MAX_HALVINGS; h++, alpha /= 2) {
      trial = theta.map((t, j) => t + alpha * dir[j])
      const ll = model.logLikelihood(model.paramsFromTheta(trial))
      if (Number.isFinite(ll) && -ll / n <= f + ARMIJO * alpha * slope) {
        next = model.thetaScore(model.paramsFromTheta(trial))
        break
      }
    }
    if (!next) {
      if (s.length > 0) {
        // A stale curvature model: restart from steepest ascent once before giving up.
        s.length = 0
        y.length = 0
        continue
      }
      return {
        params,
        logLikelihood: cur.logLikelihood,
        iterations: it,
        converged: quiet > 0,
        message:
          quiet > 0
            ? `L-BFGS stopped at the limit of floating-point precision after ${it} iterations.`
            : `L-BFGS could not improve the log-likelihood after ${it} iterations (line search failed).`,
      }
    }
    const gNext = next.score.map((v) => -v / n)
    const sk = trial.map((t, j) => t - theta[j])
    const yk = gNext.map((v, j) => v - g[j])
    if (dot(sk, yk) > 1e-12 * Math.sqrt(dot(sk, sk) * dot(yk, yk))) {
      s.push(sk)
      y.push(yk)
      if (s.length > MEMORY) {
        s.shift()
        y.shift()
      }
    }
    const previous = cur.logLikelihood
    theta = trial
    params = model.paramsFromTheta(theta)
    cur = next
    g = gNext
    settings.recorder?.add(first + it, cur.logLikelihood / n, NaN, freeValues(params, names))
    const change = Math.abs(cur.logLikelihood - previous)
    quiet = change <= settings.tolerance * Math.max(1, Math.abs(cur.logLikelihood)) ? quiet + 1 : 0
    if (quiet >= 2) {
      return {
        params,
        logLikelihood: cur.logLikelihood,
        iterations: it,
        converged: true,
        message: `L-BFGS converged in ${it} iterations.`,
      }
    }
  }
  return {
    params,
    logLikelihood: cur.logLikelihood,
    iterations: settings.maxIterations,
    converged: false,
    message: `L-BFGS did not converge in ${settings.maxIterations} iterations; raise the iteration limit.`,
  }
}
