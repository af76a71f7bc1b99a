import type { BinRule, FitMethod, FitOptions, FitResult, GradientReport } from '../../../src-shared/contract'
import type { Distribution, FamilyContext, Params } from '../distributions/types'
import { FitError, RequestError } from '../errors'
import { asymptoticGoodnessOfFit, bootstrapGoodnessOfFit, gofStatistics } from '../gof/goodness-of-fit'
import { fitHealth } from '../inference/fit-health'
import { informationCriteria } from '../inference/information-criteria'
import { adjustNonRegular } from '../inference/non-regular'
import { profileInterval } from '../inference/profile-likelihood'
import { observedInformation, waldInterval } from '../inference/standard-errors'
import { binCount, histogram, integerHistogram } from '../stats/histogram'
import { densityCurve } from './curves'
import { estimate, usable, type Estimate } from './estimate'
import { SILENT_CONTROL, type FitControl } from './fit-control'
import { gradientAscent, gradientSettings } from './gradient-ascent'
import { LikelihoodModel } from './likelihood-model'
import type { OptimizeSettings } from './optimizer-types'
import { needsTrials, supportProblem } from './support-check'
import { TraceRecorder } from './trace-recorder'

/** What one fit needs: the family, the column (sorted finite values and the row-order values), the request. */
export interface FitInput {
  dist: Distribution
  column: string
  /** Finite values sorted ascending. */
  sorted: Float64Array
  /** One value per data row (NaN where missing), for row numbers in messages; defaults to `sorted`. */
  rows?: Float64Array
  method?: FitMethod
  options?: FitOptions
  fixed?: Record<string, number>
  trials?: number
  bootstrap?: number
  bins?: BinRule
  /** Skip goodness of fit and profile intervals (bootstrap replicates, inner fits, benchmarks). */
  lean?: boolean
  /** Compute profile-likelihood intervals (default true; fit-all turns them off for large columns). */
  profiles?: boolean
}

/** Default iteration limit of Newton and L-BFGS, and their relative tolerance. */
const MAX_ITERATIONS = 500
const TOLERANCE = 1e-10
/** Profile intervals are computed for families with at most this many free parameters. */
const PROFILE_MAX_FREE = 2

/** Validated family context (binomial trials). */
export function familyContext(dist: Distribution, trials: number | undefined): FamilyContext {
  if (!needsTrials(dist)) return {}
  if (trials === undefined) {
    throw new FitError(`${dist.label} needs the number of trials: give trials (a whole number >= 1).`)
  }
  if (!Number.isInteger(trials) || trials < 1) {
    throw new FitError(`The number of trials must be a whole number >= 1 (got ${trials}).`)
  }
  return { trials }
}

/** Checks user-fixed parameters: known names, finite values inside each parameter's domain. */
export function validateFixed(
  dist: Distribution,
  fixed: Record<string, number> = {},
  role: 'Fixed' | 'Start' = 'Fixed',
): Params {
  const out: Params = {}
  for (const [name, value] of Object.entries(fixed)) {
    const spec = dist.params.find((p) => p.name === name)
    if (!spec) {
      throw new RequestError(
        `${dist.label} has no parameter "${name}" (its parameters: ${dist.params.map((p) => p.name).join(', ')}).`,
      )
    }
    const ok =
      Number.isFinite(value) &&
      (spec.domain === 'real' || (spec.domain === 'positive' ? value > 0 : value > 0 && value < 1))
    if (!ok) {
      const domain =
        spec.domain === 'positive'
          ? 'a number > 0'
          : spec.domain === 'unit-interval'
            ? 'a number between 0 and 1'
            : 'a finite number'
      throw new RequestError(`${role} ${name} must be ${domain} (got ${value}).`)
    }
    out[name] = value
  }
  return out
}

function describe(params: Params): string {
  return Object.entries(params)
    .map(([k, v]) => `${k} = ${v}`)
    .join(', ')
}

/** Plain message for data a family cannot fit finitely (constant columns, n = 1, degenerate optima). */
function degenerateMessage(
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
 * Fits a family by maximum likelihood (closed form, Newton, L-BFGS, auto or gradient ascent) and adds
 * inference (observed-information SEs, Wald and profile intervals, AIC/AICc/BIC), goodness of fit
 * (asymptotic or bootstrap p-values), a health check, and the chart series. Never drops data: values
 * outside the family's support are an error naming the first offending row.
 */
export async function fitDistribution(
  input: FitInput,
  control: FitControl = SILENT_CONTROL,
): Promise<FitResult> {
  const started = performance.now()
  const { dist, column, sorted } = input
  const n = sorted.length
  if (n === 0) throw new FitError(`Column "${column}" has no numeric values to fit.`)
  const ctx = familyContext(dist, input.trials)
  const problem = supportProblem(dist, input.rows ?? sorted, ctx, sorted)
  if (problem) throw new FitError(problem)
  const fixed = validateFixed(dist, input.fixed)
  const method = input.method ?? 'auto'
  const options = input.options ?? {}
  const model = new LikelihoodModel(dist, sorted, ctx, fixed)
  if (!dist.discrete && sorted[0] === sorted[n - 1] && model.free.length > 0) {
    throw new FitError(degenerateMessage(dist, column, sorted))
  }
  const moments = dist.startValues(sorted, ctx)
  const userStart = options.start ? validateFixed(dist, options.start, 'Start') : {}
  const start: Params = { ...moments, ...userStart, ...fixed }
  const startUsable = dist.params.every((p) => Number.isFinite(start[p.name]))
  const recorder = new TraceRecorder(dist.id, model.freeNames, control)
  const settings: OptimizeSettings = {
    maxIterations: options.maxIterations ?? MAX_ITERATIONS,
    tolerance: options.tolerance ?? TOLERANCE,
    control,
    recorder,
  }
  if (!(settings.maxIterations >= 1))
    throw new RequestError(`maxIterations must be at least 1 (got ${settings.maxIterations}).`)
  if (
    !startUsable &&
    method !== 'closed-form' &&
    !(method === 'auto' && dist.closedFormMle && model.free.length === model.names.length)
  ) {
    throw new FitError(degenerateMessage(dist, column, sorted))
  }

  let result: Estimate
  let gradient: GradientReport | null = null
  if (method === 'gradient') {
    const gs = gradientSettings(options)
    const outcome = await gradientAscent(dist, sorted, ctx, fixed, start, gs, control, recorder)
    // How far from the exact optimum of the same training part it ended.
    const trainModel = new LikelihoodModel(dist, outcome.train, ctx, fixed)
    const exact = await estimate(trainModel, start, 'auto', {
      maxIterations: MAX_ITERATIONS,
      tolerance: TOLERANCE,
      control,
      recorder: null,
    })
    const endTrain = trainModel.logLikelihood(outcome.params)
    const gapParams: Record<string, number> = {}
    for (const name of model.freeNames) gapParams[name] = exact.params[name] - outcome.params[name]
    gradient = {
      ...outcome.report,
      gapLogLikelihood: usable(exact) ? exact.logLikelihood - endTrain : NaN,
      gapParams,
    }
    result = { ...outcome, method: 'gradient' }
  } else {
    result = await estimate(model, start, method, settings)
  }
  if (!usable(result)) throw new FitError(degenerateMessage(dist, column, sorted, result.params))
  const freeNames = model.freeNames
  const params = result.params

  // Inference on the parameters' own scale.
  // An estimate exactly on the edge of its domain (poisson lambda = 0 for all-zero counts, geometric p = 1)
  // is the exact answer, but the likelihood has no derivatives there: no information, no intervals.
  const onEdge = freeNames.filter((name, j) => {
    const domain = model.domains[model.free[j]]
    const v = params[name]
    return (domain === 'positive' && v === 0) || (domain === 'unit-interval' && (v === 0 || v === 1))
  })
  const adjusted =
    onEdge.length > 0
      ? {
          info: {
            score: freeNames.map(() => 0),
            covariance: null,
            standardErrors: freeNames.map(() => null),
            positiveDefinite: false,
            hessian: null,
          },
          notes: onEdge.map(
            (name) =>
              `${name} = ${params[name]} lies on the edge of its domain (the data allow nothing else): the estimate is exact but has no standard error or interval.`,
          ),
        }
      : adjustNonRegular(dist.id, params, n, freeNames, observedInformation(model, params))
  const info = adjusted.info
  const profiles: ([number, number] | null)[] = []
  if (
    !input.lean &&
    input.profiles !== false &&
    // Profile intervals are defined around the maximum; a gradient-ascent end point is not it.
    method !== 'gradient' &&
    model.free.length <= PROFILE_MAX_FREE &&
    info.positiveDefinite &&
    n > model.free.length
  ) {
    control.flush()
    control.report({
      task: 'fit',
      fraction: null,
      message: `${dist.label}: profile-likelihood intervals`,
      dist: dist.id,
    })
    for (let j = 0; j < freeNames.length; j++) {
      profiles.push(
        await profileInterval(
          model,
          params,
          result.logLikelihood,
          freeNames[j],
          info.standardErrors[j],
          control,
        ),
      )
    }
  }
  const k = model.free.length
  const { aic, aicc, bic } = informationCriteria(result.logLikelihood, k, n)
  let goodnessOfFit = null
  await control.checkpoint()
  if (!input.lean) {
    const stats = gofStatistics(dist, sorted, params, ctx, k)
    const replicates = Math.floor(input.bootstrap ?? 0)
    if (replicates > 0) {
      const seed = options.seed ?? 42
      const refit = async (sample: Float64Array): Promise<Params | null> => {
        const m = new LikelihoodModel(dist, sample, ctx, fixed)
        const s = { ...dist.startValues(sample, ctx), ...fixed }
        try {
          const r = await estimate(m, s, 'auto', {
            maxIterations: MAX_ITERATIONS,
            tolerance: TOLERANCE,
            control,
            recorder: null,
          })
          return usable(r) ? r.params : null
        } catch (e) {
          if (e instanceof FitError) return null
          throw e
        }
      }
      goodnessOfFit = await bootstrapGoodnessOfFit(
        dist,
        sorted,
        params,
        ctx,
        k,
        stats,
        replicates,
        seed,
        refit,
        control,
      )
    } else {
      goodnessOfFit = asymptoticGoodnessOfFit(stats, n, dist.discrete)
    }
  }
  const health = fitHealth(model, params, info, result.converged, method === 'gradient')
  if (onEdge.length > 0) {
    // The generic "not positive definite" advice does not apply to an exact boundary answer.
    health.notes = health.notes.filter((note) => !note.startsWith('The information matrix'))
    health.atBound.push(...onEdge.filter((name) => !health.atBound.includes(name)))
  }
  health.notes.push(...adjusted.notes)
  // A parameter at the edge of its domain has no meaningful standard error.
  for (const name of health.atBound) {
    const j = freeNames.indexOf(name)
    if (j >= 0) info.standardErrors[j] = null
  }
  const freeIndex = (name: string) => freeNames.indexOf(name)
  const estimates = dist.params.map((p) => {
    const j = freeIndex(p.name)
    const se = j >= 0 ? info.standardErrors[j] : null
    const m = dist.startIsMoments ? moments[p.name] : undefined
    return {
      name: p.name,
      symbol: p.symbol,
      estimate: params[p.name],
      standardError: se,
      wald95: j >= 0 ? waldInterval(params[p.name], se) : null,
      profile95: j >= 0 ? (profiles[j] ?? null) : null,
      moments: m !== undefined && Number.isFinite(m) ? m : null,
      fixed: j < 0,
    }
  })
  const hist = dist.discrete
    ? (integerHistogram(sorted) ?? histogram(sorted, binCount(sorted, input.bins)))
    : histogram(sorted, binCount(sorted, input.bins))
  return {
    dist: dist.id,
    distLabel: dist.label,
    discrete: dist.discrete,
    column,
    params: Object.fromEntries(dist.params.map((p) => [p.name, params[p.name]])),
    estimates,
    covariance: info.covariance,
    n,
    logLikelihood: result.logLikelihood,
    aic,
    // AICc's penalty 2k(k+1)/(n-k-1) grows without bound as n falls to k + 1: Infinity below that.
    aicc: aicc ?? Infinity,
    bic,
    method: result.method,
    iterations: result.iterations,
    converged: result.converged,
    message: result.message,
    seconds: (performance.now() - started) / 1000,
    trace: method === 'closed-form' || result.method === 'closed-form' ? [] : recorder.toTrace(),
    gradient,
    startParams: start,
    goodnessOfFit,
    health,
    trials: ctx.trials ?? null,
    histogram: hist,
    density: densityCurve(dist, params, sorted, ctx),
    startDensity: startUsable ? densityCurve(dist, start, sorted, ctx) : { x: [], y: [] },
  }
}
