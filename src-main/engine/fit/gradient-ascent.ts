import type { FitOptions, GradientReport } from '../../../src-shared/contract'
import { GRADIENT_DEFAULTS } from '../../../src-shared/shapes/fit'
import type { TraceRecorder } from '../control/trace-recorder'
import type { WorkControl } from '../control/work-control'
import type { Distribution, EpochKernel, FamilyContext, Params } from '../distributions/types'
import { FitError } from '../errors'
import { LikelihoodModel } from '../likelihood/likelihood-model'
import { fromUnconstrained } from '../likelihood/reparametrize'
import { EarlyStopping } from '../optimize/early-stopping'
import type { OptimizeResult } from '../optimize/optimizer-types'
import { seededPermutation } from '../random/seeded-random'
import { Sample } from '../stats/sample'
import { likelihoodSample, type TiesMode } from '../stats/tied-sample'
import { genericEpochKernel } from './gradient-kernels'

/** Gradient-ascent settings with every default filled in (see FitOptions). */
export interface GradientSettings {
  learningRate: number
  maxIterations: number
  tolerance: number
  patience: number
  validationFraction: number
  seed: number
  /** Tied values of each part after the split (see `trainingParts`; default `auto`). */
  ties?: TiesMode
}

/**
 * FitOptions defaults for `gradient` (`GRADIENT_DEFAULTS`: learning rate 0.1, 10,000 epochs, tolerance 1e-12,
 * patience 100, 20% validation), seed 42.
 */
export function gradientSettings(options: FitOptions = {}): GradientSettings {
  const d = GRADIENT_DEFAULTS
  return {
    learningRate: options.learningRate ?? d.learningRate,
    maxIterations: options.maxIterations ?? d.epochs,
    tolerance: options.tolerance ?? d.tolerance,
    patience: options.patience ?? d.patience,
    validationFraction: options.validationFraction ?? d.validationFraction,
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

/** Where gradient ascent ended, with the split and early-stopping facts for the GradientReport. */
export interface GradientOutcome extends OptimizeResult {
  report: Omit<GradientReport, 'gapLogLikelihood' | 'gapParams'>
  /** The training part, for the exact-optimum comparison. */
  train: Sample
}

/** How often (epochs) the loop checks whether to yield to the event loop. */
const CHECK_EVERY = 64

/**
 * Checks the settings and splits the sample. The family's own epoch kernel takes the parts as drawn; the
 * generic kernel goes through the whole-sample hooks, which expect sorted values.
 */
function trainingParts(dist: Distribution, sample: Sample, settings: GradientSettings) {
  const { learningRate, validationFraction, seed } = settings
  if (!(learningRate > 0))
    throw new FitError(`The learning rate must be a positive number (got ${learningRate}).`)
  if (!(validationFraction >= 0 && validationFraction < 1)) {
    throw new FitError(`The validation fraction must be at least 0 and below 1 (got ${validationFraction}).`)
  }
  const { train, validation } = splitTrainValidation(sample.values, validationFraction, seed)
  if (train.length < 2) {
    throw new FitError(
      `Gradient ascent needs at least 2 training values; ${sample.n} values with validation fraction ${validationFraction} leave ${train.length}.`,
    )
  }
  // Frequency weights travel with their values: the same seeded split of the weights keeps them paired.
  const weights = sample.weights ? splitTrainValidation(sample.weights, validationFraction, seed) : null
  const parts = {
    train: Sample.unsorted(train, weights?.train),
    validation: Sample.unsorted(validation, weights?.validation),
  }
  if (dist.epochKernel) return parts
  // The split draws rows; every epoch then sums over a whole part (full batch), so each part's tied values
  // can be summed once per distinct value with their counts: the same sums in fewer terms.
  const sorted = (part: Sample) =>
    likelihoodSample(Sample.sorted(part.sorted, part.sortedWeights), settings.ties)
  return { train: sorted(parts.train), validation: sorted(parts.validation) }
}

/** How the epochs ended. */
interface Ascent {
  iterations: number
  bestEpoch: number
  stoppedEarly: boolean
  converged: boolean
  /** The epoch at which the log-likelihood or theta stopped being finite, or 0. */
  divergedAt: number
}

/**
 * theta += learningRate * gradient each epoch, recording training and validation mean log-likelihood;
 * with patience > 0 stops after `patience` epochs without a better validation value and restores the
 * best-validation theta (also on divergence); stops when the training value changes by less than tolerance
 * (relative; 0 = never). `theta` ends as the returned estimate.
 */
async function ascend(
  dist: Distribution,
  kernel: EpochKernel,
  theta: Float64Array,
  hasValidation: boolean,
  settings: GradientSettings,
  control: WorkControl,
  record: (epoch: number, trainLL: number, validLL: number) => void,
): Promise<Ascent> {
  const { learningRate, maxIterations, tolerance, patience } = settings
  const grad = new Float64Array(theta.length)
  const best = theta.slice()
  let trainLL = kernel.train(theta, grad)
  let validLL = kernel.validation(theta)
  if (!Number.isFinite(trainLL)) {
    throw new FitError(`The starting values give the training data zero likelihood under ${dist.label}.`)
  }
  record(0, trainLL, validLL)
  const watch = new EarlyStopping(hasValidation ? patience : 0)
  watch.improved(0, validLL)
  let epoch: number
  let stoppedEarly = false
  let converged = false
  let divergedAt = 0
  for (epoch = 1; epoch <= maxIterations; epoch++) {
    if ((epoch & (CHECK_EVERY - 1)) === 0) await control.checkpoint()
    for (let j = 0; j < theta.length; j++) theta[j] += learningRate * grad[j]
    const previous = trainLL
    trainLL = kernel.train(theta, grad)
    validLL = kernel.validation(theta)
    if (!Number.isFinite(trainLL) || !theta.every(Number.isFinite)) {
      divergedAt = epoch
      break
    }
    record(epoch, trainLL, validLL)
    if (!hasValidation) watch.keep(epoch)
    if (!hasValidation || watch.improved(epoch, validLL)) best.set(theta)
    if (watch.exhausted(epoch)) {
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
  if (stoppedEarly || divergedAt > 0) theta.set(best)
  const bestEpoch = stoppedEarly || divergedAt > 0 ? watch.bestIteration : iterations
  return { iterations, bestEpoch, stoppedEarly, converged, divergedAt }
}

const SCALE_NOTE = 'on the unconstrained scale (log for positive parameters, logit for probabilities)'

/** Epoch counts as the results show them (10,000, not 10000). */
const epochs = (n: number) => n.toLocaleString('en-US')

/** The plain-words account of how the epochs ended. */
function ascentMessage(run: Ascent, settings: GradientSettings): string {
  const { learningRate, maxIterations, tolerance, patience } = settings
  if (run.divergedAt > 0) {
    return `Gradient ascent diverged at epoch ${epochs(run.divergedAt)} (learning rate ${learningRate} is too large); restored epoch ${epochs(run.bestEpoch)}. Lower the learning rate.`
  }
  if (run.stoppedEarly) {
    return `Gradient ascent ${SCALE_NOTE} stopped early at epoch ${epochs(run.iterations)}: no better validation log-likelihood for ${epochs(patience)} epochs; restored epoch ${epochs(run.bestEpoch)}.`
  }
  if (run.converged) {
    return `Gradient ascent ${SCALE_NOTE} converged at epoch ${epochs(run.iterations)} (training log-likelihood changed by less than ${tolerance} relative).`
  }
  if (tolerance === 0) {
    return `Gradient ascent ${SCALE_NOTE} ran all ${epochs(maxIterations)} epochs, as asked (tolerance 0: no convergence test); the gap to the exact optimum says how close it came.`
  }
  return `Gradient ascent ${SCALE_NOTE} ran all ${epochs(maxIterations)} epochs without meeting the tolerance.`
}

/**
 * Gradient ascent on the mean training log-likelihood over the free parameters on their unconstrained
 * scale (log for positive, logit for unit-interval), with the family's fused epoch kernel when it has one
 * (normal: O(1) per epoch) and one pass through its derivatives otherwise. See `ascend` for the rules.
 */
export async function gradientAscent(
  dist: Distribution,
  sample: Sample,
  ctx: FamilyContext,
  fixed: Params,
  start: Params,
  settings: GradientSettings,
  control: WorkControl,
  recorder: TraceRecorder | null,
): Promise<GradientOutcome> {
  const { train, validation } = trainingParts(dist, sample, settings)
  const model = new LikelihoodModel(dist, sample, ctx, fixed)
  const kernel =
    dist.epochKernel?.(train, validation, fixed) ?? genericEpochKernel(dist, train, validation, ctx, fixed)
  const theta = Float64Array.from(model.thetaFromParams(start))
  const own = new Float64Array(theta.length)
  const domains = model.free.map((i) => model.domains[i])
  // Own-scale values straight from theta: no parameter objects per epoch (10,000 epochs stay cheap).
  const record = (epoch: number, trainLL: number, validLL: number) => {
    if (!recorder) return
    for (let j = 0; j < theta.length; j++) own[j] = fromUnconstrained(domains[j], theta[j])
    recorder.add(epoch, trainLL, validLL, own)
  }
  const run = await ascend(dist, kernel, theta, validation.n > 0, settings, control, record)
  const params = model.paramsFromTheta(theta)
  return {
    params,
    logLikelihood: model.logLikelihood(params),
    iterations: run.iterations,
    converged: (run.converged || run.stoppedEarly) && run.divergedAt === 0,
    message: ascentMessage(run, settings),
    train,
    report: {
      trainSize: train.n,
      validationSize: validation.n,
      bestIteration: run.bestEpoch,
      stoppedEarly: run.stoppedEarly,
    },
  }
}
