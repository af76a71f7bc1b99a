import type { EChartsCoreOption } from 'echarts/core'
import type { CustomSeriesRenderItemAPI, CustomSeriesRenderItemParams } from 'echarts'
import type {
  FitResult,
  LikelihoodGrid,
  LikelihoodGridRequest,
  TracePoint,
} from '../../../src-shared/contract'
import { baseOption, gridTop, LIGHT_COLORS, referenceLine, valueAxis, type ChartColors } from './chart-theme'
import { contourSegments } from './contour-lines'
import { decimate } from './convergence-option'
import { formatNumber } from '../format'

/**
 * Confidence regions of the likelihood-ratio test with 2 degrees of freedom: the contour
 * max log-likelihood - q/2 with q = -2 ln(1 - p), the chi-square(2) quantile at p.
 */
export const SURFACE_LEVELS = [0.5, 0.9, 0.95, 0.99].map((p) => ({
  label: `${Math.round(p * 100)}%`,
  drop: -Math.log(1 - p),
}))

/** Half the chi-square(1) 95% quantile (3.841459 / 2): the 1-D profile interval's cut. */
export const CURVE_DROP_95 = 3.841458820694124 / 2

/** A parameter's domain (the engine's DistributionInfo says it); a name not listed counts as real. */
export type ParamDomains = Record<string, 'real' | 'positive' | 'unit-interval'>

/** Half-width of a grid axis: 4 standard errors, else three profile half-widths, else ±50%. */
function halfWidth(fit: FitResult, name: string): number {
  const est = fit.estimates.find((e) => e.name === name)
  const value = fit.params[name]
  const se = est?.standardError ?? null
  // Without a standard error (e.g. a support-boundary estimate), three profile half-widths, else ±50%.
  const profile = est?.profile95 ? Math.max(value - est.profile95[0], est.profile95[1] - value) : 0
  if (se && Number.isFinite(se) && se > 0) return 4 * se
  if (profile > 0 && Number.isFinite(profile)) return 3 * profile
  return Math.max(Math.abs(value) * 0.5, 0.5)
}

/**
 * Grid axes around the MLE for `names` (one or two parameters): estimate ± 4 standard errors (± 50% when
 * no SE), widened to hold the optimizer's path, then kept inside each parameter's domain.
 */
export function gridAxesAround(
  fit: FitResult,
  names: string[],
  steps: number,
  paths: readonly (readonly TracePoint[])[] = [fit.trace],
  domains: ParamDomains = {},
): LikelihoodGridRequest['axes'] {
  return names.map((name) => {
    const value = fit.params[name]
    let min = value - halfWidth(fit, name)
    let max = value + halfWidth(fit, name)
    for (const path of paths)
      for (const p of path) {
        const v = p.params[name]
        if (Number.isFinite(v)) {
          min = Math.min(min, v)
          max = Math.max(max, v)
        }
      }
    const pad = (max - min) * 0.04
    min -= pad
    max += pad
    if (domains[name] === 'unit-interval') {
      min = Math.max(min, 1e-6)
      max = Math.min(max, 1 - 1e-6)
    } else if (domains[name] === 'positive' && value > 0 && min <= 0) {
      min = Math.min(value, ...paths.flatMap((p) => p.map((t) => t.params[name] ?? value))) * 0.5
    }
    return { name, min, max, steps }
  })
}

/** Largest finite value of the grid (the log-likelihood at its best cell). */
export function gridMax(grid: LikelihoodGrid): number {
  let best = -Infinity
  for (const row of grid.z) for (const v of row) if (Number.isFinite(v) && v > best) best = v
  return best
}

// A perceptually ordered ramp (viridis stops), from the optimum (yellow) down to far away (purple).
const RAMP = [
  '#fde725',
  '#b5de2b',
  '#6ece58',
  '#35b779',
  '#1f9e89',
  '#26828e',
  '#31688e',
  '#3e4989',
  '#482878',
  '#440154',
]

function renderCell(params: CustomSeriesRenderItemParams, api: CustomSeriesRenderItemAPI) {
  const [xa, ya] = api.coord([api.value(0), api.value(1)]) as number[]
  const [xb, yb] = api.coord([api.value(2), api.value(3)]) as number[]
  const coordSys = params.coordSys as unknown as { x: number; y: number; width: number; height: number }
  return {
    type: 'rect' as const,
    shape: {
      x: Math.min(xa, xb),
      y: Math.min(ya, yb),
      width: Math.abs(xb - xa) + 0.5,
      height: Math.abs(yb - ya) + 0.5,
    },
    // The colour the visual map gives the cell's log-likelihood (its scale is drawn beside the chart).
    style: { fill: api.visual('color') as string },
    clipPath: { type: 'rect' as const, shape: { ...coordSys } },
  }
}

/** The confidence contours (50, 90, 95, 99%) told apart by line: finer dots inside, the 95% solid. */
const CONTOUR_STYLES = [
  { width: 1, type: [2, 3] },
  { width: 1.2, type: [6, 4] },
  { width: 2, type: 'solid' },
  { width: 1.2, type: [10, 3, 2, 3] },
]

/** A path drawn over the surface or curve: one optimizer's trace and its label. */
export interface OptimizerPath {
  label: string
  trace: readonly TracePoint[]
}

export interface LikelihoodOptionSettings {
  title?: string
  colors?: ChartColors
  /** Parameter symbols for axis names, by parameter name. */
  symbols: Record<string, string>
  /** MLE, marked with a star. */
  mle: Record<string, number>
  /** Optimizer paths (e.g. gradient and Newton), each with at most ~600 points drawn. */
  paths: OptimizerPath[]
  /** Log-likelihood at the MLE; the grid's best cell when absent. */
  maxLogLikelihood?: number
}

/**
 * Two axes: the log-likelihood surface as coloured cells (by drop below the optimum), with the 50/90/95/99%
 * likelihood-ratio confidence contours, the MLE and the optimizer paths. One axis: the log-likelihood
 * curve with the 95% cut (max - 1.92) and the path's points on the curve.
 */
export function buildLikelihoodOption(
  grid: LikelihoodGrid,
  settings: LikelihoodOptionSettings,
): EChartsCoreOption {
  const colors = settings.colors ?? LIGHT_COLORS
  const best = settings.maxLogLikelihood ?? gridMax(grid)
  const sym = (n: string) => settings.symbols[n] ?? n
  const common = {
    ...baseOption(colors, settings.title),
    legend: { top: settings.title ? 36 : 8, textStyle: { color: colors.text }, type: 'scroll' },
    grid: { left: 80, right: 24, top: gridTop(settings.title), bottom: 52 },
  }
  const [ax, ay] = grid.axes
  if (!ay) {
    const { series, lowest } = curveSeries(grid, best, settings.paths, colors)
    return {
      ...common,
      xAxis: valueAxis(colors, sym(ax.name), {
        min: ax.values[0],
        max: ax.values[ax.values.length - 1],
        scale: false,
      }),
      yAxis: valueAxis(colors, 'Log-likelihood', { min: Math.floor(lowest), nameGap: 60 }),
      series,
    }
  }
  const edges = (axis: typeof ax) => ({
    min: axis.values[0],
    max: axis.values[axis.values.length - 1],
    scale: false,
  })
  return {
    ...common,
    grid: { ...common.grid, right: 120 },
    xAxis: valueAxis(colors, sym(ax.name), { ...edges(ax), splitLine: { show: false } }),
    yAxis: valueAxis(colors, sym(ay.name), { ...edges(ay), nameGap: 56, splitLine: { show: false } }),
    visualMap: colourScale(Math.max(best, gridMax(grid)), colors, gridTop(settings.title)),
    series: surfaceSeries(grid, best, settings, colors),
  }
}

/** Log-likelihood units below the optimum the colour ramp spans (twice the 99% region's drop, ~18.4). */
const SURFACE_SPAN = 2 * SURFACE_LEVELS[SURFACE_LEVELS.length - 1].drop * 2

/**
 * The surface's colour scale (ECharts visualMap on the cells' log-likelihood): the ramp from the optimum
 * (yellow) down SURFACE_SPAN units (purple), with both ends' values; lower cells take the far colour.
 */
function colourScale(top: number, colors: ChartColors, gridTopPx: number): Record<string, unknown> {
  return {
    type: 'continuous',
    seriesIndex: 0,
    dimension: 4,
    min: top - SURFACE_SPAN,
    max: top,
    inRange: { color: [...RAMP].reverse() },
    outOfRange: { color: RAMP[RAMP.length - 1] },
    calculable: false,
    orient: 'vertical',
    right: 8,
    top: gridTopPx + 18,
    itemWidth: 14,
    itemHeight: 180,
    text: [`log-lik. ${formatNumber(top)}`, formatNumber(top - SURFACE_SPAN)],
    textGap: 6,
    textStyle: { color: colors.text, fontSize: 11 },
  }
}

/** One axis: the curve, the 95% cut, and each path's points on the curve; `lowest` is the y axis floor. */
function curveSeries(grid: LikelihoodGrid, best: number, paths: OptimizerPath[], colors: ChartColors) {
  const name = grid.axes[0].name
  const xs = grid.axes[0].values
  const zs = grid.z[0] ?? []
  const curve: [number, number][] = []
  xs.forEach((x, i) => {
    if (Number.isFinite(zs[i])) curve.push([x, zs[i]])
  })
  const cut = best - CURVE_DROP_95
  const series: Record<string, unknown>[] = [
    {
      id: 'curve',
      name: 'Log-likelihood',
      type: 'line',
      showSymbol: false,
      lineStyle: { width: 2.5, color: colors.density },
      itemStyle: { color: colors.density },
      data: curve,
    },
    referenceLine(colors, 'cut95', '95% interval cut (max − 1.92)', [
      [xs[0], cut],
      [xs[xs.length - 1], cut],
    ]),
  ]
  paths.forEach((path, k) => {
    const color = colors.palette[k % colors.palette.length]
    series.push({
      ...pathLine(path, k, color),
      lineStyle: { width: 0 },
      symbolSize: 6,
      data: decimate(path.trace, 300)
        .map((p) => [p.params[name], interpolate(xs, zs, p.params[name])])
        .filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y)),
    })
  })
  return { series, lowest: Math.max(Math.min(...curve.map((c) => c[1])), best - 40) }
}

/** Two axes: coloured cells, the confidence contours, the optimizer paths and the MLE. */
function surfaceSeries(
  grid: LikelihoodGrid,
  best: number,
  settings: LikelihoodOptionSettings,
  colors: ChartColors,
): Record<string, unknown>[] {
  const [ax, ay] = grid.axes
  const series: Record<string, unknown>[] = [
    {
      id: 'surface',
      name: 'Log-likelihood surface',
      type: 'custom',
      renderItem: renderCell,
      encode: { x: [0, 2], y: [1, 3] },
      dimensions: ['x0', 'y0', 'x1', 'y1', 'logLikelihood'],
      itemStyle: { color: RAMP[3] },
      silent: true,
      // Drawn in one pass: progressive rendering (ECharts' default above 3,000 items) repaints the 61 x 61
      // cells a few rows a frame on every slider move, so the surface flickers and is seen half drawn.
      progressive: 0,
      data: surfaceCells(grid),
    },
  ]
  SURFACE_LEVELS.forEach((level, k) => {
    const data: (number[] | null)[] = []
    for (const [a, b] of contourSegments(ax.values, ay.values, grid.z, best - level.drop))
      data.push(a, b, null)
    data.pop() // no break after the last segment: the level's label sits at its end
    const style = CONTOUR_STYLES[k % CONTOUR_STYLES.length]
    series.push({
      id: `contour-${level.label}`,
      name: `${level.label} region`,
      type: 'line',
      showSymbol: false,
      silent: true,
      connectNulls: false,
      lineStyle: { ...style, color: colors.text },
      itemStyle: { color: colors.text },
      endLabel: {
        show: true,
        formatter: level.label,
        color: colors.text,
        fontSize: 11,
        backgroundColor: 'rgba(255, 255, 255, 0.75)',
        padding: [1, 3],
      },
      data,
    })
  })
  settings.paths.forEach((path, k) => {
    const color = k === 0 ? '#ff3d3d' : colors.palette[(k + 1) % colors.palette.length]
    series.push({
      ...pathLine(path, k, color),
      showSymbol: true,
      // A single point (the explorer's or the sliders' position) is drawn large enough to find.
      symbolSize: path.trace.length > 1 ? 4 : 12,
      lineStyle: { width: 2, color },
      data: decimate(path.trace, 600).map((p) => [p.params[ax.name], p.params[ay.name]]),
    })
  })
  series.push({
    id: 'mle',
    name: 'MLE',
    type: 'line',
    lineStyle: { width: 0 },
    symbol: 'diamond',
    symbolSize: 14,
    itemStyle: { color: '#ffffff', borderColor: '#000000', borderWidth: 1.5 },
    data: [[settings.mle[ax.name], settings.mle[ay.name]]],
  })
  return series
}

/** The parts of a path's series both views share: id, name (a single point is named as it is), colour. */
function pathLine(path: OptimizerPath, k: number, color: string): Record<string, unknown> {
  return {
    id: `path-${k}`,
    name: path.trace.length > 1 ? `${path.label} path` : path.label,
    type: 'line',
    symbol: 'circle',
    itemStyle: { color },
  }
}

/** Each finite grid value as a cell [x0, y0, x1, y1, log-likelihood], edges halfway to the neighbours. */
function surfaceCells(grid: LikelihoodGrid): number[][] {
  const xs = grid.axes[0].values
  const ys = grid.axes[1].values
  const edge = (v: readonly number[], i: number, side: -1 | 1) => {
    const other = v[i + side] ?? v[i] - (v[i - side] - v[i])
    return (v[i] + other) / 2
  }
  const cells: number[][] = []
  for (let j = 0; j < ys.length; j++) {
    for (let i = 0; i < xs.length; i++) {
      const v = grid.z[j]?.[i]
      if (!Number.isFinite(v)) continue
      cells.push([edge(xs, i, -1), edge(ys, j, -1), edge(xs, i, 1), edge(ys, j, 1), v])
    }
  }
  return cells
}

/** Linear interpolation of y(x) on an increasing grid; NaN outside. */
export function interpolate(xs: readonly number[], ys: readonly number[], x: number): number {
  if (!(x >= xs[0] && x <= xs[xs.length - 1])) return NaN
  let lo = 0
  let hi = xs.length - 1
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1
    if (xs[mid] <= x) lo = mid
    else hi = mid
  }
  if (hi === lo) return ys[lo]
  const t = (x - xs[lo]) / (xs[hi] - xs[lo])
  return ys[lo] + t * (ys[hi] - ys[lo])
}
