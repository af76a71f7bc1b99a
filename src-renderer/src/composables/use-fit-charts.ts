import { computed, ref, watch, type Ref } from 'vue'
import type { FitResult, RendererApi } from '../../../src-shared/contract'
import type { ChartColors } from '../charts/chart-theme'
import type { EChartsCoreOption } from '../charts/echarts-setup'
import {
  buildFitChartOption,
  FIT_CHART_TABS,
  fitChartMissing,
  type FitChartInput,
  type FitChartTab,
} from '../charts/fit-chart-tabs'
import { fileStem, useChartTabs } from './use-chart-tabs'
import type { ChartViewSlot } from './use-chart-view'
import { useFitChartData } from './use-fit-chart-data'
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
  /** Where the view registers for exports and Alt+digit (none in tests). */
  view?: ChartViewSlot
}

/**
 * The distribution workspace's charts: which tab shows, the option it draws, why it draws none, and its
 * PNG export. A gradient-ascent fit the user starts is watched live on Convergence (a cancelled one keeps
 * its trace there); when the shown fit has no path, the density comes back instead of an empty view.
 */
export function useFitCharts({ api, status, fits, settings, colors, fileName, view }: UseFitChartsOptions) {
  const showStart = ref(true)
  const fit = fits.fit
  const running = computed(() => status.busy.value !== null)
  // While a fit runs, its live trace; after a cancel, the trace it had reached.
  const livePoints = computed(() => (running.value ? fits.live.points.value : fits.cancelledTrace.value))
  const tabs = useChartTabs<FitChartTab>({
    tabs: FIT_CHART_TABS,
    initial: 'density',
    colors,
    optionFor,
    // A title naming file, column and family; the density is the plain name, other tabs add their id.
    exportName: (tab, label) => {
      const f = fit.value
      const suffix = tab === 'density' ? '' : `-${tab}`
      return {
        title: `${fileName.value} · ${f?.column ?? ''} · ${f?.distLabel ?? ''} — ${label}`,
        fileName: `${fileStem(fileName.value)}-${f?.column}-${f?.dist}${suffix}.png`,
      }
    },
    canExport: () => fit.value !== null || fits.live.points.value.length > 0,
    view,
  })
  const tab = tabs.tab
  const data = useFitChartData({ api, fits, settings, tab })
  const trace = computed(() => (fit.value ? fits.traceOf(fit.value) : []))
  // A closed-form fit starts where it ends: its starting density would only hide the fitted one.
  const startDiffers = computed(() => {
    const f = fit.value
    return !!f && Object.keys(f.startParams).some((k) => f.startParams[k] !== f.params[k])
  })

  // Only a gradient-ascent fit the user starts turns the view to its convergence (a Newton fit is over in
  // a few steps; fit-all compares families): the tab never switches by itself otherwise.
  watch(
    () => fits.gradientRunning.value && livePoints.value.length > 0,
    (watching) => {
      if (watching && !data.comparing.value) tab.value = 'convergence'
    },
  )
  // The result lands after the busy flag drops: leave an empty convergence view for the density then too.
  watch(fit, (f) => {
    if (f && !running.value && tab.value === 'convergence' && trace.value.length === 0) tab.value = 'density'
  })

  /** The parameters the convergence chart names: the live family's, else the shown fit's. */
  function convergenceParams(f: FitResult | null): { name: string; symbol: string }[] {
    const family = livePoints.value.length ? fits.live.dist.value : f?.dist
    return settings.distributions.value.find((d) => d.id === family)?.params ?? f?.estimates ?? []
  }

  function optionFor(shown: FitChartTab, chartColors: ChartColors, title?: string): EChartsCoreOption | null {
    const f = fit.value
    const input: FitChartInput = {
      fit: f,
      colors: chartColors,
      title,
      trace: trace.value,
      symbols: data.symbols.value,
      live: { points: livePoints.value, params: convergenceParams(f) },
      showStart: showStart.value && startDiffers.value,
      overlays: fits.fits.value.filter((o) => fits.overlays.value.includes(o.dist) && o.dist !== f?.dist),
      diagnostics: data.diagnostics.state.value,
      grid: data.grid.state.value,
      comparePath: data.comparePath.value,
      evaluation: data.explorer.evaluation.value,
    }
    return buildFitChartOption(shown, input)
  }
  const chartLabel = computed(() =>
    fit.value
      ? `${tabs.label.value} chart: ${fit.value.distLabel} fit to ${fit.value.column}`
      : tabs.label.value,
  )
  const missing = computed(() =>
    fitChartMissing(tab.value, {
      fit: fit.value,
      diagnostics: data.diagnostics.state.value,
      grid: data.grid.state.value,
    }),
  )

  return { ...tabs, showStart, startDiffers, running, chartLabel, missing, data }
}
