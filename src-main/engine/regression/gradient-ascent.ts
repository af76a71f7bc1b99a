import type { RegressionModel, TracePoint } from '../../../src-shared/contract'
import { EarlyStopping } from '../optimize/early-stopping'
import type { Design } from './design'
import { residualKernel } from './fused-kernels'
import { glmPass } from './glm-pass'
import type { RegressionReporter } from './reporter'

/** Models gradient ascent fits (negative binomial has theta besides the coefficients: Newton only). */
export type GradientModel = Exclude<RegressionModel, 'negbin'>

export interface GradientOptions {
  learningRate: number
  maxIterations: number
  tolerance: number
  /** Epochs without a better validation log-likelihood before stopping (0 = never). */
  patience: number
  /** Added to both log-likelihoods so they are full ones (Poisson: -sum(log y!) per part). */
  trainConstant: number
  validationConstant: number
}

export interface GradientOutcome {
  /** Coefficients on the predictors' own scale. */
  beta: Float64Array
  iterations: number
  converged: boolean
  stoppedEarly: boolean
  bestIteration: number
  /** Learning rate at the end (halved whenever a step lowered the training log-likelihood). */
  learningRate: number
  trace: TracePoint[]
}

/**
 * Full-batch gradient ascent on the mean log-likelihood of the training part, in standardized
 * coordinates (predictors centred and scaled to unit sd on the training part) so one learning rate suits
 * any units; the coefficients are mapped back at the end. Linear regression ascends the profile
 * likelihood: the step is sigma^2 times the mean-log-likelihood gradient (= the mean-squared-error
 * gradient), sigma at its MLE given the coefficients. A step that lowers the training log-likelihood is
 * undone and the learning rate halved.
 */
export async function gradientAscent(
  model: GradientModel,
  train: Design,
  validation: Design | null,
  start: Float64Array,
  options: GradientOptions,
  reporter: RegressionReporter | null,
): Promise<GradientOutcome> {
  const { p, names, intercept } = train
  const center = new Float64Array(p)
  const scale = new Float64Array(p).fill(1)
  standardization(train, center, scale)
  const zt = standardize(train, center, scale)
  const zv = validation ? standardize(validation, center, scale) : null
  // theta (standardized) from beta: theta_j = beta_j * s_j, intercept absorbs the centring.
  const theta = new Float64Array(p)
  for (let j = 0; j < p; j++) theta[j] = start[j] * scale[j]
  if (intercept) for (let j = 1; j < p; j++) theta[0] += start[j] * center[j]
  const previous = new Float64Array(p)
  const grad = new Float64Array(p)
  const prevGrad = new Float64Array(p)
  const scratch = new Float64Array(p)
  const beta = new Float64Array(p)
  const trace: TracePoint[] = []
  let lr = options.learningRate
  let prevLl = -Infinity
  const watch = new EarlyStopping(options.patience)
  let converged = false
  let stoppedEarly = false
  let iteration = 0
  while (iteration <= options.maxIterations) {
    if (reporter) await reporter.checkpoint()
    const trainLl = meanLogLik(model, zt, theta, grad, NaN) + options.trainConstant / zt.n
    if (!(trainLl >= prevLl) && iteration > 0 && lr > options.learningRate * 1e-12) {
      // Overshot: go back and take half the step.
      lr /= 2
      for (let j = 0; j < p; j++) theta[j] = previous[j] + lr * prevGrad[j]
      continue
    }
    const sigma2 = model === 'linear' ? Math.exp(-2 * trainLl - 1) / (2 * Math.PI) : NaN
    const validLl = zv
      ? meanLogLik(model, zv, theta, scratch, sigma2) + options.validationConstant / zv.n
      : null
    toBeta(theta, center, scale, intercept, beta)
    const tp: TracePoint = {
      iteration,
      logLikelihood: trainLl,
      validationLogLikelihood: validLl,
      params: Object.fromEntries(names.map((name, j) => [name, beta[j]])),
    }
    trace.push(tp)
    reporter?.trace(tp, iteration / options.maxIterations, epochMessage(iteration, trainLl))
    if (validLl !== null && !watch.improved(iteration, validLl) && watch.exhausted(iteration)) {
      stoppedEarly = true
      break
    }
    if (iteration > 0 && trainLl - prevLl <= options.tolerance * Math.abs(trainLl)) {
      converged = true
      break
    }
    if (iteration === options.maxIterations) break
    prevLl = trainLl
    previous.set(theta)
    prevGrad.set(grad)
    for (let j = 0; j < p; j++) theta[j] += lr * grad[j]
    iteration++
  }
  toBeta(theta, center, scale, intercept, beta)
  const bestIteration = validation === null ? iteration : watch.bestIteration
  return { beta, iterations: iteration, converged, stoppedEarly, bestIteration, learningRate: lr, trace }
}

const epochMessage = (iteration: number, trainLl: number) =>
  `epoch ${iteration}, training mean log-likelihood ${trainLl.toPrecision(8)}`

// Mean log-likelihood at theta on a standardized design; writes the mean ascent direction into `grad`
// (a scratch buffer when only the value is wanted). Linear: profile over sigma on the training part
// (sigma2 = NaN), or sigma fixed at the training value on validation.
function meanLogLik(
  model: GradientModel,
  z: Design,
  theta: Float64Array,
  grad: Float64Array,
  sigma2: number,
): number {
  const { n, p } = z
  if (model !== 'linear') {
    const ll = glmPass(model, z, theta, grad, null)
    for (let j = 0; j < p; j++) grad[j] /= n
    return ll / n
  }
  const mse = residualKernel(p, z.intercept)(z.columns, z.y, n, theta, grad) / n
  for (let j = 0; j < p; j++) grad[j] /= n
  if (Number.isNaN(sigma2)) return -0.5 * (Math.log(2 * Math.PI * mse) + 1)
  return -0.5 * Math.log(2 * Math.PI * sigma2) - mse / (2 * sigma2)
}

function standardization(d: Design, center: Float64Array, scale: Float64Array): void {
  const { n, intercept } = d
  const first = intercept ? 1 : 0
  d.columns.forEach((x, k) => {
    let m = 0
    for (let i = 0; i < n; i++) m += x[i]
    m = intercept ? m / n : 0
    let s = 0
    for (let i = 0; i < n; i++) s += (x[i] - m) ** 2
    center[first + k] = m
    s = Math.sqrt(s / n)
    scale[first + k] = s > 0 ? s : 1
  })
}

/** A standardized copy of the design (the intercept, centre 0 and scale 1, stays the implicit ones). */
function standardize(d: Design, center: Float64Array, scale: Float64Array): Design {
  const first = d.intercept ? 1 : 0
  const columns = d.columns.map((x, k) => x.map((v) => (v - center[first + k]) / scale[first + k]))
  return { ...d, columns }
}

function toBeta(
  theta: Float64Array,
  center: Float64Array,
  scale: Float64Array,
  intercept: boolean,
  beta: Float64Array,
): void {
  for (let j = 0; j < theta.length; j++) beta[j] = theta[j] / scale[j]
  if (intercept) for (let j = 1; j < theta.length; j++) beta[0] -= beta[j] * center[j]
}
