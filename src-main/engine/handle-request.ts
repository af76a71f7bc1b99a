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
import { createWorkControl, type ControlOptions, type WorkControl } from './control/work-control'
import { createImportHold } from './control/import-hold'
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
import { likelihoodSample } from './stats/tied-sample'

/** A request that does work (cancel and ping are answered by the handler itself). */
type WorkRequest = Exclude<EngineRequest, { kind: 'cancel' | 'ping' }>
type Watch = Required<ControlOptions>

/** Sends one engine message (progress, result or error) back over the transport. */
export type Emit = (message: EngineMessage) => void

/** How an engine instance answers (the app's engine: the defaults). */
export interface HandlerOptions {
  /**
   * false: an import's answer leaves out its first numeric column's summary (`firstSummary`, what the app
   * shows of an opened file at once; ~25 ms per million values). The CLI, which never shows it.
   */
  firstSummary?: boolean
}

/**
 * The engine without its transport: takes a request, emits progress and exactly one result or error for
 * it. One instance holds one dataset; `entry.ts` wires it to a utility/child process port, tests call it
 * directly.
 */
export function createRequestHandler({ firstSummary = true }: HandlerOptions = {}) {
  const state = new EngineState()
  const cancelled = new Set<number>()
  /** Requests being worked on: a cancel of one that has ended is dropped. */
  const live = new Set<number>()
  const hold = createImportHold()

  return async function handleRequest(request: EngineRequest, emit: Emit): Promise<void> {
    // Both answered at once, between two steps of whatever else runs (long work yields regularly).
    if (request.kind === 'cancel') {
      if (live.has(request.target)) cancelled.add(request.target)
      hold.release(request.target)
      return
    }
    if (request.kind === 'ping') {
      emit({ kind: 'pong', id: request.id })
      return
    }
    const isCancelled = () => cancelled.has(request.id)
    live.add(request.id)
    const endImport = request.kind === 'import' ? hold.begin() : null
    let stops: number[] = []
    try {
      const value = await run(
        request,
        state,
        {
          isCancelled,
          onProgress: (progress: Progress) => emit({ kind: 'progress', id: request.id, progress }),
          // An import does not wait for imports (one beside a restart's re-import).
          held: () => (endImport ? null : hold.wait(request.id, isCancelled)),
        },
        firstSummary,
      )
      if (request.kind === 'import') stops = (request.stops ?? []).filter((id) => live.has(id))
      emit({ kind: 'result', id: request.id, value })
      // The fits' sorted copy of the column an open selects is made once its answer is out (see presortFirst).
      if (request.kind === 'import') setImmediate(() => state.presortFirst())
    } catch (e) {
      emit({ kind: 'error', id: request.id, error: toErrorInfo(e) })
    } finally {
      endImport?.(stops)
      live.delete(request.id)
      cancelled.delete(request.id)
      hold.release(request.id)
    }
  }
}

/** What a request's handler works with: the dataset, and how it reports progress and hears a cancel. */
interface Work {
  state: EngineState
  watch: Watch
  /** Progress (coalesced) and `checkpoint()`, which yields and throws CancelledError on cancel. */
  control: WorkControl
  /** Whether an import answers with its first numeric column's summary (HandlerOptions). */
  firstSummary: boolean
}

type AnyResult = EngineResults[WorkRequest['kind']]
/** The request of one kind, and the handler that answers it with that kind's result. */
type RequestOf<K extends WorkRequest['kind']> = Extract<WorkRequest, { kind: K }>
type Handlers = {
  [K in WorkRequest['kind']]: (
    request: RequestOf<K>,
    work: Work,
  ) => Promise<EngineResults[K]> | EngineResults[K]
}

/** Does one request's work and returns its value (the caller emits it); throws for an error. */
async function run(
  request: WorkRequest,
  state: EngineState,
  watch: Watch,
  firstSummary: boolean,
): Promise<AnyResult> {
  // The table is keyed by kind, so HANDLERS[request.kind] takes this request (TypeScript cannot see that).
  const handler = HANDLERS[request.kind] as (r: WorkRequest, work: Work) => Promise<AnyResult> | AnyResult
  return await handler(request, { state, watch, control: createWorkControl(watch), firstSummary })
}

/** One handler per request kind (a new engine call is an entry here plus its STUDIO_CALLS entry). */
const HANDLERS: Handlers = {
  import: async (request, { state, watch, firstSummary }) => {
    const next = await importFile(request.path, {
      fileName: request.fileName,
      settings: request.settings,
      arriving: request.arriving,
      ...watch,
    })
    state.open(next)
    return { ...next.info, ...(firstSummary ? state.firstSummary() : {}) }
  },
  summary: ({ request }, { state }) => state.summary(request.column),
  fit: ({ request: fit }, { state, control }) =>
    fitDistribution(
      {
        ...fit,
        dist: family(fit.dist),
        ...state.fitData(fit.column, fit.weights, fit.range, fit.exclude),
        ...state.censoring(fit),
      },
      control,
    ),
  'bootstrap-ci': async ({ request }, { state, control }) => {
    const { fit, ...options } = request
    const data = state.fitData(fit.column, fit.weights, fit.range)
    const { result } = await bootstrapCi({ ...fit, dist: family(fit.dist), ...data }, options, control)
    return result
  },
  'fit-all': ({ request: all }, { state, control }) => {
    all.only?.forEach(family) // an unknown id is a RequestError naming the known ones
    return fitAll(
      {
        ...all,
        // A family the user chose is fitted even when Fit all would leave it out unless asked.
        include: [...(all.include ?? []), ...(all.only ?? [])],
        families: all.only ? distributions.filter((d) => all.only!.includes(d.id)) : distributions,
        ...state.fitData(all.column, all.weights, all.range, all.exclude),
        ...state.censoring(all),
      },
      control,
    )
  },
  'fit-groups': ({ request }, { state, control }) => {
    if (request.censoring)
      throw new RequestError(
        'Group fits (By) do not take censored data yet: clear the censoring or the By column.',
      )
    return fitGroups(groupFitInput(request, state, family), control)
  },
  diagnostics: ({ request: chart }, { state }) => {
    if (chart.censoring) {
      const { base, data, ctx, params } = state.censoredChartInput({ ...chart, censoring: chart.censoring })
      return censoredDiagnostics(base, data, params, ctx)
    }
    const { dist, sorted, weights, ctx, params } = state.chartInput(chart)
    return diagnostics(dist, sorted, params, ctx, weights)
  },
  histogram: ({ request }, { state }) => {
    if (request.censoring) return state.censoredHistogram(request)
    const { dist, sorted, weights } = state.chartInput(request)
    if (request.spacing === 'log' && !dist.discrete) {
      const bins = logHistogram(sorted, request.bins, weights)
      if (!bins) throw new RequestError('Log-spaced bins need values > 0: this data has a value <= 0.')
      return bins
    }
    return columnHistogram(sorted, dist.discrete, request.bins, weights)
  },
  'likelihood-grid': ({ request }, { state }) => {
    const { dist, sorted, weights, ctx } = state.anyChartInput(request)
    return likelihoodGrid(dist, sorted, request, ctx, weights)
  },
  evaluate: ({ request }, { state }) => {
    const { dist, sorted, weights, ctx, params } = state.anyChartInput(request)
    return evaluate(dist, sorted, params, ctx, weights)
  },
  'threshold-choice': ({ request: choice }, { state, control }) => {
    const data = state.fitData(choice.column, choice.weights, choice.range)
    return thresholdChoice(
      { column: choice.column, dist: family(choice.dist), candidates: choice.candidates, ...data },
      control,
    )
  },
  percentiles: async ({ request }, { state, control }) => {
    const { covariance, free, probabilities, exceed, bootstrap, profiles } = request
    // A censored fit's family carries the censored likelihood: the profile maximizes what the fit did.
    const { dist, ctx, params, sorted, weights } = state.anyChartInput(request)
    // Tied values summed once per distinct value: profile intervals (and their `profileWork`) cost that much.
    const sample = likelihoodSample(sampleOf(sorted, weights))
    const input = { dist, params, ctx, covariance, free, sample }
    const delta = percentileTable(input, probabilities, exceed)
    const table = profiles === false ? delta : await withProfileIntervals(delta, input, control)
    return bootstrap ? withBootstrapIntervals(table, { dist, params, ctx }, bootstrap) : table
  },
  regress: ({ request }, { state, watch }) => fitRegression(state.dataset, request, watch),
  'regression-grid': ({ request }, { state }) => regressionGrid(state.dataset, request),
  distributions: () =>
    describeDistributions().map((info, i) => {
      const problem = censoringProblem(distributions[i])
      return problem ? { ...info, censoredProblem: problem } : info
    }),
}
