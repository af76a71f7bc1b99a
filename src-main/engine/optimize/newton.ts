import type { Params } from '../distributions/types'
import type { FreeDerivatives, LikelihoodModel } from '../likelihood/likelihood-model'
import { cholesky, choleskySolve, type Matrix } from '../linear-algebra/cholesky'
import { freeValues, longestStep, type OptimizeResult, type OptimizeSettings } from './optimizer-types'
import { runawayWatch } from './runaway-watch'

/** Armijo sufficient-increase constant of the backtracking line search. */
const ARMIJO = 1e-4
const MAX_HALVINGS = 60

const negate = (m: Matrix): Matrix => m.map((row) => row.map((h) => -h))

/**
 * The Newton direction (-H)^-1 g in theta. When -H is not positive definite: first the Hessian by
 * differences of the analytic score (the analytic one may have lost its curvature to under/overflow), then
 * the diagonal shifted until it is (Levenberg), which turns the step into a scaled gradient step far from
 * the optimum. `newton` says whether it is a true Newton step (the convergence test needs one).
 */
function direction(
  model: LikelihoodModel,
  params: Params,
  d: FreeDerivatives,
): { step: number[]; newton: boolean } {
  let negH = negate(d.hessian)
  let factor = cholesky(negH)
  if (!factor && model.dist.derivatives) {
    const numeric = model.thetaHessianFromScores(params)
    const negNumeric = numeric ? negate(numeric) : null
    const f = negNumeric ? cholesky(negNumeric) : null
    if (f && negNumeric) {
      factor = f
      negH = negNumeric
    }
  }
  const newton = factor !== null
  let shift = 1e-6 * Math.max(1e-12, ...negH.map((row, j) => Math.abs(row[j])))
  while (!factor && shift < 1e300) {
    const shifted = negH.map((row, a) => row.map((h, b) => (a === b ? h + shift : h)))
    factor = cholesky(shifted)
    shift *= 10
  }
  const step = factor ? choleskySolve(factor, d.score) : d.score.slice()
  return { step: step.every(Number.isFinite) ? step : d.score.slice(), newton }
}

/** The best point along the step by backtracking (Armijo), with its derivatives when one pass gave them. */
function lineSearch(
  model: LikelihoodModel,
  theta: number[],
  step: number[],
  d: FreeDerivatives,
  decrement: number,
): { theta: number[]; params: Params; next: FreeDerivatives | null } | null {
  let alpha = longestStep(model, step)
  // With analytic derivatives, one fused pass at the trial point gives the log-likelihood for the
  // Armijo test and, when accepted (nearly always the full step), the next iteration's derivatives.
  const fused = model.dist.derivatives !== undefined
  for (let h = 0; h < MAX_HALVINGS; h++, alpha /= 2) {
    const trial = theta.map((t, j) => t + alpha * step[j])
    const trialParams = model.paramsFromTheta(trial)
    const trialDerivatives = fused ? model.thetaDerivatives(trialParams) : null
    const ll = trialDerivatives ? trialDerivatives.logLikelihood : model.logLikelihood(trialParams)
    if (Number.isFinite(ll) && ll >= d.logLikelihood + ARMIJO * alpha * decrement) {
      return { theta: trial, params: trialParams, next: trialDerivatives }
    }
  }
  return null
}

/** Where Newton stands: theta, its parameters and derivatives. */
interface Point {
  theta: number[]
  params: Params
  d: FreeDerivatives
}

/**
 * Predicted gain below tolerance: takes the full step only if it helps (with analytic derivatives one
 * fused pass gives the trial's log-likelihood and, if taken, its derivatives; the model keeps both the
 * trial's and the current point's for the standard errors).
 */
function lastStep(model: LikelihoodModel, at: Point, step: number[]): Point | null {
  const trial = at.theta.map((t, j) => t + step[j])
  const params = model.paramsFromTheta(trial)
  const trialDerivatives = model.dist.derivatives ? model.thetaDerivatives(params) : null
  const ll = trialDerivatives ? trialDerivatives.logLikelihood : model.logLikelihood(params)
  if (!(ll > at.d.logLikelihood)) return null
  return { theta: trial, params, d: trialDerivatives ?? model.thetaDerivatives(params) }
}

const iterations = (it: number) => `${it} iteration${it === 1 ? '' : 's'}`

const ended = (at: Point, iterations: number, converged: boolean, message: string): OptimizeResult => ({
  params: at.params,
  logLikelihood: at.d.logLikelihood,
  iterations,
  converged,
  message,
})

/**
 * Newton-Raphson on the unconstrained scale (log for positive, logit for unit-interval parameters), with
 * a backtracking line search (see `direction` for what happens away from the optimum). Converged when the
 * Newton decrement g' (-H)^-1 g / 2 (the predicted gain to the optimum) is below tolerance * max(1, |ll|).
 */
export async function newtonRaphson(
  model: LikelihoodModel,
  start: Params,
  settings: OptimizeSettings,
): Promise<OptimizeResult> {
  const names = model.freeNames
  const theta = model.thetaFromParams(start)
  const params = model.paramsFromTheta(theta)
  let at: Point = { theta, params, d: model.thetaDerivatives(params) }
  const first = settings.firstIteration ?? 0
  const n = model.sample.n
  const record = (it: number) =>
    settings.recorder?.add(first + it, at.d.logLikelihood / n, NaN, freeValues(at.params, names))
  if (!Number.isFinite(at.d.logLikelihood)) {
    return ended(at, 0, false, 'The starting values give the data zero likelihood.')
  }
  record(0)
  if (theta.length === 0) return ended(at, 0, true, 'Nothing to estimate: every parameter is fixed.')
  const runaway = runawayWatch(model, settings.shown)
  for (let it = 1; it <= settings.maxIterations; it++) {
    await settings.control.checkpoint()
    const { step, newton } = direction(model, at.params, at.d)
    const decrement = step.reduce((s, v, j) => s + v * at.d.score[j], 0)
    const scale = Math.max(1, Math.abs(at.d.logLikelihood))
    if (newton && decrement / 2 <= settings.tolerance * scale) {
      const better = lastStep(model, at, step)
      if (better) {
        at = better
        record(it)
      }
      return ended(at, it, true, `Newton-Raphson converged in ${iterations(it)}.`)
    }
    const moved = lineSearch(model, at.theta, step, at.d, decrement)
    if (!moved) {
      const nearOptimum = newton && decrement / 2 <= 1e-6 * scale
      return ended(
        at,
        it,
        nearOptimum,
        nearOptimum
          ? `Newton-Raphson stopped at the limit of floating-point precision after ${it} iterations.`
          : `Newton-Raphson could not improve the log-likelihood after ${it} iterations (line search failed).`,
      )
    }
    const previous = at.d.logLikelihood
    at = { theta: moved.theta, params: moved.params, d: moved.next ?? model.thetaDerivatives(moved.params) }
    record(it)
    if (!Number.isFinite(at.d.logLikelihood) || !at.d.score.every(Number.isFinite)) {
      return ended(
        at,
        it,
        false,
        'Newton-Raphson reached parameters where the likelihood cannot be evaluated.',
      )
    }
    if (Math.abs(at.d.logLikelihood - previous) <= 1e-15 * scale && newton) {
      return ended(at, it, true, `Newton-Raphson converged in ${iterations(it)}.`)
    }
    const ranAway = runaway(at.params)
    if (ranAway) return { ...ended(at, it, false, ranAway), explained: true, ranAway: true }
  }
  return ended(
    at,
    settings.maxIterations,
    false,
    `Newton-Raphson did not converge in ${settings.maxIterations} iterations; raise the iteration limit or try L-BFGS.`,
  )
}
