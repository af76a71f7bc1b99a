import type { CustomSeriesRenderItemAPI, CustomSeriesRenderItemParams } from 'echarts'
import type { EChartsCoreOption } from 'echarts/core'
import type { RegressionResult } from '../../../src-shared/contract'
import { baseOption, gridTop, LIGHT_COLORS, referenceLine, valueAxis } from './chart-theme'
import { xyPairs } from './density-option'
import type { RegressionOptionSettings } from './regression-option'

/** The residuals a view shows: the engine's scaled/deviance residuals, or a one-predictor plot's raw ones. */
function residualData(r: RegressionResult): { fitted: number[]; residual: number[]; label: string } | null {
  if (r.residuals) {
    const label = r.residuals.kind === 'standardized' ? 'Standardized residual' : 'Deviance residual'
    return { fitted: r.residuals.fitted, residual: r.residuals.residual, label }
  }
  return r.plot ? { ...r.plot.residuals, label: 'Residual' } : null
}

function scatter(id: string, name: string, color: string, data: number[][]): Record<string, unknown> {
  return {
    id,
    name,
    type: 'line',
    lineStyle: { width: 0 },
    symbol: 'circle',
    symbolSize: 5,
    itemStyle: { color, opacity: 0.75 },
    data,
  }
}

function finiteExtent(values: readonly number[]): [number, number] {
  const finite = values.filter(Number.isFinite)
  return [Math.min(...finite), Math.max(...finite)]
}

/**
 * Residuals against fitted values, any number of predictors, with the zero line a good fit scatters
 * around. Linear: residual / residual standard error; GLMs: deviance residuals.
 */
export function buildResidualOption(
  result: RegressionResult,
  settings: RegressionOptionSettings = {},
): EChartsCoreOption | null {
  const data = residualData(result)
  if (!data) return null
  const colors = settings.colors ?? LIGHT_COLORS
  const [lo, hi] = finiteExtent(data.fitted)
  return {
    ...baseOption(colors, settings.title),
    legend: { top: settings.title ? 36 : 8, textStyle: { color: colors.text } },
    grid: { left: 64, right: 24, top: gridTop(settings.title), bottom: 48 },
    xAxis: valueAxis(colors, result.model === 'linear' ? 'Fitted value' : 'Fitted mean'),
    yAxis: valueAxis(colors, data.label, { nameGap: 48 }),
    series: [
      referenceLine(colors, 'zero', 'Zero', [
        [lo, 0],
        [hi, 0],
      ]),
      scatter('residuals', 'Residuals', colors.palette[0], xyPairs(data.fitted, data.residual)),
    ],
  }
}

/** Normal Q-Q plot of the residuals with the line y = x (standard normal residuals fall on it). */
export function buildResidualQqOption(
  result: RegressionResult,
  settings: RegressionOptionSettings = {},
): EChartsCoreOption | null {
  const res = result.residuals
  if (!res) return null
  const colors = settings.colors ?? LIGHT_COLORS
  const [lo, hi] = finiteExtent([...res.qq.theoretical, ...res.qq.sample])
  const label = res.kind === 'standardized' ? 'Standardized residual' : 'Deviance residual'
  return {
    ...baseOption(colors, settings.title),
    legend: { top: settings.title ? 36 : 8, textStyle: { color: colors.text } },
    grid: { left: 64, right: 24, top: gridTop(settings.title), bottom: 48 },
    xAxis: valueAxis(colors, 'Standard normal quantile'),
    yAxis: valueAxis(colors, `${label} (sorted)`, { nameGap: 48 }),
    series: [
      referenceLine(colors, 'identity', 'y = x', [
        [lo, lo],
        [hi, hi],
      ]),
      scatter('qq', 'Residual quantiles', colors.palette[0], xyPairs(res.qq.theoretical, res.qq.sample)),
    ],
  }
}

/** A horizontal whisker from the interval's ends at category y (values: lower, upper, category index). */
function renderWhisker(_params: CustomSeriesRenderItemParams, api: CustomSeriesRenderItemAPI) {
  const a = api.coord([api.value(0), api.value(2)]) as number[]
  const b = api.coord([api.value(1), api.value(2)]) as number[]
  const cap = 5
  const style = { stroke: api.visual('color') as string, lineWidth: 1.5 }
  return {
    type: 'group' as const,
    children: [
      { type: 'line' as const, shape: { x1: a[0], y1: a[1], x2: b[0], y2: b[1] }, style },
      { type: 'line' as const, shape: { x1: a[0], y1: a[1] - cap, x2: a[0], y2: a[1] + cap }, style },
      { type: 'line' as const, shape: { x1: b[0], y1: b[1] - cap, x2: b[0], y2: b[1] + cap }, style },
    ],
  }
}

/**
 * Coefficient plot: each coefficient but the intercept (on its own scale it would squeeze the rest) as its
 * estimate with the 95% interval, top to bottom in table order, and the zero line. Null without estimates.
 */
export function buildCoefficientOption(
  result: RegressionResult,
  settings: RegressionOptionSettings = {},
): EChartsCoreOption | null {
  const rows = result.coefficients.filter((c) => c.name !== '(Intercept)' && Number.isFinite(c.estimate))
  if (rows.length === 0) return null
  const colors = settings.colors ?? LIGHT_COLORS
  const names = rows.map((c) => c.name)
  const longest = Math.max(...names.map((n) => n.length))
  return {
    ...baseOption(colors, settings.title),
    legend: { top: settings.title ? 36 : 8, textStyle: { color: colors.text } },
    grid: { left: Math.min(260, 24 + 7 * longest), right: 32, top: gridTop(settings.title), bottom: 48 },
    tooltip: { trigger: 'item' },
    xAxis: valueAxis(
      colors,
      result.model === 'linear' ? 'Estimate (95% interval)' : 'Estimate, link scale (95% interval)',
    ),
    yAxis: {
      type: 'category',
      data: names,
      inverse: true,
      axisLabel: { color: colors.text },
      axisLine: { lineStyle: { color: colors.axis } },
    },
    series: [
      {
        id: 'zero',
        name: 'Zero',
        type: 'line',
        silent: true,
        data: [],
        markLine: {
          silent: true,
          symbol: 'none',
          lineStyle: { type: 'dashed', color: colors.reference },
          data: [{ xAxis: 0 }],
          label: { show: false },
        },
      },
      {
        id: 'intervals',
        name: '95% interval',
        type: 'custom',
        renderItem: renderWhisker,
        itemStyle: { color: colors.palette[1] },
        encode: { x: [0, 1], y: 2 },
        data: rows.map((c, k) => [c.ci95[0], c.ci95[1], k]),
      },
      {
        ...scatter(
          'estimates',
          'Estimate',
          colors.palette[0],
          rows.map((c, k) => [c.estimate, k]),
        ),
        symbolSize: 8,
      },
    ],
  }
}
