import { cholesky, choleskySolve } from '../linear-algebra/cholesky'
import type { Params } from '../distributions/types'
import type { FreeDerivatives, LikelihoodModel } from '../likelihood/likelihood-model'
import { MAX_THETA_STEP, freeValues, type OptimizeResult, type OptimizeSettings } from './optimizer-types'

/** Armijo sufficient-increase constant of the backtracking line search. */
const ARMIJO = 1e-4
const MAX_HALVINGS = 60

/**
 * Newton-Raphson on the unconstrained scale (log for positive, logit for unit-interval parameters), with
 * a backtracking line search. When -Hessian is not positive definite it shifts the diagonal until it is
 * (Levenberg), which turns the step into a scaled gradient step far from the optimum. Converged when the
 * Newton decrement g' (-H)^-1 g / 2 (the predicted gain to the optimum) is below tolerance * max(1, |ll|).
 */
export async function newtonRaphson(
  model: LikelihoodModel,
  start: Params,
  settings: OptimizeSettings,
): Promise<OptimizeResult> {
  const names = model.freeNames
  let theta = model.thetaFromParams(start)
  let params = model.paramsFromTheta(theta)
  let d = model.thetaDerivatives(params)
  const first = settings.firstIteration ?? 0
  const n = model.sample.n
  if (!Number.isFinite(d.logLikelihood)) {
    return {
      params,
      logLikelihood: d.logLikelihood,
      iterations: 0,
      converged: false,
      message: 'The starting values give the data zero likelihood.',
    }
  }
  settings.recorder?.add(first, d.logLikelihood / n, NaN, freeValues(params, names))
  const k = theta.length
  if (k === 0) {
    return {
      params,
      logLikelihood: d.logLikelihood,
      iterations: 0,
      converged: true,
      message: 'Nothing to estimate: every parameter is fixed.',
    }
  }
  for (let it = 1; it <= settings.maxIterations; it++) {
    await settings.control.checkpoint()
    let negH = d.hessian.map((row) => row.map((h) => -h))
    let factor = cholesky(negH)
    if (!factor && model.dist.derivatives) {
      // The analytic Hessian may have lost its curvature to under/overflow: differentiate the score.
      const numeric = model.thetaHessianFromScores(params)
      const negNumeric = numeric?.map((row) => row.map((h) => -h))
      const f = negNumeric ? cholesky(negNumeric) : null
      if (f && negNumeric) {
        factor = f
        negH = negNumeric
      }
    }
    const newtonStep = factor !== null
    if (!factor) {
      let shift = 1e-6 * Math.max(1e-12, ...negH.map((row, j) => Math.abs(row[j])))
      while (!factor && shift < 1e300) {
        const shifted = negH.map((row, a) => row.map((h, b) => (a === b ? h + shift : h)))
        factor = cholesky(shifted)
        shift *= 10
      }
    }
    let step = factor ? choleskySolve(factor, d.score) : d.score.slice()
    if (!step.every(Number.isFinite)) step = d.score.slice()
    const decrement = step.reduce((s, v, j) => s + v * d.score[j], 0)
    const scale = Math.max(1, Math.abs(d.logLikelihood))
    if (newtonStep && decrement / 2 <= settings.tolerance * scale) {
      // Predicted gain below tolerance: take the step only if it helps, then stop.
      const trial = theta.map((t, j) => t + step[j])
      const trialParams = model.paramsFromTheta(trial)
      // With analytic derivatives one fused pass gives the trial's log-likelihood and, if taken, its
      // derivatives (the model keeps both the trial's and the current point's for the standard errors).
      const trialDerivatives = model.dist.derivatives ? model.thetaDerivatives(trialParams) : null
      const ll = trialDerivatives ? trialDerivatives.logLikelihood : model.logLikelihood(trialParams)
      if (ll > d.logLikelihood) {
        params = trialParams
        d = trialDerivatives ?? model.thetaDerivatives(params)
        settings.recorder?.add(first + it, d.logLikelihood / n, NaN, freeValues(params, names))
      }
      return {
        params,
        logLikelihood: d.logLikelihood,
        iterations: it,
        converged: true,
        message: `Newton-Raphson converged in ${it} iterations.`,
      }
    }
    const biggest = Math.max(...step.map(Math.abs))
    let alpha = biggest > MAX_THETA_STEP ? MAX_THETA_STEP / biggest : 1
    let accepted = false
    // With analytic derivatives, one fused pass at the trial point gives the log-likelihood for the
    // Armijo test and, when accepted (nearly always the full step), the next iteration's derivatives.
    const fused = model.dist.derivatives !== undefined
    let next: FreeDerivatives | null = null
    for (let h = 0; h < MAX_HALVINGS; h++, alpha /= 2) {
      const trial = theta.map((t, j) => t + alpha * step[j])
      const trialParams = model.paramsFromTheta(trial)
      const trialDerivatives = fused ? model.thetaDerivatives(trialParams) : null
      const ll = trialDerivatives ? trialDerivatives.logLikelihood : model.logLikelihood(trialParams)
      if (Number.isFinite(ll) && ll >= d.logLikelihood + ARMIJO * alpha * decrement) {
        theta = trial
        params = trialParams
        next = trialDerivatives
        accepted = true
        break
      }
    }
    if (!accepted) {
      const nearOptimum = newtonStep && decrement / 2 <= 1e-6 * scale
      return {
        params,
        logLikelihood: d.logLikelihood,
        iterations: it,
        converged: nearOptimum,
        message: nearOptimum
          ? `Newton-Raphson stopped at the limit of floating-point precision after ${it} iterations.`
          : `Newton-Raphson could not improve the log-likelihood after ${it} iterations (line search failed).`,
      }
    }
    const previous = d.logLikelihood
    d = next ?? model.thetaDerivatives(params)
    settings.recorder?.add(first + it, d.logLikelihood / n, NaN, freeValues(params, names))
    if (!Number.isFinite(d.logLikelihood) || !d.score.every(Number.isFinite)) {
      return {
        params,
        logLikelihood: d.logLikelihood,
        iterations: it,
        converged: false,
        message: 'Newton-Raphson reached parameters where the likelihood cannot be evaluated.',
      }
    }
    if (Math.abs(d.logLikelihood - previous) <= 1e-15 * scale && newtonStep) {
      return {
        params,
        logLikelihood: d.logLikelihood,
        iterations: it,
        converged: true,
        message: `Newton-Raphson converged in ${it} iterations.`,
      }
    }
  }
  return {
    params,
    logLikelihood: d.logLikelihood,
    iterations: settings.maxIterations,
    converged: false,
    message: `Newton-Raphson did not converge in ${settings.maxIterations} iterations; raise the iteration limit or try L-BFGS.`,
  }
}
