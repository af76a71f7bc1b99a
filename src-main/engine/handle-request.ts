import type { EngineMessage, EngineRequest, EngineResults, Progress } from '../../src-shared/contract'
import { toErrorInfo } from '../../src-shared/errors'
import { censoringProblem } from './censoring/censored-likelihood'
import { censoredDiagnostics } from './censoring/nonparametric'
import { bootstrapCi } from './bootstrap/bootstrap-ci'
import { describeDistributions, distributions } from './distributions/registry'
import { EngineState, family } from './engine-state'
import { RequestError } from './errors'
import { diagnostics, evaluate, likelihoodGrid } from './fit/explorer'
import { fitAll } from './fit/fit-all'
import { createWorkControl, type ControlOptions } from './control/work-control'
import { fitDistribution } from './fit/fit-distribution'
import { groupFitInput } from './groups/group-request'
import { fitGroups } from './groups/fit-groups'
import { thresholdChoice } from './fit/threshold-choice'
import { importFile } from './import/import-file'
import { percentileTable, withProfileIntervals } from './inference/percentiles'
import { withBootstrapIntervals } from './bootstrap/percentile-bootstrap'
import { fitRegression } from './regression/fit-regression'
import { regressionGrid } from './regression/regression-grid'
import { columnHistogram } from './stats/column-histogram'
import { logHistogram } from './stats/histogram'
import { sampleOf } from './stats/sample'
import { summarize } from './stats/summary'

/** A request that does work (cancel and ping are answered by the handler itself). */
type WorkRequest = Exclude<EngineRequest, { kind: 'cancel' | 'ping' }>
type Watch = Required<ControlOptions>

/** Sends one engine message (progress, result or error) back over the transport. */
export type Emit = (message: EngineMessage) => void

/**
 * The engine without its transport: takes a request, emits progress and exactly one result or error for
 * it. One instance holds one dataset; `entry.ts` wires it to a utility/child process port, tests call it
 * directly.
 */
export function createRequestHandler() {
  const state = new EngineState()
  const cancelled = new Set<number>()

  return async function handleRequest(request: EngineRequest, emit: Emit): Promise<void> {
    // Both answered at once, between two steps of whatever else runs (long work yields regularly).
    if (request.kind === 'cancel') {
      cancelled.add(request.target)
      return
    }
    if (request.kind === 'ping') {
      emit({ kind: 'pong', id: request.id })
      return
    }
    try {
      const value = await run(request, state, {
        isCancelled: () => cancelled.has(request.id),
        onProgress: (progress: Progress) => emit({ kind: 'progress', id: request.id, progress }),
      })
      emit({ kind: 'result', id: request.id, value })
    } catch (e) {
      emit({ kind: 'error', id: request.id, error: toErrorInfo(e) })
    } finally {
      cancelled.delete(request.id)
    }
  }
}

/** Does one request's work and returns its value (the caller emits it); throws for an error. */
async function run(request: WorkRequest, state: EngineState, watch: Watch) {
  const control = createWorkControl(watch)
  switch (request.kind) {
    case 'import': {
      const next = await importFile(request.path, {
        fileName: request.fileName,
        settings: request.settings,
        ...watch,
      })
      state.open(next)
      return next.info satisfies EngineResults['import']
    }
    case 'summary': {
      const { column: name } = request.request
      return summarize(name, state.sortedValues(state.column(name))) satisfies EngineResults['summary']
    }
    case 'fit': {
      const { request: fit } = request
      return (await fitDistribution(
        {
          ...fit,
          dist: family(fit.dist),
          ...state.fitData(fit.column, fit.weights, fit.range, fit.exclude),
          ...state.censoring(fit),
        },
        control,
      )) satisfies EngineResults['fit']
    }
    case 'bootstrap-ci': {
      const { fit, ...options } = request.request
      const data = state.fitData(fit.column, fit.weights, fit.range)
      const { result } = await bootstrapCi({ ...fit, dist: family(fit.dist), ...data }, options, control)
      return result satisfies EngineResults['bootstrap-ci']
    }
    case 'fit-all': {
      const { request: all } = request
      all.only?.forEach(family) // an unknown id is a RequestError naming the known ones
      return (await fitAll(
        {
          ...all,
          // A family the user chose is fitted even when Fit all would leave it out unless asked.
          include: [...(all.include ?? []), ...(all.only ?? [])],
          families: all.only ? distributions.filter((d) => all.only!.includes(d.id)) : distributions,
          ...state.fitData(all.column, all.weights, all.range, all.exclude),
          ...state.censoring(all),
        },
        control,
      )) satisfies EngineResults['fit-all']
    }
    case 'fit-groups':
      if (request.request.censoring)
        throw new RequestError(
          'Group fits (By) do not take censored data yet: clear the censoring or the By column.',
        )
      return (await fitGroups(
        groupFitInput(request.request, state, family),
        control,
      )) satisfies EngineResults['fit-groups']
    case 'diagnostics': {
      const chart = request.request
      if (chart.censoring) {
        const { base, data, ctx, params } = state.censoredChartInput({ ...chart, censoring: chart.censoring })
        return censoredDiagnostics(base, data, params, ctx) satisfies EngineResults['diagnostics']
      }
      const { dist, sorted, weights, ctx, params } = state.chartInput(request.request)
      return diagnostics(dist, sorted, params, ctx, weights) satisfies EngineResults['diagnostics']
    }
    case 'histogram': {
      if (request.request.censoring) return state.censoredHistogram(request.request)
      const { dist, sorted, weights } = state.chartInput(request.request)
      if (request.request.spacing === 'log' && !dist.discrete) {
        const bins = logHistogram(sorted, request.request.bins, weights)
        if (!bins) throw new RequestError('Log-spaced bins need values > 0: this data has a value <= 0.')
        return bins satisfies EngineResults['histogram']
      }
      return columnHistogram(
        sorted,
        dist.discrete,
        request.request.bins,
        weights,
      ) satisfies EngineResults['histogram']
    }
    case 'likelihood-grid': {
      const { dist, sorted, weights, ctx } = state.anyChartInput(request.request)
      return likelihoodGrid(
        dist,
        sorted,
        request.request,
        ctx,
        weights,
      ) satisfies EngineResults['likelihood-grid']
    }
    case 'evaluate': {
      const { dist, sorted, weights, ctx, params } = state.anyChartInput(request.request)
      return evaluate(dist, sorted, params, ctx, weights) satisfies EngineResults['evaluate']
    }
    case 'threshold-choice': {
      const { request: choice } = request
      const data = state.fitData(choice.column, choice.weights, choice.range)
      return (await thresholdChoice(
        { column: choice.column, dist: family(choice.dist), candidates: choice.candidates, ...data },
        control,
      )) satisfies EngineResults['threshold-choice']
    }
    case 'percentiles': {
      const { covariance, free, probabilities, exceed, bootstrap, profiles } = request.request
      // A censored fit's family carries the censored likelihood: the profile maximizes what the fit did.
      const { dist, ctx, params, sorted, weights } = state.anyChartInput(request.request)
      const input = { dist, params, ctx, covariance, free, sample: sampleOf(sorted, weights) }
      const delta = percentileTable(input, probabilities, exceed)
      const table = profiles === false ? delta : await withProfileIntervals(delta, input, control)
      return (
        bootstrap ? withBootstrapIntervals(table, { dist, params, ctx }, bootstrap) : table
      ) satisfies EngineResults['percentiles']
    }
    case 'regress':
      return (await fitRegression(state.dataset, request.request, watch)) satisfies EngineResults['regress']
    case 'regression-grid':
      return regressionGrid(state.dataset, request.request) satisfies EngineResults['regression-grid']
    case 'distributions':
      return describeDistributions().map((info, i) => {
        const problem = censoringProblem(distributions[i])
        return problem ? { ...info, censoredProblem: problem } : info
      }) satisfies EngineResults['distributions']
  }
}
