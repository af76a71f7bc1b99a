import { computed, ref, shallowRef, watch, type Ref } from 'vue'
import type {
  BinRule,
  FitAllRequest,
  FitAllResult,
  FitMethod,
  FitRequest,
  FitResult,
  RendererApi,
  TracePoint,
} from '../../../src-shared/contract'
import { GRADIENT_DEFAULTS } from '../../../src-shared/shapes/fit'
import { describeError } from '../errors'
import { cancelledFitNotice } from '../results/cancelled-fit'
import { chartRequest } from '../results/fit-request'
import { fitInputsChange } from '../results/fitted-with'
import { useBootstrapCi } from './use-bootstrap-ci'
import { ALWAYS_OPEN, dataReplacedNotice, type StillOpen } from './use-dataset'
import { useLiveTrace, type LiveTrace } from './use-live-trace'
import type { ModelSettings } from './use-model-settings'
import type { Status } from './use-status'

export interface UseFitsOptions {
  api: RendererApi
  status: Status
  settings: ModelSettings
  /** The chosen column: what every fit is of. */
  column: Ref<string | null>
  /** Whether the data a fit started on is still open when it ends (default: always; `Dataset.stillOpen`). */
  stillOpen?: StillOpen
  /** The live optimizer trace (default: a new one, scheduled by animation frames). */
  live?: LiveTrace
}

/**
 * The fits of the chosen column (at most one per family, the latest), the fit-all comparison, which fit
 * the charts show and which they overlay, and the live trace of the running fit. Each fit keeps the request
 * it was made with, so a view can tell results whose inputs no longer match the controls (`stale`).
 */
export function useFits(options: UseFitsOptions) {
  const store = useFitStore(options.live ?? useLiveTrace())
  const bootstrap = useBootstrapCi({ ...options, fits: store.fits, inputs: store.inputs })
  return { ...store, ...useFitRunner(options, store), ...bootstrap }
}

export type Fits = ReturnType<typeof useFits>
type FitStore = ReturnType<typeof useFitStore>

/** What a fit was made with: its own request, or the fit-all request it came out of. */
export type FitInputs = { all: false; request: FitRequest } | { all: true; request: FitAllRequest }

/** The fits kept, what each was made with, their full live traces; which is shown is `useShownFit`'s. */
function useFitStore(live: LiveTrace) {
  const fits = shallowRef<FitResult[]>([])
  const fitAll = shallowRef<FitAllResult | null>(null)
  const { active, overlays, fit, select, toggleOverlay } = useShownFit(fits)
  /** Full-resolution live traces of finished fits, by family (the result's own trace is down-sampled). */
  const liveTraces = shallowRef<Record<string, TracePoint[]>>({})
  /** What each fit was made with, by family; absent for results opened from a session. */
  const inputs = shallowRef<Record<string, FitInputs>>({})
  /** The live trace of a fit the user cancelled: it stays on the convergence chart until the next fit. */
  const cancelledTrace = shallowRef<readonly TracePoint[]>([])
  /** True while a gradient-ascent fit of one family runs: the charts turn to its live convergence. */
  const gradientRunning = ref(false)
  /**
   * The epochs asked of the gradient-ascent fit whose trace is live, null for other work: its convergence
   * chart's iteration axes end there while the trace is live (work that follows the fit, such as profile
   * intervals, keeps it live), so no update moves them.
   */
  const liveEpochs = ref<number | null>(null)
  /** A fit's full trace: its live one when it streamed more points than the result keeps. */
  const traceOf = (f: FitResult): readonly TracePoint[] => liveTraces.value[f.dist] ?? f.trace

  function clear(): void {
    fits.value = []
    fitAll.value = null
    active.value = null
    overlays.value = []
    liveTraces.value = {}
    inputs.value = {}
    cancelledTrace.value = []
    liveEpochs.value = null
    live.reset()
  }

  /** Keeps `result` as its family's fit, with the request that made it and its full live trace. */
  function store(result: FitResult, request: FitRequest): void {
    fits.value = [...fits.value.filter((f) => f.dist !== result.dist), result]
    inputs.value = { ...inputs.value, [result.dist]: { all: false, request } }
    if (live.dist.value === result.dist && live.points.value.length > result.trace.length) {
      liveTraces.value = { ...liveTraces.value, [result.dist]: live.points.value }
    }
  }

  /**
   * Shows saved results (a session): the saved active family when it is among them, else the last; with
   * the inputs they were made with when the session kept them.
   */
  function restore(results: FitResult[], shown: unknown, made: Record<string, FitInputs> = {}): void {
    clear()
    fits.value = results
    const kept = new Set(results.map((f) => f.dist))
    inputs.value = Object.fromEntries(Object.entries(made).filter(([dist]) => kept.has(dist)))
    active.value =
      typeof shown === 'string' && results.some((f) => f.dist === shown)
        ? shown
        : (results[results.length - 1]?.dist ?? null)
  }

  return {
    fits,
    fitAll,
    active,
    overlays,
    liveTraces,
    inputs,
    cancelledTrace,
    gradientRunning,
    liveEpochs,
    fit,
    live,
    traceOf,
    clear,
    store,
    restore,
    select,
    toggleOverlay,
  }
}

/** Which fit the charts and results show, and which others' densities they draw over it. */
function useShownFit(fits: Ref<FitResult[]>) {
  /** Family whose fit the charts and the results table show. */
  const active = ref<string | null>(null)
  /** Families whose densities are drawn over the active fit's histogram. */
  const overlays = ref<string[]>([])
  const fit = computed(() => fits.value.find((f) => f.dist === active.value) ?? null)

  function select(dist: string): void {
    active.value = dist
  }

  function toggleOverlay(dist: string): void {
    overlays.value = overlays.value.includes(dist)
      ? overlays.value.filter((d) => d !== dist)
      : [...overlays.value, dist]
  }
  return { active, overlays, fit, select, toggleOverlay }
}

/**
 * What starts, compares, re-bins and cancels fits, in steps of their own: a fit can start, which fits are
 * out of date, one family's fit, fit-all, the histogram's bins.
 */
function useFitRunner(options: UseFitsOptions, store: FitStore) {
  const { api, status, column } = options
  /** A fit can start: a column is chosen and nothing runs. */
  const canFit = computed(() => column.value !== null && status.busy.value === null)

  /**
   * Cancels this page's work (another tab's runs on: the core stops only the asking page's). When none of
   * it was running but another tab's is (work this page shows as running, e.g. a tab opened during a fit),
   * the page says why Cancel changed nothing.
   */
  async function cancel(): Promise<void> {
    try {
      const { stopped, elsewhere } = await api.call('task:cancel', null)
      if (stopped === 0 && elsewhere > 0) status.warn(NOT_OURS_TO_CANCEL)
    } catch (e) {
      status.fail(describeError(e))
    }
  }

  return {
    canFit,
    ...useOutOfDate(options, store),
    ...useOneFamilyFits(options, store),
    runFitAll: fitAllRunner(options, store),
    rebin: useRebin(options, store),
    cancel,
  }
}

/** Why Cancel stopped nothing: what runs was started by another tab. */
export const NOT_OURS_TO_CANCEL =
  'Nothing this tab started is running: the work under way was started in another tab, and only that tab ' +
  'can cancel it.'

/**
 * Fits made with other inputs than the controls describe now, by family: what changed, in plain words
 * ("fitted with method newton; the controls now say method lbfgs"). Views mark these out of date.
 */
function useOutOfDate({ settings, column }: UseFitsOptions, store: FitStore) {
  const outOfDate = computed(() => {
    const name = column.value
    if (name === null) return {}
    return outOfDateFits(store.fits.value, store.inputs.value, (made, dist) =>
      made.all ? settings.fitAllRequest(name) : settings.request(name, dist),
    )
  })
  /** Families whose fit is out of date. */
  const stale = computed(() => Object.keys(outOfDate.value))
  return { outOfDate, stale }
}

/**
 * What changed since each fit was made, by family, for fits whose inputs are known (`now` is the request
 * the controls would make for it now); fits made with today's inputs are left out.
 */
export function outOfDateFits(
  fits: readonly FitResult[],
  inputs: Record<string, FitInputs>,
  now: (made: FitInputs, dist: string) => FitRequest | FitAllRequest,
): Record<string, string> {
  const out: Record<string, string> = {}
  for (const f of fits) {
    const made = inputs[f.dist]
    if (!made) continue
    const change = fitInputsChange(made.request, now(made, f.dist))
    if (change) out[f.dist] = change
  }
  return out
}

/** Fitting the chosen family (the shown fit) and fitting one with another method (a comparison). */
function useOneFamilyFits(
  { api, status, settings, column, stillOpen = ALWAYS_OPEN }: UseFitsOptions,
  store: FitStore,
) {
  const { live } = store

  async function runFit(): Promise<void> {
    const name = column.value
    if (!name) return
    const request = settings.request(name)
    const why = settings.applicability.value[request.dist]
    if (why && !why.ok) return status.fail(why.reason ?? '')
    live.reset()
    store.cancelledTrace.value = []
    const label = settings.selected.value?.label ?? request.dist
    store.gradientRunning.value = request.method === 'gradient'
    store.liveEpochs.value = request.method === 'gradient' ? epochsOf(request) : null
    const still = stillOpen()
    // The result lands before the busy flag drops: the charts never redraw the previous fit for a moment.
    const land = (r: FitResult) => {
      if (!still()) return refused(status, `Fitting ${label}`)
      store.store(r, request)
      store.active.value = r.dist
      return r
    }
    const result = await status
      .run(
        `Fitting ${label}`,
        () => api.call('model:fit', request).then(land),
        () => {
          // A cancelled fit's trace stays on the convergence chart until the next fit.
          store.cancelledTrace.value = live.points.value
          return cancelledFitNotice(label, live.points.value)
        },
      )
      .finally(() => (store.gradientRunning.value = false))
    if (!result) return
    if (!result.converged) status.warn(`${result.distLabel} did not converge: ${result.message}`)
  }

  /** Fits `family` with another method, for comparing optimizer paths; does not replace the shown fit. */
  async function fitWithMethod(family: string, other: FitMethod): Promise<FitResult | undefined> {
    const name = column.value
    if (!name) return undefined
    live.reset()
    store.liveEpochs.value = null
    // A comparison: the core lists it as one and never lands it as the shown fit.
    const request = { ...settings.request(name, family, other), purpose: 'compare' as const }
    const label = `Fitting ${settings.find(family)?.label ?? family} by ${other}`
    const still = stillOpen()
    const result = await status.run(label, () => api.call('model:fit', request))
    return result && !still() ? refused(status, label) : result
  }

  return { runFit, fitWithMethod }
}

/** The epochs a gradient-ascent fit is asked to run (the engine's default when the request names none). */
function epochsOf(request: FitRequest): number {
  return request.options?.maxIterations ?? GRADIENT_DEFAULTS.epochs
}

/** An answer of data no longer open: not shown, and the user told why. */
function refused(status: Status, label: string): undefined {
  status.warn(dataReplacedNotice(label))
  return undefined
}

/** Fit all: every chosen family on the column; the best-ranked becomes the shown fit and the chosen family. */
function fitAllRunner(
  { api, status, settings, column, stillOpen = ALWAYS_OPEN }: UseFitsOptions,
  store: FitStore,
) {
  return async function runFitAll(): Promise<void> {
    const name = column.value
    if (!name) return
    if (settings.fitAllChosen.value.length === 0)
      return status.fail('Fit all: choose at least one family (Model panel, "Fit all tries").')
    store.live.reset()
    store.liveEpochs.value = null
    const request = settings.fitAllRequest(name)
    const still = stillOpen()
    const result = await status.run('Fitting all families', () => api.call('model:fit-all', request))
    if (!result) return
    if (!still()) return void refused(status, 'Fitting all families')
    store.fitAll.value = result
    store.fits.value = result.fits
    store.inputs.value = Object.fromEntries(result.fits.map((f) => [f.dist, { all: true, request }]))
    const best = result.ranking[0]?.dist ?? result.fits[0]?.dist ?? null
    store.active.value = best
    if (best) settings.dist.value = best
  }
}

/**
 * Shows the shown fit's histogram with another bin rule: only the histogram is asked for (the same data
 * the fit used), so the estimates, trace and checks stay as they are and nothing is refitted.
 */
function useRebin({ api, status, settings }: UseFitsOptions, store: FitStore) {
  async function rebin(rule: BinRule): Promise<void> {
    settings.bins.value = rule
    const current = store.fit.value
    if (!current) return
    const histogram = await status.run('Re-binning', () =>
      api.call('model:get-histogram', { ...chartRequest(current), bins: rule }),
    )
    // The fit may have been replaced while the histogram was computed; then this one is not shown.
    if (!histogram || store.fit.value !== current) return
    rebinned({ ...current, histogram }, rule)
  }

  /** The same fit with a histogram of other bins: its inputs say those bins, so it is not out of date. */
  function rebinned(result: FitResult, bins: BinRule): void {
    const { fits, inputs } = store
    fits.value = fits.value.map((f) => (f.dist === result.dist ? result : f))
    const made = inputs.value[result.dist]
    if (made)
      inputs.value = {
        ...inputs.value,
        [result.dist]: { ...made, request: { ...made.request, bins } } as FitInputs,
      }
  }

  // Bins are a view setting: when they differ from the shown fit's, its histogram is fetched again.
  watch([settings.bins, store.fit], () => {
    const shown = store.fit.value
    if (!shown || status.busy.value !== null) return
    const made = store.inputs.value[shown.dist]?.request.bins ?? 'fd'
    if (JSON.stringify(made) !== JSON.stringify(settings.bins.value)) void rebin(settings.bins.value)
  })
  return rebin
}
