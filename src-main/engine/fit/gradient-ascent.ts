import type { FitOptions, GradientReport } from '../../../src-shared/contract'
import type { Distribution, FamilyContext, Params } from '../distributions/types'
import { FitError } from '../errors'
import { seededPermutation } from '../random/seeded-uniform'
import type { FitControl } from './fit-control'
import { genericEpochKernel, normalEpochKernel, type EpochKernel } from './gradient-kernels'
import { LikelihoodModel } from './likelihood-model'
import { fromUnconstrained } from './reparametrize'
import type { OptimizeResult } from './optimizer-types'
import type { TraceRecorder } from './trace-recorder'

/** Gradient-ascent settings with every default filled in (see FitOptions). */
export interface GradientSettings {
  learningRate: number
  maxIterations: number
  tolerance: number
  patience: number
  validationFraction: number
  seed: number
}

/** FitOptions defaults for `gradient`: learning rate 0.1, 10,000 epochs, tolerance 1e-12, patience 100, 20% validation, seed 42. */
export function gradientSettings(options: FitOptions = {}): GradientSettings {
  return {
    learningRate: options.learningRate ?? 0.1,
    maxIterations: options.maxIterations ?? 10_000,
    tolerance: options.tolerance ?? 1e-12,
    patience: options.patience ?? 100,
    validationFraction: options.validationFraction ?? 0.2,
    seed: options.seed ?? 42,
  }
}

/**
 * The seeded train/validation split: validation = the last round(n f) positions of a Fisher-Yates
 * shuffle (mt19937, seed), which are final after round(n f) swaps, so only that many draws are needed;
 * training = the remaining values.
 */
export function splitTrainValidation(
  data: Float64Array,
  fraction: number,
  seed: number,
): { train: Float64Array; validation: Float64Array } {
  const n = data.length
  const nValidation = Math.round(n * fraction)
  const nTrain = n - nValidation
  const order = seededPermutation(n, seed, nValidation)
  const validation = new Float64Array(nValidation)
  const train = new Float64Array(nTrain)
  for (let i = 0; i < nTrain; i++) train[i] = data[order[i]]
  for (let i = nTrain; i < n; i++) validation[i - nTrain] = data[order[i]]
  return { train, validation }
}

/** The epoch kernel for a family: O(1) sufficient statistics for the normal, a fused pass otherwise. */
export function epochKernel(
  dist: Distribution,
  train: Float64Array,
  validation: Float64Array,
  ctx: FamilyContext,
  fixed: Params,
): EpochKernel {
  if (dist.id === 'normal') return normalEpochKernel(train, validation, fixed)
  return genericEpochKernel(dist, train, validation, ctx, fixed)
}

/** Where gradient ascent ended, with the split and early-stopping facts for the GradientReport. */
export interface GradientOutcome extends OptimizeResult {
  report: Omit<GradientReport, 'gapLogLikelihood' | 'gapParams'>
  /** The (sorted) training part, for the exact-optimum comparison. */
  train: Float64Array
}

/** How often (epochs) the loop checks whether to yield to the event loop. */
const CHECK_EVERY = 64

/**
 * Gradient ascent on the mean training log-likelihood over the free parameters on their unconstrained
 * scale (log for positive, logit for unit-interval), theta += learningRate * gradient each epoch. Records
 * training and validation mean log-likelihood every epoch; with patience > 0 stops after `patience` epochs
 * without a better validation value and restores the best-validation parameters; stops when the training
 * value changes by less than tolerance (relative; 0 = never).
 */
export async function gradientAscent(
  dist: Distribution,
  sorted: Float64Array,
  ctx: FamilyContext,
  fixed: Params,
  start: Params,
  settings: GradientSettings,
  control: FitControl,
  recorder: TraceRecorder | null,
): Promise<GradientOutcome> {
  const { learningRate, maxIterations, tolerance, patience, validationFraction, seed } = settings
  if (!(learningRate > 0))
    throw new FitError(`The learning rate must be a positive number (got ${learningRate}).`)
  if (!(validationFraction >= 0 && validationFraction < 1)) {
    throw new FitError(`The validation fraction must be at least 0 and below 1 (got ${validationFraction}).`)
  }
  const { train, validation } = splitTrainValidation(sorted, validationFraction, seed)
  if (train.length < 2) {
    throw new FitError(
      `Gradient ascent needs at least 2 training values; ${sorted.length} values with validation fraction ${validationFraction} leave ${train.length}.`,
    )
  }
  // Families' whole-sample hooks expect sorted arrays; the normal's O(1) kernel does not need it.
  if (dist.id !== 'normal') {
    train.sort()
    validation.sort()
  }
  const model = new LikelihoodModel(dist, sorted, ctx, fixed)
  const kernel = epochKernel(dist, train, validation, ctx, fixed)
  const k = model.free.length
  const theta = Float64Array.from(model.thetaFromParams(start))
  const grad = new Float64Array(k)
  const best = theta.slice()
  const own = new Float64Array(k)
  const domains = model.free.map((i) => model.domains[i])
  // Own-scale values straight from theta: no parameter objects per epoch (10,000 epochs stay cheap).
  const record = (epoch: number, trainLL: number, validLL: number) => {
    if (!recorder) return
    for (let j = 0; j < k; j++) own[j] = fromUnconstrained(domains[j], theta[j])
    recorder.add(epoch, trainLL, validLL, own)
  }
  let trainLL = kernel.train(theta, grad)
  let validLL = kernel.validation(theta)
  if (!Number.isFinite(trainLL)) {
    throw new FitError(`The starting values give the training data zero likelihood under ${dist.label}.`)
  }
  record(0, trainLL, validLL)
  const hasValidation = validation.length > 0
  let bestValid = validLL
  let bestEpoch = 0
  let epoch: number
  let stoppedEarly = false
  let converged = false
  let diverged = false
  for (epoch = 1; epoch <= maxIterations; epoch++) {
    if ((epoch & (CHECK_EVERY - 1)) === 0) await control.checkpoint()
    for (let j = 0; j < k; j++) theta[j] += learningRate * grad[j]
    const previous = trainLL
    trainLL = kernel.train(theta, grad)
    validLL = kernel.validation(theta)
    if (!Number.isFinite(trainLL) || !theta.every(Number.isFinite)) {
      diverged = true
      break
    }
    record(epoch, trainLL, validLL)
    if (hasValidation && validLL > bestValid) {
      bestValid = validLL
      bestEpoch = epoch
      best.set(theta)
    } else if (!hasValidation) {
      bestEpoch = epoch
      best.set(theta)
    }
    if (patience > 0 && hasValidation && epoch - bestEpoch >= patience) {
      stoppedEarly = true
      break
    }
    // tolerance 0 means run every epoch (W1: no early stop), even once the iterates stop moving.
    if (tolerance > 0 && Math.abs(trainLL - previous) <= tolerance * Math.max(1, Math.abs(trainLL))) {
      converged = true
      break
    }
  }
  const iterations = Math.min(epoch, maxIterations)
  // Early stopping and divergence restore the best-validation parameters; otherwise keep the last iterate.
  if (stoppedEarly || diverged) theta.set(best)
  else bestEpoch = iterations
  const params = model.paramsFromTheta(theta)
  const logLikelihood = model.logLikelihood(params)
  const scaleNote = 'on the unconstrained scale (log for positive parameters, logit for probabilities)'
  let message: string
  if (diverged) {
    message = `Gradient ascent diverged at epoch ${epoch} (learning rate ${learningRate} is too large); restored epoch ${bestEpoch}. Lower the learning rate.`
  } else if (stoppedEarly) {
    message = `Gradient ascent ${scaleNote} stopped early at epoch ${iterations}: no better validation log-likelihood for ${patience} epochs; restored epoch ${bestEpoch}.`
  } else if (converged) {
    message = `Gradient ascent ${scaleNote} converged at epoch ${iterations} (training log-likelihood changed by less than ${tolerance} relative).`
  } else if (tolerance === 0) {
    message = `Gradient ascent ${scaleNote} ran all ${maxIterations} epochs, as asked (tolerance 0: no convergence test); the gap to the exact optimum says how close it came.`
  } else {
    message = `Gradient ascent ${scaleNote} ran all ${maxIterations} epochs without meeting the tolerance.`
  }
  return {
    params,
    logLikelihood,
    iterations,
    converged: (converged || stoppedEarly) && !diverged,
    message,
    train,
    report: {
      trainSize: train.length,
      validationSize: validation.length,
      bestIteration: bestEpoch,
      stoppedEarly,
    },
  }
}
