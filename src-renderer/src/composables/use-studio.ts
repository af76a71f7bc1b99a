import { computed, onScopeDispose, reactive, ref, shallowRef } from 'vue'
import type {
  BinRule,
  ColumnSummary,
  DatasetInfo,
  DistributionInfo,
  FitAllResult,
  FitMethod,
  FitOptions,
  FitRequest,
  FitResult,
  ImportSettings,
  Progress,
  RendererApi,
  SessionOpened,
  ValueRange,
} from '../../../src-shared/contract'
import { familyApplicability } from '../results/family-applicability'
import { useLiveTrace } from './use-live-trace'

export interface UseStudioOptions {
  api: RendererApi
}

/** Turns any thrown value into one readable line (engine errors keep their own message). */
export function describeError(e: unknown): string {
  if (e instanceof Error) return e.message
  return String(e)
}

/** True for the error a cancelled task fails with. */
export function isCancelled(e: unknown): boolean {
  return e instanceof Error && e.name === 'CancelledError'
}

/** The optimizer settings that are single numbers (the model panel's fields), e.g. `learningRate`. */
export type NumericFitOption = {
  [K in keyof FitOptions]-?: NonNullable<FitOptions[K]> extends number ? K : never
}[keyof FitOptions]

/** Methods that iterate (and so stream a trace worth watching live). */
export const ITERATIVE: readonly FitMethod[] = ['newton', 'lbfgs', 'gradient']

/**
 * The workspace's state and actions: the open dataset and its import settings, the chosen column and its
 * summary, the model settings, the fits of the column (single fits and fit-all), live progress and
 * errors. Components render it; only this (and the chart composables) talk to the RendererApi.
 */
export function useStudio({ api }: UseStudioOptions) {
  const dataset = shallowRef<DatasetInfo | null>(null)
  const distributions = shallowRef<DistributionInfo[]>([])
  const column = ref<string | null>(null)
  const summary = shallowRef<ColumnSummary | null>(null)
  const dist = ref('normal')
  const method = ref<FitMethod>('auto')
  const options = reactive<FitOptions>({})
  /** Fixed parameters by name: whether held and at which value. */
  const fixed = reactive<Record<string, { on: boolean; value: number }>>({})
  const trials = ref<number | null>(null)
  const bins = ref<BinRule>('fd')
  const bootstrap = ref(0)
  /** The frequency-weights column (each row's value counts that many times), or null. */
  const weights = ref<string | null>(null)
  /** The value-range exclusion rule (fit only values in [min, max]), or null. */
  const range = ref<ValueRange | null>(null)
  /** Every fit of the current column, at most one per family (the latest). */
  const fits = shallowRef<FitResult[]>([])
  const fitAll = shallowRef<FitAllResult | null>(null)
  /** Family whose fit the charts and the results table show. */
  const active = ref<string | null>(null)
  /** Families whose densities are drawn over the active fit's histogram. */
  const overlays = ref<string[]>([])
  const busy = ref<string | null>(null)
  const progress = shallowRef<Progress | null>(null)
  const error = ref<string | null>(null)
  const notice = ref<string | null>(null)
  /** Set when the engine crashed too often and waits for the user (`engine-halted`): the banner's text. */
  const halted = ref<string | null>(null)
  /** Counts files opened or re-imported (not engine restarts or sessions): other views reset on a change. */
  const generation = ref(0)
  const live = useLiveTrace()
  /** Full-resolution live traces of finished fits, by family (the result's own trace is down-sampled). */
  const liveTraces = shallowRef<Record<string, FitResult['trace']>>({})

  const fit = computed(() => fits.value.find((f) => f.dist === active.value) ?? null)
  const selectedDist = computed(() => distributions.value.find((d) => d.id === dist.value) ?? null)
  const applicability = computed(() =>
    Object.fromEntries(distributions.value.map((d) => [d.id, familyApplicability(d, summary.value)])),
  )

  // Progress can arrive faster than frames: the banner takes the latest once per animation frame, so a
  // burst of events re-renders the workspace once, not once per event.
  let latestProgress: Progress | null = null
  let progressFrame: number | null = null
  function showProgress(): void {
    progressFrame = null
    if (busy.value !== null) progress.value = latestProgress
  }
  onScopeDispose(() => {
    if (progressFrame !== null) cancelAnimationFrame(progressFrame)
  })

  const stop = api.onEvent((event) => {
    if (event.kind === 'progress') {
      latestProgress = event.progress
      if (progressFrame === null) progressFrame = requestAnimationFrame(showProgress)
      if (event.progress.trace?.length) live.push(event.progress.trace, event.progress.dist ?? dist.value)
    } else if (event.kind === 'dataset-opened') adoptDataset(event.dataset)
    else if (event.kind === 'engine-stopped') {
      // A restart keeps everything the user sees: selections and finished results stay valid, main
      // re-imports the same file. Only a halt (no restart) is an error.
      if (event.restarted === false) error.value = event.message
      else notice.value = event.message
    } else if (event.kind === 'engine-halted') halted.value = event.message
    else if (event.kind === 'dataset-restored') {
      dataset.value = event.dataset
      // Keep the restart notice in view and add that the data is back, so both facts stay on screen.
      const restart = notice.value && /restarted/i.test(notice.value) ? `${notice.value} ` : ''
      notice.value = `${restart}${event.message}`
    } else if (
      event.kind === 'dataset-restore-failed' ||
      event.kind === 'autosave-failed' ||
      event.kind === 'error'
    ) {
      error.value = event.message
    }
  })
  onScopeDispose(stop)

  /** Runs one action at a time with a busy label; failures become the error line, never an exception. */
  async function run<T>(label: string, action: () => Promise<T>): Promise<T | undefined> {
    busy.value = label
    error.value = null
    notice.value = null
    try {
      return await action()
    } catch (e) {
      if (isCancelled(e)) notice.value = `${label} was cancelled.`
      else error.value = describeError(e)
      return undefined
    } finally {
      busy.value = null
      progress.value = null
    }
  }

  function clearFits(): void {
    fits.value = []
    fitAll.value = null
    active.value = null
    overlays.value = []
    liveTraces.value = {}
    live.reset()
  }

  function adoptDataset(next: DatasetInfo): void {
    dataset.value = next
    generation.value++
    clearFits()
    summary.value = null
    column.value = null
    // A weights column belongs to its file: keep it only when the new data has it.
    if (weights.value !== null && !next.columns.some((c) => c.name === weights.value && c.numeric))
      weights.value = null
    range.value = null
    const first = next.columns.find((c) => c.numeric)
    if (first) void selectColumn(first.name)
    else error.value = `${next.fileName} has no numeric column to fit.`
  }

  async function start(): Promise<void> {
    await run('Loading', async () => {
      distributions.value = await api.call('engine:list-distributions', null)
      const initial = await api.call('dataset:get-initial', null)
      if (initial) adoptDataset(initial)
    })
  }

  async function openWithDialog(): Promise<void> {
    const opened = await run('Opening file', () => api.openWithDialog())
    if (opened) adoptDataset(opened)
  }

  async function openFile(file: File): Promise<void> {
    const opened = await run(`Importing ${file.name}`, () => api.openFile(file))
    if (opened) adoptDataset(opened)
  }

  /** Re-imports the open file with the user's settings (detected values fill the rest). */
  async function reimport(settings: ImportSettings): Promise<void> {
    const next = await run('Re-importing', () => api.call('dataset:reimport', settings))
    if (next) {
      adoptDataset(next)
      notice.value = `Re-imported ${next.fileName}: ${next.rows.toLocaleString()} rows, ${next.columns.length} columns.`
    }
  }

  async function selectColumn(name: string): Promise<void> {
    column.value = name
    clearFits()
    summary.value = null
    const result = await run('Summarizing', () => api.call('column:get-summary', { column: name }))
    if (result && column.value === name) {
      summary.value = result
      // Keep the chosen family when it still applies; else the first that does.
      if (!applicability.value[dist.value]?.ok) {
        const first = distributions.value.find((d) => applicability.value[d.id]?.ok)
        if (first) dist.value = first.id
      }
    }
  }

  /** Chooses the frequency-weights column (null: none); fits made with the old weighting are cleared. */
  function setWeights(name: string | null): void {
    if (name === weights.value) return
    weights.value = name
    clearFits()
  }

  /** Sets the value-range exclusion rule (null: none); fits of the old data are cleared. */
  function setRange(next: ValueRange | null): void {
    if (JSON.stringify(next) === JSON.stringify(range.value)) return
    range.value = next
    clearFits()
  }

  /** The fit request the model panel describes, for `family` (default: the selected one). */
  function fitRequest(family = dist.value, overrideMethod?: FitMethod): FitRequest | null {
    const name = column.value
    if (!name) return null
    const info = distributions.value.find((d) => d.id === family)
    const held: Record<string, number> = {}
    for (const p of info?.params ?? []) {
      const f = fixed[p.name]
      if (f?.on && Number.isFinite(f.value)) held[p.name] = f.value
    }
    const request: FitRequest = {
      column: name,
      dist: family,
      method: overrideMethod ?? method.value,
      bins: bins.value,
    }
    const opts = Object.fromEntries(
      Object.entries(options).filter(([, v]) => v !== undefined && Number.isFinite(v)),
    )
    if (Object.keys(opts).length) request.options = opts
    if (Object.keys(held).length) request.fixed = held
    if (family === 'binomial' && trials.value !== null) request.trials = trials.value
    if (bootstrap.value > 0) request.bootstrap = bootstrap.value
    if (weights.value !== null) request.weights = weights.value
    if (range.value !== null) request.range = range.value
    return request
  }

  function storeFit(result: FitResult): void {
    fits.value = [...fits.value.filter((f) => f.dist !== result.dist), result]
    if (live.dist.value === result.dist && live.points.value.length > result.trace.length) {
      liveTraces.value = { ...liveTraces.value, [result.dist]: live.points.value }
    }
  }

  async function runFit(): Promise<void> {
    const request = fitRequest()
    if (!request) return
    const why = applicability.value[request.dist]
    if (why && !why.ok) {
      error.value = why.reason
      return
    }
    live.reset()
    const label = selectedDist.value?.label ?? request.dist
    const result = await run(`Fitting ${label}`, () => api.call('model:fit', request))
    if (result) {
      storeFit(result)
      active.value = result.dist
      if (!result.converged) notice.value = `${result.distLabel} did not converge: ${result.message}`
    }
  }

  /** Fits `family` with another method, for comparing optimizer paths; does not replace the shown fit. */
  async function fitWithMethod(family: string, other: FitMethod): Promise<FitResult | undefined> {
    const request = fitRequest(family, other)
    if (!request) return undefined
    live.reset()
    return run(`Fitting ${family} by ${other}`, () => api.call('model:fit', request))
  }

  async function runFitAll(): Promise<void> {
    const name = column.value
    if (!name) return
    live.reset()
    const base = fitRequest()
    const result = await run('Fitting all families', () =>
      api.call('model:fit-all', {
        column: name,
        method: method.value,
        bins: bins.value,
        ...(base?.options ? { options: base.options } : {}),
        ...(trials.value !== null ? { trials: trials.value } : {}),
        ...(bootstrap.value > 0 ? { bootstrap: bootstrap.value } : {}),
        ...(weights.value !== null ? { weights: weights.value } : {}),
        ...(range.value !== null ? { range: range.value } : {}),
      }),
    )
    if (result) {
      fitAll.value = result
      fits.value = result.fits
      const best = result.ranking[0]?.dist ?? result.fits[0]?.dist ?? null
      active.value = best
      if (best) dist.value = best
    }
  }

  /** Re-fits the active family with another histogram bin rule (the histogram comes with the fit). */
  async function refitBins(rule: BinRule): Promise<void> {
    bins.value = rule
    const current = fit.value
    if (!current) return
    const request = fitRequest(current.dist)
    if (!request) return
    const result = await run('Re-binning', () => api.call('model:fit', { ...request, bins: rule }))
    if (result) storeFit(result)
  }

  async function cancel(): Promise<void> {
    try {
      await api.call('task:cancel', null)
    } catch (e) {
      error.value = describeError(e)
    }
  }

  /** Starts the engine again after a halt; main re-imports the open file (null when none was open). */
  async function restartEngine(): Promise<void> {
    const message = halted.value
    halted.value = null
    const result = await run('Restarting the engine', () => api.call('engine:restart', null))
    if (result === undefined) halted.value = message
    else {
      if (result) dataset.value = result
      notice.value = result
        ? `The engine was restarted and ${result.fileName} was imported again.`
        : 'The engine was restarted.'
    }
  }

  /**
   * Shows an opened (or recovered) session: its selections, model settings and saved results, on the
   * re-imported dataset when there is one. The saved results are shown even when the data is missing.
   */
  async function applySession(opened: SessionOpened): Promise<void> {
    const s = opened.session
    if (opened.dataset) {
      dataset.value = opened.dataset
      generation.value++
    }
    column.value = s.column
    summary.value = null
    if (s.family && s.family !== 'all') dist.value = s.family
    method.value = s.method
    for (const key of Object.keys(options) as (keyof FitOptions)[]) delete options[key]
    Object.assign(options, s.options)
    for (const key of Object.keys(fixed)) delete fixed[key]
    for (const [name, value] of Object.entries(s.fixed)) fixed[name] = { on: true, value }
    trials.value = s.trials
    weights.value = s.weights ?? null
    range.value = s.range ?? null
    fitAll.value = null
    overlays.value = []
    liveTraces.value = {}
    live.reset()
    fits.value = s.results
    const shown = s.ui['active']
    active.value =
      typeof shown === 'string' && s.results.some((f) => f.dist === shown)
        ? shown
        : (s.results[s.results.length - 1]?.dist ?? null)
    const rule = s.ui['bins']
    if (rule === 'fd' || rule === 'sturges' || rule === 'scott' || typeof rule === 'number') bins.value = rule
    const boot = s.ui['bootstrap']
    bootstrap.value = typeof boot === 'number' && boot >= 0 ? boot : 0
    const name = s.column
    if (name && opened.dataset?.columns.some((c) => c.name === name)) {
      const result = await run('Summarizing', () => api.call('column:get-summary', { column: name }))
      if (result && column.value === name) summary.value = result
    }
  }

  function dismissMessages(): void {
    error.value = null
    notice.value = null
  }

  function toggleOverlay(id: string): void {
    overlays.value = overlays.value.includes(id)
      ? overlays.value.filter((d) => d !== id)
      : [...overlays.value, id]
  }

  return {
    api,
    dataset,
    distributions,
    column,
    summary,
    dist,
    method,
    options,
    fixed,
    trials,
    bins,
    bootstrap,
    weights,
    setWeights,
    range,
    setRange,
    fits,
    fitAll,
    active,
    overlays,
    fit,
    selectedDist,
    applicability,
    busy,
    progress,
    error,
    notice,
    halted,
    generation,
    live,
    liveTraces,
    run,
    start,
    openWithDialog,
    openFile,
    reimport,
    selectColumn,
    runFit,
    runFitAll,
    fitWithMethod,
    refitBins,
    cancel,
    toggleOverlay,
    dismissMessages,
    restartEngine,
    applySession,
  }
}

export type Studio = ReturnType<typeof useStudio>
