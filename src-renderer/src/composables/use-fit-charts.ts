import { computed, ref, watch, type Ref } from 'vue'
import type { ColumnSummary, FitResult, RendererApi, TracePoint } from '../../../src-shared/contract'
import {
  fitSpread,
  logPossible,
  fitXScale,
  type AxisScale,
  type SpreadFacts,
} from '../../../src-shared/present/charts/axis-scale'
import { chartTitle } from '../../../src-shared/present/charts/chart-render'
import type { ChartColors } from '../../../src-shared/present/charts/chart-theme'
import { fitReportFigures } from '../../../src-shared/present/report/report-figures'
import { movedParams } from '../charts/convergence-params'
import type { EChartsCoreOption } from '../charts/echarts-setup'
import {
  buildFitChartOption,
  FIT_CHART_TABS,
  fitChartMissing,
  type FitChartInput,
  type FitChartTab,
} from '../charts/fit-chart-tabs'
import { fitLabel } from '../../../src-shared/present/format'
import { useChartTabs } from './use-chart-tabs'
import type { ChartViewSlot, ReportChart } from './use-chart-view'
import { chartRequest } from '../results/fit-request'
import { useFitChartData, type FitChartData } from './use-fit-chart-data'
import type { Fits } from './use-fits'
import type { ModelSettings } from './use-model-settings'
import type { Status } from './use-status'

export interface UseFitChartsOptions {
  api: RendererApi
  status: Status
  fits: Fits
  settings: ModelSettings
  colors: Ref<ChartColors>
  /** The open file's name, for export titles and file names. */
  fileName: Ref<string>
  /** The chosen column's summary: its range and skewness pick the automatic x scale. */
  summary: Ref<ColumnSummary | null>
  /** The chosen column: a running fit's (it names a live export). */
  column: Ref<string | null>
  /** Where the view registers for exports and Alt+digit (none in tests). */
  view?: ChartViewSlot
}

/**
 * The x scale of the fit's charts: the user's choice (auto, log, linear) and what it resolves to for the
 * shown fit. Auto looks at the column's range and skewness (the summary when it is the fit's column, else
 * the histogram's); discrete families stay linear on auto; log is refused when some value is not positive.
 */
export function useAxisScale(fit: Ref<FitResult | null>, summary: Ref<ColumnSummary | null>) {
  const choice = ref<AxisScale>('auto')
  const spread = computed<SpreadFacts | null>(() => (fit.value ? fitSpread(fit.value, summary.value) : null))
  const autoScale = computed(() => (fit.value ? fitXScale('auto', fit.value, summary.value) : 'linear'))
  const xScale = computed(() => (fit.value ? fitXScale(choice.value, fit.value, summary.value) : 'linear'))
  const canLog = computed(() => !!spread.value && logPossible(spread.value))
  return { choice, xScale, autoScale, canLog }
}

/** What the pieces of the fit charts share. */
interface FitChartsContext {
  options: UseFitChartsOptions
  running: Ref<boolean>
  /** While a fit runs, its live trace; after a cancel, the trace it had reached. */
  livePoints: Readonly<Ref<readonly TracePoint[]>>
  tab: Ref<FitChartTab>
  data: FitChartData
  scale: ReturnType<typeof useAxisScale>
}

/**
 * The distribution workspace's charts: which tab shows, the option it draws, why it draws none, its
 * export and the report's figures. A gradient-ascent fit the user starts is watched live on Convergence (a
 * cancelled one keeps its trace there); when the shown fit has no path, the density comes back instead of
 * an empty view.
 */
export function useFitCharts(options: UseFitChartsOptions) {
  const { api, status, fits, settings, colors, view } = options
  // Off by default: once a fit exists the starting point is history, and on some families it hides the fit.
  const showStart = ref(false)
  const fit = fits.fit
  const running = computed(() => status.busy.value !== null)
  const scale = useAxisScale(fit, options.summary)
  const livePoints = computed(() => (running.value ? fits.live.points.value : fits.cancelledTrace.value))
  const tabs = useChartTabs<FitChartTab>({
    tabs: FIT_CHART_TABS,
    initial: 'density',
    colors,
    optionFor,
    exportName: (shown, label) => exportName(ctx, shown, label),
    canExport: () => fit.value !== null || fits.live.points.value.length > 0,
    view,
    reportCharts,
  })
  const tab = tabs.tab
  const data = useFitChartData({ api, fits, settings, status, tab, xScale: scale.xScale })
  const ctx: FitChartsContext = { options, running, livePoints, tab, data, scale }
  const trace = computed(() => (fit.value ? fits.traceOf(fit.value) : []))
  // A closed-form fit starts where it ends: its starting density would only hide the fitted one.
  const startDiffers = computed(() => {
    const f = fit.value
    return !!f && Object.keys(f.startParams).some((k) => f.startParams[k] !== f.params[k])
  })
  followLiveFit(ctx, trace)

  function optionFor(shown: FitChartTab, chartColors: ChartColors, title?: string): EChartsCoreOption | null {
    const f = fit.value && data.withShownBins(fit.value)
    const input: FitChartInput = {
      fit: f,
      colors: chartColors,
      title,
      trace: trace.value,
      symbols: data.symbols.value,
      live: {
        points: livePoints.value,
        params: convergenceParams(ctx, f),
        streaming: streaming(ctx),
        validation: streaming(ctx) && validationSplit(settings),
        epochs: (running.value && fits.liveEpochs.value) || undefined,
        reach: fits.live.reach.value,
      },
      showStart: showStart.value && startDiffers.value,
      overlays: fits.fits.value.filter((o) => fits.overlays.value.includes(o.dist) && o.dist !== f?.dist),
      diagnostics: data.diagnostics.state.value,
      grid: data.grid.state.value,
      thresholdChoice: data.thresholdChoice.state.value,
      comparePath: data.comparePath.value,
      evaluation: data.explorer.evaluation.value,
      xScale: scale.xScale.value,
    }
    return buildFitChartOption(shown, input)
  }

  /** The report's figures of the shown fit. */
  async function reportCharts(): Promise<ReportChart[]> {
    const f = fit.value
    if (!f) return []
    const shown = await data.withLoadedBins(f)
    const d = await api.call('model:get-diagnostics', chartRequest(f))
    return fitReportFigures(shown, d, scale.xScale.value)
  }

  return { ...tabs, showStart, startDiffers, running, ...fitChartNotes(ctx, tabs.label), data, scale }
}

/**
 * Only a gradient-ascent fit the user starts turns the view to its convergence (a Newton fit is over in a
 * few steps; fit-all compares families): the tab never switches by itself otherwise. A fit without a
 * path shown there (a result from elsewhere) gives way to the density.
 */
function followLiveFit(
  { options, livePoints, tab, data }: FitChartsContext,
  trace: Readonly<Ref<readonly TracePoint[]>>,
) {
  const { fits } = options
  // At the start, not at the first points: the density chart is not redrawn for nothing, and the
  // convergence frame (axes, legend: the costly first draw) is up before the trace streams.
  watch(fits.gradientRunning, (on) => {
    if (on && !data.comparing.value) tab.value = 'convergence'
    // A fit that failed before its first points has nothing to show there.
    else if (!on && tab.value === 'convergence' && livePoints.value.length === 0 && trace.value.length === 0)
      tab.value = 'density'
  })
  watch(fits.fit, (f) => {
    if (f && !fits.gradientRunning.value && tab.value === 'convergence' && trace.value.length === 0)
      tab.value = 'density'
  })
}

/** True while the user's gradient-ascent fit of one family runs (its trace streams to Convergence). */
function streaming({ options, running }: FitChartsContext): boolean {
  return running.value && options.fits.gradientRunning.value
}

/** Gradient ascent's default validation fraction (the engine's, shown as the field's placeholder). */
const DEFAULT_VALIDATION_FRACTION = 0.2

/** Whether a gradient-ascent fit with these settings holds out a validation set. */
function validationSplit(settings: ModelSettings): boolean {
  return (settings.options.validationFraction ?? DEFAULT_VALIDATION_FRACTION) > 0
}

/**
 * The parameters the convergence chart names: those the optimizer moves in the live family's trace,
 * else in the shown fit (a derived one, a mixture's last weight, is left out; a mixture's are its K's).
 */
function convergenceParams(ctx: FitChartsContext, f: FitResult | null) {
  const { options, livePoints } = ctx
  const live = livePoints.value[0]
  // Before a streaming fit's first points: the family being fitted, with its default parameters.
  const waiting = !live && streaming(ctx)
  const family = live ? options.fits.live.dist.value : waiting ? options.settings.dist.value : f?.dist
  const info = options.settings.distributions.value.find((d) => d.id === family)
  const names = live ? Object.keys(live.params) : waiting ? [] : (f?.estimates.map((e) => e.name) ?? [])
  if (info) return movedParams(info, names)
  return waiting ? [] : (f?.estimates ?? [])
}

/**
 * The export's title (file, column, fit with its parameters, chart) and file-name parts. During a fit the
 * live convergence chart is named after the family being fitted: what is on screen, not the previous
 * result.
 */
function exportName({ options, running, livePoints }: FitChartsContext, shown: FitChartTab, label: string) {
  const { fits, settings, fileName } = options
  const f = fits.fit.value
  const liveNow = running.value && livePoints.value.length > 0 && shown === 'convergence'
  const dist = liveNow ? fits.live.dist.value : f?.dist
  const column = liveNow ? options.column.value : f?.column
  const name = liveNow ? settings.distributions.value.find((d) => d.id === dist)?.label : f && fitLabel(f)
  return {
    title: chartTitle({ file: fileName.value, column, fit: name, chart: label }),
    naming: { file: fileName.value, column, dist, chart: shown },
  }
}

/** The chart's accessible label, why it draws nothing, and what its density bars are. */
function fitChartNotes({ options, tab, data }: FitChartsContext, tabLabel: Ref<string>) {
  const fit = options.fits.fit
  /** What the density chart's bars are: the rule and the bars drawn (log-spaced ones on a log axis). */
  const binsNote = computed(() => {
    const f = fit.value
    if (!f) return ''
    const shown = data.withShownBins(f).histogram
    const rule = options.settings.bins.value
    const name = typeof rule === 'number' ? `${rule} bins` : rule.toUpperCase()
    const spacing = shown !== f.histogram ? 'log-spaced ' : ''
    return `Bins: ${name} (${shown.length} ${spacing}bars)`
  })
  const chartLabel = computed(() =>
    fit.value ? `${tabLabel.value} chart: ${fit.value.distLabel} fit to ${fit.value.column}` : tabLabel.value,
  )
  const missing = computed(() =>
    fitChartMissing(tab.value, {
      fit: fit.value,
      diagnostics: data.diagnostics.state.value,
      grid: data.grid.state.value,
      thresholdChoice: data.thresholdChoice.state.value,
    }),
  )
  return { chartLabel, missing, binsNote }
}
