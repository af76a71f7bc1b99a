import { computed, ref, type Ref } from 'vue'
import type { PngExport, TracePoint } from '../../../src-shared/contract'
import { LIGHT_COLORS, type ChartColors } from '../charts/chart-theme'
import type { EChartsCoreOption } from '../charts/echarts-setup'
import { PNG_SIZES, renderPng, type PngSize } from '../charts/export-png'
import { buildLikelihoodOption, type OptimizerPath } from '../charts/likelihood-option'
import {
  asLogLikelihood,
  buildRegressionFitOption,
  buildResidualOption,
  interpolateGrid,
} from '../charts/regression-option'
import type { ChartViewSlot } from './use-chart-view'
import type { Regression } from './use-regression'

/** The regression charts' tabs, in order (Alt+1 … Alt+3). */
export const REGRESSION_CHART_TABS = [
  { id: 'fit', label: 'Fit' },
  { id: 'residuals', label: 'Residuals' },
  { id: 'surface', label: 'Likelihood surface' },
] as const

export type RegressionChartTab = (typeof REGRESSION_CHART_TABS)[number]['id']

export interface UseRegressionChartsOptions {
  regression: Regression
  colors: Ref<ChartColors>
  fileName: Ref<string>
  view?: ChartViewSlot
}

/**
 * The regression workspace's charts: the fitted line with its band, residuals against fitted values, and
 * for one predictor the log-likelihood surface over intercept and slope with the sliders' point on it.
 */
export function useRegressionCharts({ regression, colors, fileName, view }: UseRegressionChartsOptions) {
  const tab = ref<RegressionChartTab>('fit')
  const result = regression.result
  const estimates = computed((): [number, number] | null => {
    const c = result.value?.coefficients
    return c && c.length >= 2 ? [c[0].estimate, c[1].estimate] : null
  })
  const surface = computed(() => {
    const g = regression.grid.value
    return g && estimates.value ? asLogLikelihood(g, estimates.value) : null
  })
  /** Log-likelihood at the sliders (interpolated on the grid). */
  const atValue = computed(() => {
    const g = surface.value
    const at = regression.at.value
    return g && at ? interpolateGrid(g, at[0], at[1]) : NaN
  })

  function surfaceOption(chartColors: ChartColors, title?: string): EChartsCoreOption | null {
    const res = result.value
    const g = surface.value
    const est = estimates.value
    if (!res || !g || !est) return null
    const [a, b] = g.axes.map((x) => x.name)
    const at = regression.at.value
    const paths: OptimizerPath[] = []
    if (res.trace.length)
      paths.push({ label: res.method === 'gradient' ? 'Gradient' : 'Newton', trace: res.trace })
    if (at) {
      const point: TracePoint = {
        iteration: 0,
        logLikelihood: 0,
        validationLogLikelihood: null,
        params: { [a]: at[0], [b]: at[1] },
      }
      paths.push({ label: 'Sliders', trace: [point] })
    }
    return buildLikelihoodOption(g, {
      colors: chartColors,
      title,
      symbols: { [a]: 'β₀ (intercept)', [b]: `β₁ (${b})` },
      mle: { [a]: est[0], [b]: est[1] },
      paths,
      maxLogLikelihood: res.logLikelihood,
    })
  }

  function optionFor(chartColors: ChartColors, title?: string): EChartsCoreOption | null {
    const res = result.value
    if (!res) return null
    if (tab.value === 'fit') return buildRegressionFitOption(res, { colors: chartColors, title })
    if (tab.value === 'residuals') return buildResidualOption(res, { colors: chartColors, title })
    return surfaceOption(chartColors, title)
  }
  const option = computed(() => optionFor(colors.value))

  /** Why the shown tab has no chart, in plain words. */
  const missing = computed(() => {
    const r = result.value
    if (regression.problem.value) return `Regression: ${regression.problem.value}`
    if (!r) return 'Choose a model, a response and predictors, then press Fit regression.'
    if (!r.plot && tab.value !== 'surface')
      return 'Charts need exactly one predictor; the table below has the fit.'
    if (tab.value !== 'surface') return null
    if (regression.gridProblem.value)
      return `Likelihood surface: not available. ${regression.gridProblem.value}`
    return 'The likelihood surface is drawn for one predictor with an intercept (linear or logistic).'
  })

  function exportPng(size: PngSize): PngExport | null {
    const res = result.value
    const label = REGRESSION_CHART_TABS.find((t) => t.id === tab.value)?.label ?? ''
    const title = `${fileName.value} · ${res?.response} ~ ${res?.predictors.join(' + ')} · ${res?.model} — ${label}`
    const opt = optionFor(LIGHT_COLORS, title)
    if (!opt || !res) return null
    const stem = fileName.value.replace(/\.[^.]+$/, '')
    return {
      dataUrl: renderPng(opt, PNG_SIZES[size]),
      suggestedName: `${stem}-${res.model}-${res.response}-${tab.value}.png`,
    }
  }

  /** Moves one slider (0: intercept, 1: slope). */
  function setAt(index: 0 | 1, value: number): void {
    const at = regression.at.value
    if (!at) return
    const next: [number, number] = [at[0], at[1]]
    next[index] = value
    regression.setAt(next)
  }

  view?.register({
    exportPng,
    tabCount: () => REGRESSION_CHART_TABS.length,
    selectTabByIndex: (i) => {
      const t = REGRESSION_CHART_TABS[i]
      if (t) tab.value = t.id
    },
    canExport: () => result.value !== null,
  })

  return { tab, surface, atValue, option, missing, setAt }
}
