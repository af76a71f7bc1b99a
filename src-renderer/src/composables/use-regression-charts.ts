import { computed, type Ref } from 'vue'
import type { ChartColors } from '../../../src-shared/present/charts/chart-theme'
import {
  buildRegressionChartOption,
  REGRESSION_CHART_TABS,
  regressionChartMissing,
  type RegressionChartTab,
} from '../charts/regression-chart-tabs'
import { asLogLikelihood, interpolateGrid } from '../../../src-shared/present/charts/regression-option'
import { chartTitle } from '../../../src-shared/present/charts/chart-render'
import { useChartTabs } from './use-chart-tabs'
import type { ChartViewSlot } from './use-chart-view'
import type { Regression } from './use-regression'

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
  const { result, at } = regression
  /** The engine's grid as log-likelihood (it may report the negative), around the fit's coefficients. */
  const surface = computed(() => {
    const g = regression.grid.value
    const c = result.value?.coefficients
    return g && c && c.length >= 2 ? asLogLikelihood(g, [c[0].estimate, c[1].estimate]) : null
  })
  /** Log-likelihood at the sliders (interpolated on the grid). */
  const atValue = computed(() => {
    const g = surface.value
    return g && at.value ? interpolateGrid(g, at.value[0], at.value[1]) : NaN
  })

  const { tab, option } = useChartTabs<RegressionChartTab>({
    tabs: REGRESSION_CHART_TABS,
    initial: 'fit',
    colors,
    optionFor: (shown, chartColors, title) =>
      result.value
        ? buildRegressionChartOption(shown, {
            result: result.value,
            colors: chartColors,
            title,
            surface: surface.value,
            at: at.value,
          })
        : null,
    exportName: (shown, label) => {
      const res = result.value
      if (!res) return null
      const formula = `${res.response} ~ ${res.predictors.join(' + ')}`
      return {
        title: chartTitle({ file: fileName.value, column: formula, fit: res.model, chart: label }),
        naming: { file: fileName.value, column: res.response, dist: res.model, chart: shown },
      }
    },
    canExport: () => result.value !== null,
    view,
  })
  const missing = computed(() =>
    regressionChartMissing(tab.value, result.value, regression.problem.value, regression.gridProblem.value),
  )

  /** Moves one slider (0: intercept, 1: slope). */
  function setAt(index: 0 | 1, value: number): void {
    if (!at.value) return
    const next: [number, number] = [at.value[0], at.value[1]]
    next[index] = value
    regression.setAt(next)
  }

  return { tab, surface, atValue, option, missing, setAt }
}
