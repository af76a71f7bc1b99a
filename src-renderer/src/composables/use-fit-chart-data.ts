import { computed, ref, shallowRef, watch, type Ref } from 'vue'
import type {
  Diagnostics,
  FitMethod,
  FitResult,
  HistogramBin,
  LikelihoodGrid,
  ThresholdChoice,
  RendererApi,
} from '../../../src-shared/contract'
import { DIAGNOSTIC_TABS, type FitChartTab } from '../charts/fit-chart-tabs'
import { gridAxesAround } from '../../../src-shared/present/charts/likelihood-option'
import { chartRequest } from '../results/fit-request'
import { useAsyncView } from './use-async-view'
import type { Status } from './use-status'
import { useExplorer } from './use-explorer'
import type { Fits } from './use-fits'
import type { ModelSettings } from './use-model-settings'

export interface UseFitChartDataOptions {
  api: RendererApi
  fits: Fits
  settings: ModelSettings
  /** Long loads (the threshold choice's ~30 fits) run as a task: progress in the banner, and Cancel. */
  status: Status
  /** The shown tab: its data is loaded when it is shown (once per fit). */
  tab: Ref<FitChartTab>
  /** The data axis's scale: on a log one the histogram is asked for again with log-spaced bins. */
  xScale?: Ref<'log' | 'linear'>
}

/** Tabs that draw the fit's histogram. */
const HISTOGRAM_TABS: readonly FitChartTab[] = ['density', 'summary']

/** A fit's identity for caching: family, method and estimates. */
export const fitKey = (f: FitResult) => `${f.dist}|${f.method}|${JSON.stringify(f.params)}`

/**
 * What the fit's charts need from the engine beyond the fit itself, loaded for the shown tab once per fit:
 * diagnostics (CDF, survival, hazard, Q-Q, P-P, probability plot, summary), the likelihood grid over a pair of parameters with another method's path to
 * compare, and the explorer's evaluations. Answers for an earlier fit are dropped.
 */
export function useFitChartData({ api, fits, settings, status, tab, xScale }: UseFitChartDataOptions) {
  const fit = fits.fit
  const diagnostics = useAsyncView<Diagnostics>()
  const thresholdChoice = useAsyncView<ThresholdChoice>()
  const explorer = useExplorer({ api, domains: settings.domains })
  const surface = useLikelihoodSurface({ api, fits, settings })
  const bins = useLogBins({ api, fit, settings, xScale })

  watch(fit, (f, old) => {
    if (f && old && fitKey(f) === fitKey(old)) return
    diagnostics.reset()
    thresholdChoice.reset()
    surface.reset()
    if (f && tab.value === 'explorer') explorer.attach(f)
  })

  /** The threshold choice (~30 fits) as a task: progress in the banner, Cancel, Retry on a later visit. */
  function loadThresholdChoice(f: FitResult): void {
    // The candidates depend on the data the fit used (weights, range), not on its threshold.
    const { column, dist, weights, range } = chartRequest(f)
    const request = { column, dist, ...(weights ? { weights } : {}), ...(range ? { range } : {}) }
    // One that was cancelled or failed is asked again when the tab is shown again.
    if (thresholdChoice.state.value.kind === 'unavailable') thresholdChoice.reset()
    void thresholdChoice.load(fitKey(f), async () => {
      const label = `Fitting ${f.distLabel} above each candidate threshold`
      const value = await status.run(label, () => api.call('model:get-threshold-choice', request))
      if (value) return value
      // Cancelled (or failed: the error line says why): shown in place of the chart; Retry asks again.
      throw new Error('The threshold choice was not computed. Choose another tab and come back to retry.')
    })
  }

  /** Loads what the shown tab needs from the engine (once per fit). */
  function loadForTab(): void {
    const f = fit.value
    if (!f) return
    const t = tab.value
    if (HISTOGRAM_TABS.includes(t)) bins.loadFor(f)
    if (DIAGNOSTIC_TABS.includes(t)) {
      const request = chartRequest(f)
      void diagnostics.load(fitKey(f), () => api.call('model:get-diagnostics', request))
    } else if (t === 'threshold' && f.threshold != null) loadThresholdChoice(f)
    else if (t === 'likelihood') surface.load(f)
    else if (t === 'explorer') explorer.attach(f)
  }
  watch([tab, fit, surface.pair, surface.comparePath, () => xScale?.value, settings.bins], loadForTab)

  return {
    diagnostics,
    grid: surface.grid,
    thresholdChoice,
    explorer,
    comparePath: surface.comparePath,
    compareMethod: surface.compareMethod,
    pair: surface.pair,
    comparing: surface.comparing,
    freeParams: surface.freeParams,
    symbols: surface.symbols,
    addComparePath: surface.addComparePath,
    withShownBins: bins.withShownBins,
    withLoadedBins: bins.withLoadedBins,
  }
}

export type FitChartData = ReturnType<typeof useFitChartData>

/**
 * The likelihood surface: the grid over a pair of free parameters, with the fit's path and another
 * method's path to compare (fitted on request).
 */
function useLikelihoodSurface({
  api,
  fits,
  settings,
}: Pick<UseFitChartDataOptions, 'api' | 'fits' | 'settings'>) {
  const fit = fits.fit
  const grid = useAsyncView<LikelihoodGrid>()
  const comparePath = shallowRef<FitResult | null>(null)
  const compareMethod = ref<FitMethod>('newton')
  /** Parameters on the surface's axes. */
  const pair = ref<string[]>([])
  /** A fit runs only for its path: the view stays on the surface, where the path is drawn. */
  const comparing = ref(false)
  const freeParams = computed(() => fit.value?.estimates.filter((e) => !e.fixed).map((e) => e.name) ?? [])
  const symbols = computed(() =>
    Object.fromEntries(fit.value?.estimates.map((e) => [e.name, e.symbol]) ?? []),
  )

  /** A new fit: no grid, no compared path, its first two free parameters on the axes. */
  function reset(): void {
    grid.reset()
    comparePath.value = null
    pair.value = freeParams.value.slice(0, 2)
  }

  function load(f: FitResult): void {
    const names = pair.value.length ? pair.value : freeParams.value.slice(0, 2)
    if (names.length === 0) return
    const paths = [f.trace, comparePath.value?.trace ?? []]
    const axes = gridAxesAround(f, names, names.length === 1 ? 201 : 61, paths, settings.domains(f.dist))
    const request = { ...chartRequest(f), axes }
    const key = `${fitKey(f)}|${names.join(',')}|${comparePath.value?.method ?? ''}`
    void grid.load(key, () => api.call('model:get-likelihood-grid', request))
  }

  /** Fits the shown family by `compareMethod` and adds that path to the surface. */
  async function addComparePath(): Promise<void> {
    const f = fit.value
    if (!f) return
    comparing.value = true
    try {
      const other = await fits.fitWithMethod(f.dist, compareMethod.value)
      if (other) comparePath.value = other
    } finally {
      comparing.value = false
    }
  }

  return {
    grid,
    comparePath,
    compareMethod,
    pair,
    comparing,
    freeParams,
    symbols,
    reset,
    load,
    addComparePath,
  }
}

/**
 * The shown fit's histogram with log-spaced bins (equal bar widths on a log axis), loaded when its axis is
 * log; `withShownBins` gives a fit the bars its charts draw.
 */
function useLogBins({
  api,
  fit,
  settings,
  xScale,
}: Pick<UseFitChartDataOptions, 'api' | 'settings' | 'xScale'> & { fit: Ref<FitResult | null> }) {
  const logBins = shallowRef<{ key: string; bins: HistogramBin[] } | null>(null)
  const logBinsKey = (f: FitResult) => `${fitKey(f)}|${JSON.stringify(settings.bins.value)}`
  const wanted = (f: FitResult) => xScale?.value === 'log' && !f.discrete && !f.censoring
  /** The request on its way, so a second caller (the report) waits for it instead of asking again. */
  let pending: { key: string; done: Promise<void> } | null = null
  function load(f: FitResult): Promise<void> {
    const key = logBinsKey(f)
    if (logBins.value?.key === key) return Promise.resolve()
    if (pending?.key === key) return pending.done
    const request = { ...chartRequest(f), bins: settings.bins.value, spacing: 'log' as const }
    const done = api.call('model:get-histogram', request).then(
      (bins) => {
        if (fit.value && logBinsKey(fit.value) === key) logBins.value = { key, bins }
      },
      () => undefined, // the equal-width bars stay: correct, only unevenly wide on the log axis
    )
    pending = { key, done: done.finally(() => pending?.key === key && (pending = null)) }
    return pending.done
  }
  /** `f` with the histogram its charts draw: log-spaced bins on a log axis once they are loaded. */
  function withShownBins(f: FitResult): FitResult {
    const loaded = xScale?.value === 'log' && logBins.value?.key === logBinsKey(f) ? logBins.value : null
    return loaded ? { ...f, histogram: loaded.bins } : f
  }
  /** `f` with log-spaced bins when its axis is log, waiting for them (the report's figures). */
  async function withLoadedBins(f: FitResult): Promise<FitResult> {
    if (wanted(f)) await load(f)
    return withShownBins(f)
  }
  return {
    /** Starts loading the bins `f`'s histogram tabs draw, when they differ from the fit's own. */
    loadFor: (f: FitResult) => void (wanted(f) && load(f)),
    withShownBins,
    withLoadedBins,
  }
}
