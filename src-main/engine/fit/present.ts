import type { FitResult, GoodnessOfFit, ParameterEstimate } from '../../../src-shared/contract'
import type { Inference } from '../inference/infer'
import { waldInterval } from '../inference/standard-errors'
import { columnHistogram } from '../stats/column-histogram'
import { densityCurve } from './curves'
import type { FitEstimate } from './estimate-stage'
import type { FitSetup } from './prepare'

/** One row per parameter: estimate, SE, Wald and profile intervals, moment estimate, fixed or not. */
function estimateTable(setup: FitSetup, estimate: FitEstimate, inference: Inference): ParameterEstimate[] {
  const { dist, model, moments } = setup
  const { params } = estimate
  const freeNames = model.freeNames
  return dist.params.map((p) => {
    const j = freeNames.indexOf(p.name)
    const se = j >= 0 ? inference.info.standardErrors[j] : null
    const m = dist.startIsMoments ? moments[p.name] : undefined
    return {
      name: p.name,
      symbol: p.symbol,
      estimate: params[p.name],
      standardError: se,
      wald95: j >= 0 ? waldInterval(params[p.name], se, p.domain) : null,
      profile95: j >= 0 ? (inference.profiles[j] ?? null) : null,
      moments: m !== undefined && Number.isFinite(m) ? m : null,
      fixed: j < 0,
    }
  })
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
    iterations: estimate.iterations,
    converged: estimate.converged,
    message: estimate.message,
    seconds: (performance.now() - started) / 1000,
    trace: method === 'closed-form' || estimate.method === 'closed-form' ? [] : setup.recorder.toTrace(),
    gradient: estimate.gradient,
    startParams: start,
    goodnessOfFit,
    health: inference.health,
    trials: ctx.trials ?? null,
    ...(ctx.threshold === undefined ? {} : { threshold: ctx.threshold }),
    histogram: columnHistogram(sorted, dist.discrete, input.bins, input.sortedWeights),
    density: densityCurve(dist, params, sorted, ctx),
    startDensity: setup.startUsable ? densityCurve(dist, start, sorted, ctx) : { x: [], y: [] },
    ...(input.weightsInfo ? { weights: input.weightsInfo } : {}),
    ...(input.exclusions ? { exclusions: input.exclusions } : {}),
  }
}
