import type { Exclusion, FitMethod, FitRequest, WeightsInfo } from '../../../src-shared/contract'
import type { CensoredData } from '../censoring/censored-data'
import { TraceRecorder } from '../control/trace-recorder'
import type { WorkControl } from '../control/work-control'
import type { Distribution, FamilyContext, Params } from '../distributions/types'
import { FitError, RequestError } from '../errors'
import {
  familyContext,
  familyValues,
  familyWeights,
  resolveFamily,
  validateFixed,
} from '../likelihood/family-inputs'
import { LikelihoodModel } from '../likelihood/likelihood-model'
import { supportProblem } from '../likelihood/support-check'
import { MAX_ITERATIONS, TOLERANCE, type OptimizeSettings } from '../optimize/optimizer-types'
import { sampleOf, type Sample } from '../stats/sample'
import { likelihoodSample, type TiesMode } from '../stats/tied-sample'

/**
 * What one fit needs: the request with the family resolved, the column's sorted finite values and its
 * row-order values (for row numbers in messages; defaults to `sorted`), and two switches for inner fits.
 */
export interface FitInput extends Omit<FitRequest, 'dist'> {
  dist: Distribution
  /** Finite values sorted ascending. */
  sorted: Float64Array
  /** One value per data row (NaN where missing), for row numbers in messages; defaults to `sorted`. */
  rows?: Float64Array
  /** Frequency weights of `sorted` (positive, in its order), when the request names a weights column. */
  sortedWeights?: Float64Array
  /** What the result says about the weights (with `sortedWeights`). */
  weightsInfo?: WeightsInfo
  /** The exclusion rules that removed rows before `sorted` was taken, for the result. */
  exclusions?: Exclusion[]
  /** Censored observations (the request's `censoring`, read): the fit uses the censored likelihood. */
  censored?: CensoredData
  /** Skip goodness of fit and profile intervals (bootstrap replicates, inner fits, benchmarks). */
  lean?: boolean
  /** Compute profile-likelihood intervals (default true; fit-all turns them off for large columns). */
  profiles?: boolean
  /** Bootstrap threads (benchmarks); by default one per core for large bootstraps. */
  bootstrapWorkers?: number
  /** Tied values as weighted distinct values (default `auto`: when ties are many; tests force either way). */
  ties?: TiesMode
}

/** A checked fit request, ready for the estimate stage. */
export interface FitSetup {
  input: FitInput
  dist: Distribution
  /**
   * What the likelihood is summed over: the column's values, or (many ties) its distinct values weighted
   * by their counts, the same likelihood in fewer terms. `input.sorted` keeps the rows (histogram, support
   * messages).
   */
  sample: Sample
  ctx: FamilyContext
  fixed: Params
  /** The likelihood of the free parameters (the fixed ones held). */
  model: LikelihoodModel
  method: FitMethod
  /** The family's start values (its method-of-moments estimate when `startIsMoments`). */
  moments: Params
  /** Where optimizers start: moments, then the user's start values, then the fixed values. */
  start: Params
  startUsable: boolean
  settings: OptimizeSettings
  recorder: TraceRecorder
}

function describe(params: Params): string {
  return Object.entries(params)
    .map(([k, v]) => `${k} = ${v}`)
    .join(', ')
}

/** Plain message for data a family cannot fit finitely (constant columns, n = 1, degenerate optima). */
export function degenerateMessage(
  dist: Distribution,
  column: string,
  sorted: Float64Array,
  params?: Params,
): string {
  const n = sorted.length
  if (sorted[0] === sorted[n - 1]) {
    return `Column "${column}" is constant (every value is ${sorted[0]}${n === 1 ? ', n = 1' : ''}): ${dist.label} has no finite maximum-likelihood fit. Check the column, or fix a parameter.`
  }
  return `${dist.label} has no finite maximum-likelihood fit for column "${column}"${params ? ` (the optimizer reached ${describe(params)})` : ''}; try another family or fix a parameter.`
}

/**
 * Whether the family's closed form (every parameter free) gives a finite fit: a constant column has one
 * for some families (exponential rate = 1 / x, Rayleigh sigma = x / sqrt 2) and none for most.
 */
function finiteClosedForm(model: LikelihoodModel): boolean {
  const { dist, sample, ctx } = model
  if (!dist.closedFormMle || model.free.length !== model.names.length) return false
  const params = dist.closedFormMle(sample, ctx)
  return Object.values(params).every(Number.isFinite) && Number.isFinite(model.logLikelihood(params))
}

/** Whether the method can run without start values (the closed form estimates everything itself). */
function needsStart(dist: Distribution, method: FitMethod, model: LikelihoodModel): boolean {
  if (method === 'closed-form') return false
  return !(method === 'auto' && dist.closedFormMle && model.free.length === model.names.length)
}

/**
 * How the fit treats ties: gradient ascent keeps the rows here, since its seeded train/validation split
 * draws rows (on distinct values a value with a thousand copies would fall wholly on one side); it sums
 * each part's ties once the split is made (`trainingParts`). Every other method sums the same likelihood
 * either way.
 */
function tiesMode(asked: TiesMode | undefined, method: FitMethod): TiesMode {
  return method === 'gradient' ? 'rows' : (asked ?? 'auto')
}

/**
 * The first stage: checks the request against the data and the family (trials, support with the first
 * offending row, fixed and start values, iteration limit, data that allow no finite fit) and sets up the
 * likelihood, start values and optimizer settings. Throws FitError or RequestError saying what is wrong.
 */
export function prepareFit(request: FitInput, control: WorkControl): FitSetup {
  const { column } = request
  const dist = resolveFamily(request.dist, request.components)
  if (request.sorted.length === 0) throw new FitError(`Column "${column}" has no numeric values to fit.`)
  const ctx = familyContext(dist, request)
  // A threshold family sees only the exceedances (row numbers no longer apply to them).
  const used = familyValues(dist, request.sorted, ctx)
  const sortedWeights = familyWeights(request.sortedWeights, request.sorted, used)
  const input = {
    ...(used === request.sorted ? request : { ...request, sorted: used, sortedWeights, rows: undefined }),
    dist,
  }
  const sorted = input.sorted
  const n = sorted.length
  const problem = supportProblem(dist, input.rows ?? sorted, ctx, sorted)
  if (problem) throw new FitError(problem)
  const fixed = validateFixed(dist, input.fixed)
  const method = input.method ?? 'auto'
  const sample = likelihoodSample(sampleOf(sorted, input.sortedWeights), tiesMode(input.ties, method))
  const model = new LikelihoodModel(dist, sample, ctx, fixed)
  if (!dist.discrete && sorted[0] === sorted[n - 1] && model.free.length > 0 && !finiteClosedForm(model)) {
    throw new FitError(degenerateMessage(dist, column, sorted))
  }
  const options = input.options ?? {}
  const moments = dist.startValues(sample, ctx)
  const userStart = options.start ? validateFixed(dist, options.start, 'Start') : {}
  const start: Params = { ...moments, ...userStart, ...fixed }
  const startUsable = dist.params.every((p) => Number.isFinite(start[p.name]))
  const recorder = new TraceRecorder(dist, model.freeNames, control)
  const settings: OptimizeSettings = {
    maxIterations: options.maxIterations ?? MAX_ITERATIONS,
    tolerance: options.tolerance ?? TOLERANCE,
    control,
    recorder,
    userStart: Object.keys(userStart).length > 0,
  }
  if (!(settings.maxIterations >= 1))
    throw new RequestError(`maxIterations must be at least 1 (got ${settings.maxIterations}).`)
  if (!startUsable && needsStart(dist, method, model))
    throw new FitError(degenerateMessage(dist, column, sorted))
  return { input, dist, sample, ctx, fixed, model, method, moments, start, startUsable, settings, recorder }
}
