import type { FitResult, GoodnessOfFit, ParameterEstimate } from '../../../src-shared/contract'
import type { Inference } from '../inference/infer'
import { waldInterval } from '../inference/standard-errors'
import { columnHistogram } from '../stats/column-histogram'
import { densityCurve } from './curves'
import type { FitEstimate } from './estimate-stage'
import type { Params } from '../distributions/types'
import type { FitSetup } from './prepare'

/** One row per parameter: estimate, SE, Wald and profile intervals, moment estimate, fixed or not. */
function estimateTable(setup: FitSetup, estimate: FitEstimate, inference: Inference): ParameterEstimate[] {
  const { dist, model, moments } = setup
  const { params } = estimate
  const freeNames = model.freeNames
  return dist.params.map((p) => {
    const j = freeNames.indexOf(p.name)
    const se = j >= 0 ? inference.info.standardErrors[j] : (inference.derivedErrors[p.name] ?? null)
    const m = dist.startIsMoments ? moments[p.name] : undefined
    return {
      name: p.name,
      symbol: p.symbol,
      estimate: params[p.name],
      standardError: se,
      wald95: j >= 0 || p.derived ? waldInterval(params[p.name], se, p.domain) : null,
      ...profileOf(j >= 0 ? (inference.profiles[j] ?? null) : null),
      moments: m !== undefined && Number.isFinite(m) ? m : null,
      fixed: j < 0 && !p.derived,
    }
  })
}

/** A profile interval with both ends as `profile95`; one open end (a flat profile) as `profileOneSided`. */
function profileOf(ends: [number | null, number | null] | null) {
  if (ends && ends[0] !== null && ends[1] !== null)
    return { profile95: [ends[0], ends[1]] as [number, number] }
  return ends ? { profile95: null, profileOneSided: ends } : { profile95: null }
}

/** The family's weighted parts (a mixture's components) on the density's x grid. */
function densityParts(dist: FitSetup['dist'], params: Params, x: number[]) {
  const parts = dist.densityParts?.(params)
  if (!parts || parts.length < 2) return {}
  return { densityParts: parts.map((p) => ({ label: p.label, y: x.map(p.density) })) }
}

/**
 * The present stage: the FitResult the renderer, the CLI and sessions show, with the chart series (the
 * column's histogram, the fitted and the starting density, the optimizer's trace).
 */
export function present(
  setup: FitSetup,
  estimate: FitEstimate,
  inference: Inference,
  goodnessOfFit: GoodnessOfFit | null,
  started: number,
): FitResult {
  const { dist, input, ctx, sample, start, method } = setup
  const { params } = estimate
  const sorted = input.sorted
  const density = densityCurve(dist, params, sorted, ctx)
  return {
    dist: dist.id,
    distLabel: dist.label,
    discrete: dist.discrete,
    column: input.column,
    params: Object.fromEntries(dist.params.map((p) => [p.name, params[p.name]])),
    estimates: estimateTable(setup, estimate, inference),
    covariance: inference.info.covariance,
    n: sample.n,
    logLikelihood: estimate.logLikelihood,
    aic: inference.aic,
    // AICc's penalty 2k(k+1)/(n-k-1) grows without bound as n falls to k + 1: Infinity below that.
    aicc: inference.aicc ?? Infinity,
    bic: inference.bic,
    method: estimate.method,
    ...(estimate.methodDetail ? { methodDetail: estimate.methodDetail } : {}),
    iterations: estimate.iterations,
    converged: estimate.converged,
    message: estimate.message,
    seconds: (performance.now() - started) / 1000,
    trace: method === 'closed-form' || estimate.method === 'closed-form' ? [] : setup.recorder.toTrace(),
    gradient: estimate.gradient,
    ...(estimate.spacingsObjective === undefined
      ? {}
      : { spacings: { objective: estimate.spacingsObjective } }),
    startParams: start,
    goodnessOfFit,
    health: inference.health,
    trials: ctx.trials ?? null,
    ...(ctx.threshold === undefined ? {} : { threshold: ctx.threshold }),
    ...(dist.components ? { components: dist.components.count } : {}),
    ...densityParts(dist, params, density.x),
    histogram: columnHistogram(sorted, dist.discrete, input.bins, input.sortedWeights),
    density,
    cdf: density.x.map((x) => dist.cdf(x, params, ctx)),
    startDensity: setup.startUsable ? densityCurve(dist, start, sorted, ctx) : { x: [], y: [] },
    ...(input.weightsInfo ? { weights: input.weightsInfo } : {}),
    ...(input.exclusions ? { exclusions: input.exclusions } : {}),
  }
}
