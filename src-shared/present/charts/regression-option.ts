import type { EChartsCoreOption } from 'echarts/core'
import type { CustomSeriesRenderItemAPI, CustomSeriesRenderItemParams } from 'echarts'
import type { LikelihoodGrid, RegressionResult } from '../../../src-shared/contract'
import { baseOption, gridTop, LIGHT_COLORS, valueAxis, type ChartColors } from './chart-theme'
import { xyPairs } from './density-option'

export interface RegressionOptionSettings {
  title?: string
  colors?: ChartColors
}

/** One band segment as a filled quadrilateral: x0, lower0, x1, lower1, upper1, upper0. */
function renderBandSegment(_params: CustomSeriesRenderItemParams, api: CustomSeriesRenderItemAPI) {
  const p = (x: number, y: number) => api.coord([api.value(x), api.value(y)]) as number[]
  return {
    type: 'polygon' as const,
    shape: { points: [p(0, 1), p(2, 3), p(2, 4), p(0, 5)] },
    style: { fill: api.visual('color') as string, opacity: 0.25 },
  }
}

/** Band segments between consecutive curve points where both bounds are finite. */
export function bandSegments(
  x: readonly number[],
  lower: readonly number[],
  upper: readonly number[],
): number[][] {
  const out: number[][] = []
  for (let i = 0; i + 1 < x.length; i++) {
    const seg = [x[i], lower[i], x[i + 1], lower[i + 1], upper[i + 1], upper[i]]
    if (seg.every(Number.isFinite)) out.push(seg)
  }
  return out
}

const CURVE_NAME = {
  linear: 'Fitted line',
  logistic: 'Fitted probability',
  poisson: 'Fitted mean',
  negbin: 'Fitted mean',
} as const

/**
 * One predictor: the data as points, the fitted line (linear, with its 95% band), probability curve
 * (logistic) or mean (Poisson). Null when the result has no plot (several predictors).
 */
export function buildRegressionFitOption(
  result: RegressionResult,
  settings: RegressionOptionSettings = {},
): EChartsCoreOption | null {
  if (!result.plot) return null
  const colors = settings.colors ?? LIGHT_COLORS
  const { points, curve } = result.plot
  const series: Record<string, unknown>[] = [
    {
      id: 'points',
      name: 'Data',
      type: 'line',
      lineStyle: { width: 0 },
      symbol: 'circle',
      symbolSize: 5,
      itemStyle: { color: colors.palette[0], opacity: 0.7 },
      data: xyPairs(points.x, points.y),
    },
    {
      id: 'curve',
      name: CURVE_NAME[result.model],
      type: 'line',
      showSymbol: false,
      lineStyle: { width: 2.5, color: colors.density },
      itemStyle: { color: colors.density },
      data: xyPairs(curve.x, curve.y),
    },
  ]
  if (curve.lower && curve.upper) {
    series.splice(1, 0, {
      id: 'band',
      name: '95% band',
      type: 'custom',
      renderItem: renderBandSegment,
      encode: { x: [0, 2], y: [1, 3, 4, 5] },
      itemStyle: { color: colors.density },
      silent: true,
      data: bandSegments(curve.x, curve.lower, curve.upper),
    })
  }
  return {
    ...baseOption(colors, settings.title),
    legend: { top: settings.title ? 36 : 8, textStyle: { color: colors.text } },
    grid: { left: 64, right: 24, top: gridTop(settings.title), bottom: 48 },
    xAxis: valueAxis(colors, result.predictors[0] ?? 'x'),
    yAxis: valueAxis(colors, result.response, { nameGap: 48 }),
    series,
  }
}

/**
 * Bilinear interpolation of a two-axis grid at (x, y): what the intercept and slope sliders show between
 * grid points. NaN outside the grid or next to a non-finite cell.
 */
export function interpolateGrid(grid: LikelihoodGrid, x: number, y: number): number {
  const xs = grid.axes[0]?.values ?? []
  const ys = grid.axes[1]?.values ?? []
  const cell = (v: readonly number[], t: number) => {
    if (!(t >= v[0] && t <= v[v.length - 1])) return -1
    let i = 0
    while (i + 2 < v.length && v[i + 1] < t) i++
    return i
  }
  const i = cell(xs, x)
  const j = cell(ys, y)
  if (i < 0 || j < 0 || xs.length < 2 || ys.length < 2) return NaN
  const tx = (x - xs[i]) / (xs[i + 1] - xs[i])
  const ty = (y - ys[j]) / (ys[j + 1] - ys[j])
  const z = grid.z
  return (
    (1 - tx) * (1 - ty) * z[j][i] +
    tx * (1 - ty) * z[j][i + 1] +
    (1 - tx) * ty * z[j + 1][i] +
    tx * ty * z[j + 1][i + 1]
  )
}

/**
 * The grid as log-likelihood whichever way the engine reports it: a surface that is lower at the estimate
 * than at the grid's corners is a negative log-likelihood and is negated.
 */
export function asLogLikelihood(grid: LikelihoodGrid, at: [number, number]): LikelihoodGrid {
  const centre = interpolateGrid(grid, at[0], at[1])
  const corner = grid.z[0]?.[0]
  if (!(Number.isFinite(centre) && Number.isFinite(corner) && centre < corner)) return grid
  return { axes: grid.axes, z: grid.z.map((row) => row.map((v) => -v)) }
}
