import type { EChartsCoreOption } from 'echarts/core'
import type { CustomSeriesRenderItemAPI, CustomSeriesRenderItemParams } from 'echarts'
import type {
  FitResult,
  LikelihoodGrid,
  LikelihoodGridRequest,
  TracePoint,
} from '../../../src-shared/contract'
import { baseOption, gridTop, LIGHT_COLORS, valueAxis, type ChartColors } from './chart-theme'
import { contourSegments } from './contour-lines'
import { decimate } from './convergence-option'

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

// Location-like parameters may be negative; every other parameter of the registry is positive (scale,
// rate, shape) or a probability, so its grid stays inside its domain.
const UNBOUNDED = new Set(['mu', 'x0', 'a', 'b', 'loc', 'location'])
const PROBABILITY = new Set(['p'])

/**
 * Grid axes around the MLE for `names` (one or two parameters): estimate ± 4 standard errors (± 50% when
 * no SE), widened to hold the optimizer's path, then kept inside the parameter's domain.
 */
export function gridAxesAround(
  fit: FitResult,
  names: string[],
  steps: number,
  paths: readonly (readonly TracePoint[])[] = [fit.trace],
): LikelihoodGridRequest['axes'] {
  return names.map((name) => {
    const est = fit.estimates.find((e) => e.name === name)
    const value = fit.params[name]
    const se = est?.standardError ?? null
    // Without a standard error (e.g. a support-boundary estimate), three profile half-widths, else ±50%.
    const profile = est?.profile95 ? Math.max(value - est.profile95[0], est.profile95[1] - value) : 0
    const half =
      se && Number.isFinite(se) && se > 0
        ? 4 * se
        : profile > 0 && Number.isFinite(profile)
          ? 3 * profile
          : Math.max(Math.abs(value) * 0.5, 0.5)
    let min = value - half
    let max = value + half
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
    if (PROBABILITY.has(name)) {
      min = Math.max(min, 1e-6)
      max = Math.min(max, 1 - 1e-6)
    } else if (!UNBOUNDED.has(name) && value > 0 && min <= 0) {
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

/** Colour of a cell `drop` log-likelihood units below the optimum, on a ramp spanning `span` units. */
export function rampColor(drop: number, span: number): string {
  const t = Math.min(Math.max(drop / span, 0), 1) * (RAMP.length - 1)
  return RAMP[Math.round(t)]
}

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
    style: { fill: api.value(5) as unknown as string },
    clipPath: { type: 'rect' as const, shape: { ...coordSys } },
  }
}

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
  const top = gridTop(settings.title)
  const best = settings.maxLogLikelihood ?? gridMax(grid)
  const [ax, ay] = grid.axes
  const sym = (n: string) => settings.symbols[n] ?? n
  const legend = { top: settings.title ? 36 : 8, textStyle: { color: colors.text }, type: 'scroll' }
  if (!ay) {
    const xs = ax.values
    const zs = grid.z[0] ?? []
    const curve: [number, number][] = []
    xs.forEach((x, i) => {
      if (Number.isFinite(zs[i])) curve.push([x, zs[i]])
    })
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
      {
        id: 'cut95',
        name: '95% interval cut (max − 1.92)',
        type: 'line',
        showSymbol: false,
        silent: true,
        lineStyle: { type: 'dashed', color: colors.reference },
        itemStyle: { color: colors.reference },
        data: [
          [xs[0], best - CURVE_DROP_95],
          [xs[xs.length - 1], best - CURVE_DROP_95],
        ],
      },
    ]
    settings.paths.forEach((path, k) => {
      const color = colors.palette[k % colors.palette.length]
      series.push({
        id: `path-${k}`,
        name: path.trace.length > 1 ? `${path.label} path` : path.label,
        type: 'line',
        lineStyle: { width: 0 },
        symbol: 'circle',
        symbolSize: 6,
        itemStyle: { color },
        data: decimate(path.trace, 300)
          .map((p) => [p.params[ax.name], interpolate(xs, zs, p.params[ax.name])])
          .filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y)),
      })
    })
    const finite = curve.map((c) => c[1])
    const lowest = Math.max(Math.min(...finite), best - 40)
    return {
      ...baseOption(colors, settings.title),
      legend,
      grid: { left: 80, right: 24, top, bottom: 52 },
      xAxis: valueAxis(colors, sym(ax.name), { min: xs[0], max: xs[xs.length - 1], scale: false }),
      yAxis: valueAxis(colors, 'Log-likelihood', { min: Math.floor(lowest), nameGap: 60 }),
      series,
    }
  }

  const xs = ax.values
  const ys = ay.values
  const span = 2 * SURFACE_LEVELS[SURFACE_LEVELS.length - 1].drop * 2
  const cells: (number | string)[][] = []
  const edge = (v: readonly number[], i: number, side: -1 | 1) => {
    const j = i + side
    const other = v[j] ?? v[i] - (v[i - side] - v[i])
    return (v[i] + other) / 2
  }
  for (let j = 0; j < ys.length; j++) {
    for (let i = 0; i < xs.length; i++) {
      const v = grid.z[j]?.[i]
      if (!Number.isFinite(v)) continue
      cells.push([
        edge(xs, i, -1),
        edge(ys, j, -1),
        edge(xs, i, 1),
        edge(ys, j, 1),
        v,
        rampColor(best - v, span),
      ])
    }
  }
  const series: Record<string, unknown>[] = [
    {
      id: 'surface',
      name: 'Log-likelihood surface',
      type: 'custom',
      renderItem: renderCell,
      encode: { x: [0, 2], y: [1, 3] },
      itemStyle: { color: RAMP[3] },
      silent: true,
      // Drawn in one pass: progressive rendering (ECharts' default above 3,000 items) repaints the 61 x 61
      // cells a few rows a frame on every slider move, so the surface flickers and is seen half drawn.
      progressive: 0,
      data: cells,
    },
  ]
  SURFACE_LEVELS.forEach((level, k) => {
    const data: (number[] | null)[] = []
    for (const [a, b] of contourSegments(xs, ys, grid.z, best - level.drop)) data.push(a, b, null)
    series.push({
      id: `contour-${level.label}`,
      name: `${level.label} region`,
      type: 'line',
      showSymbol: false,
      silent: true,
      connectNulls: false,
      lineStyle: { width: k === 2 ? 2 : 1, color: colors.text, type: k === 2 ? 'solid' : 'dotted' },
      itemStyle: { color: colors.text },
      data,
    })
  })
  settings.paths.forEach((path, k) => {
    const color = k === 0 ? '#ff3d3d' : colors.palette[(k + 1) % colors.palette.length]
    series.push({
      id: `path-${k}`,
      name: path.trace.length > 1 ? `${path.label} path` : path.label,
      type: 'line',
      showSymbol: true,
      symbol: 'circle',
      // A single point (the explorer's or the sliders' position) is drawn large enough to find.
      symbolSize: path.trace.length > 1 ? 4 : 12,
      lineStyle: { width: 2, color },
      itemStyle: { color },
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
  return {
    ...baseOption(colors, settings.title),
    legend,
    grid: { left: 80, right: 24, top, bottom: 52 },
    xAxis: valueAxis(colors, sym(ax.name), {
      min: xs[0],
      max: xs[xs.length - 1],
      scale: false,
      splitLine: { show: false },
    }),
    yAxis: valueAxis(colors, sym(ay.name), {
      min: ys[0],
      max: ys[ys.length - 1],
      scale: false,
      nameGap: 56,
      splitLine: { show: false },
    }),
    series,
  }
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
