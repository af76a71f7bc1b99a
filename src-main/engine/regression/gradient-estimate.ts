import type { GradientReport, RegressionRequest } from '../../../src-shared/contract'
import { FitError, RequestError } from '../errors'
import type { Design } from './design'
import {
  exactEstimate,
  linearEstimate,
  logFactorialSum,
  residualSum,
  totalLogLik,
  type Estimate,
} from './estimate'
import { glmStart } from './glm-newton'
import { glmPass } from './glm-pass'
import { gradientAscent } from './gradient-ascent'
import { solveLeastSquares } from './linear-solve'
import { resolveOptions, type ResolvedOptions } from './regression-options'
import type { RegressionReporter } from './reporter'
import { createScaledSolver, factorScaled, inverseScaled } from '../linear-algebra/cholesky'
import { splitDesign } from './split'

/**
 * Gradient ascent on a seeded training part, with the exact optimum on the same rows for the gap report;
 * standard errors from the information at the gradient solution (linear: s^2 (X'X)^-1).
 */
export async function gradientEstimate(
  request: RegressionRequest,
  design: Design,
  options: ResolvedOptions,
  reporter: RegressionReporter,
): Promise<Estimate> {
  const model = request.model
  if (model === 'negbin') {
    throw new RequestError(
      'Negative binomial regression is fitted by Newton/IRLS only: choose the Newton method.',
    )
  }
  const { train, validation } = splitDesign(design, options.validationFraction, options.seed)
  if (train.n <= train.p) {
    throw new FitError(
      `The training part has ${train.n} rows for ${train.p} coefficients: lower the validation fraction.`,
    )
  }
  // The exact optimum on the same training rows: checks rank and measures how close gradient ascent got.
  // Newton's own defaults here: the gradient's iteration budget and tolerance do not apply to it.
  const newtonDefaults = resolveOptions({ ...request, method: 'newton', options: {} })
  const exact = await exactEstimate(request, train, newtonDefaults, reporter, false)
  if (exact.divergence) return { ...exact, method: 'gradient' }
  const start = model === 'linear' ? linearStart(train) : glmStart(model, train)
  const g = await gradientAscent(
    model,
    train,
    validation,
    start,
    {
      learningRate: options.learningRate,
      maxIterations: options.maxIterations,
      tolerance: options.tolerance,
      patience: options.patience,
      trainConstant: model === 'poisson' ? logFactorialSum(train) : 0,
      validationConstant: model === 'poisson' && validation ? logFactorialSum(validation) : 0,
    },
    reporter,
  )
  const llExact = totalLogLik(model, train, exact.beta)
  const llGrad = totalLogLik(model, train, g.beta)
  const report: GradientReport = {
    trainSize: train.n,
    validationSize: validation?.n ?? 0,
    bestIteration: g.bestIteration,
    stoppedEarly: g.stoppedEarly,
    gapLogLikelihood: llExact - llGrad,
    gapParams: Object.fromEntries(train.names.map((name, j) => [name, exact.beta[j] - g.beta[j]])),
  }
  const rest = {
    method: 'gradient' as const,
    iterations: g.iterations,
    converged: g.converged,
    message: ascentMessage(g, report, options.learningRate),
    trace: g.trace,
    divergence: null,
    gradient: report,
    logLikelihood: llGrad,
  }
  if (model === 'linear') {
    const s = solveLeastSquares(train)
    return linearEstimate(train, s, g.beta, residualSum(train, g.beta), rest)
  }
  const covariance = informationCovariance(model, train, g.beta)
  return { design: train, beta: g.beta, covariance, unscaledCovariance: null, ...rest }
}

type Ascent = Awaited<ReturnType<typeof gradientAscent>>

/** How the epochs ended and how far below the exact optimum, in plain words (counts as the results show them). */
function ascentMessage(g: Ascent, report: GradientReport, askedRate: number): string {
  const count = (n: number) => n.toLocaleString('en-US')
  const how = g.converged
    ? `converged after ${count(g.iterations)} epochs`
    : g.stoppedEarly
      ? `stopped early at epoch ${count(g.iterations)} (best validation log-likelihood at epoch ${count(g.bestIteration)})`
      : `stopped at the limit of ${count(g.iterations)} epochs`
  return (
    `Gradient ascent on ${count(report.trainSize)} training rows (${count(report.validationSize)} validation) ${how}` +
    (g.learningRate < askedRate ? `; learning rate lowered to ${g.learningRate}` : '') +
    `. Log-likelihood ${report.gapLogLikelihood.toPrecision(3)} below the exact optimum of the training part.`
  )
}

/** The covariance from the information at the gradient solution (null when it is not positive definite). */
function informationCovariance(
  model: 'logistic' | 'poisson',
  train: Design,
  beta: Float64Array,
): Float64Array | null {
  const score = new Float64Array(train.p)
  const info = new Float64Array(train.p * train.p)
  glmPass(model, train, beta, score, info)
  const solver = createScaledSolver(train.p)
  return Number.isFinite(factorScaled(solver, info)) ? inverseScaled(solver) : null
}

function linearStart(d: Design): Float64Array {
  const beta = new Float64Array(d.p)
  if (d.intercept) {
    let s = 0
    for (let i = 0; i < d.n; i++) s += d.y[i]
    beta[0] = s / d.n
  }
  return beta
}
