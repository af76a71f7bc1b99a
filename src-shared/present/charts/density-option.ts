import type { EChartsCoreOption } from 'echarts/core'
import type { CustomSeriesRenderItemAPI, CustomSeriesRenderItemParams } from 'echarts'
import type { FitResult } from '../../../src-shared/contract'
import { fitLabel } from '../format'
import {
  baseOption,
  gridTop,
  LIGHT_COLORS,
  scaledAxis,
  SLIDER_ROOM,
  valueAxis,
  zoomFor,
  type ChartColors,
} from './chart-theme'

export { DARK_COLORS, LIGHT_COLORS, type ChartColors } from './chart-theme'

export interface DensityOptionSettings {
  /** Set for exports: the chart's title (file, column, family). */
  title?: string
  colors?: ChartColors
  /** Draw the density at the optimizer's starting point (moment estimates) as a dashed line. */
  showStart?: boolean
  /** Other fits to the same column drawn over the histogram (their density or pmf). */
  overlays?: FitResult[]
  /** Likelihood explorer: a density at user-chosen parameters, drawn instead of nothing. */
  explorer?: { x: number[]; y: number[]; label: string } | null
  /** x axis scale, already resolved (see axis-scale.ts); linear when absent. */
  xScale?: 'log' | 'linear'
  /** Zoom and pan (on screen); exports leave it out. Defaults to true without a title. */
  zoom?: boolean
}

type Rect = { x: number; y: number; width: number; height: number }

/** Histogram bars as rectangles on a value axis, [x0, x1] wide and `density` high. */
function renderBin(params: CustomSeriesRenderItemParams, api: CustomSeriesRenderItemAPI) {
  const [x0, y0] = api.coord([api.value(0), 0]) as number[]
  const [x1, y1] = api.coord([api.value(1), api.value(2)]) as number[]
  const coordSys = params.coordSys as unknown as Rect
  return {
    type: 'rect' as const,
    shape: { x: x0, y: y1, width: Math.max(x1 - x0 - 1, 1), height: y0 - y1 },
    style: { fill: (api.visual('color') as string) ?? '#9fb3c8' },
    clipPath: { type: 'rect' as const, shape: { ...coordSys } },
  }
}

/** Discrete observed frequencies: a bar of 60% of one unit centred on the integer. */
function renderCountBar(params: CustomSeriesRenderItemParams, api: CustomSeriesRenderItemAPI) {
  const k = api.value(0) as number
  const [xa, y0] = api.coord([k - 0.3, 0]) as number[]
  const [xb, y1] = api.coord([k + 0.3, api.value(1)]) as number[]
  const coordSys = params.coordSys as unknown as Rect
  return {
    type: 'rect' as const,
    shape: { x: xa, y: y1, width: Math.max(xb - xa, 1), height: y0 - y1 },
    style: { fill: (api.visual('color') as string) ?? '#9fb3c8' },
    clipPath: { type: 'rect' as const, shape: { ...coordSys } },
  }
}

/**
 * Pairs [x, y] for a line series, skipping non-finite values (gaps rather than spikes) and, for a log
 * axis (`positiveX`), values a log scale cannot place.
 */
export function xyPairs(x: readonly number[], y: readonly number[], positiveX = false): [number, number][] {
  const out: [number, number][] = []
  const m = Math.min(x.length, y.length)
  for (let i = 0; i < m; i++)
    if (Number.isFinite(x[i]) && Number.isFinite(y[i]) && (!positiveX || x[i] > 0)) out.push([x[i], y[i]])
  return out
}

/**
 * Integer a discrete bin stands for. Engines write one bin per integer either as [k - 0.5, k + 0.5] or
 * [k, k + 1]; the ceiling of the left edge is k in both.
 */
export function binInteger(x0: number): number {
  // + 0 turns the -0 of ceil(-0.5) into 0.
  return Math.ceil(x0) + 0
}

/**
 * Histogram of the data (density scale) with the fitted density, the starting-point density and other fits
 * overlaid; for discrete families, observed relative frequencies as bars against the fitted probability
 * mass as points. Pure: the same inputs give the same option, so it is unit-tested without a browser.
 */
export function buildDensityOption(fit: FitResult, settings: DensityOptionSettings = {}): EChartsCoreOption {
  const colors = settings.colors ?? LIGHT_COLORS
  const log = settings.xScale === 'log'
  const zoom = settings.zoom ?? settings.title === undefined
  const series = [...dataAndFitSeries(fit, colors, log), ...extraSeries(fit, settings, colors, log)]
  const [xMin, xMax] = xRange(fit, log)
  return {
    ...baseOption(colors, settings.title),
    legend: {
      top: settings.title ? 36 : 8,
      textStyle: { color: colors.text },
      data: series.map((s) => s.name as string),
      type: 'scroll',
    },
    grid: { left: 64, right: 24, top: gridTop(settings.title), bottom: 48 + (zoom ? SLIDER_ROOM : 0) },
    xAxis: scaledAxis(
      colors,
      axisTitle(fit.column, log),
      log ? 'log' : 'linear',
      [xMin, xMax],
      log
        ? {}
        : {
            splitLine: { show: false },
            // The axis ends at the data's edges, not at round numbers: no labels there (they read "494.2905").
            axisLabel: { color: colors.text, showMinLabel: fit.discrete, showMaxLabel: fit.discrete },
            ...(fit.discrete ? { minInterval: 1 } : {}),
          },
    ),
    yAxis: valueAxis(colors, fit.discrete ? 'Probability' : 'Density', { scale: false, nameGap: 48 }),
    dataZoom: zoomFor(zoom),
    series,
  }
}

/** The x axis's title: the column, and the scale when it is a log one. */
export function axisTitle(column: string, log: boolean): string {
  return log ? `${column} (log scale)` : column
}

/** The data (histogram, or observed frequencies for counts) and the fitted density (or mass as points). */
function dataAndFitSeries(fit: FitResult, colors: ChartColors, log: boolean): Record<string, unknown>[] {
  const bars = { id: 'histogram', type: 'custom', itemStyle: { color: colors.bars } }
  const fitted = {
    id: 'density',
    name: fitLabel(fit),
    type: 'line',
    itemStyle: { color: colors.density },
  }
  const density = xyPairs(fit.density.x, fit.density.y, log)
  if (!fit.discrete) {
    return [
      {
        ...bars,
        name: fit.censoring ? censoredHistogramName(fit.censoring) : 'Data (histogram)',
        renderItem: renderBin,
        encode: { x: [0, 1], y: 2 },
        // A log axis cannot place 0: a bin starting at or below it starts at its own right edge / 1000.
        data: fit.histogram.map((b) => [log && b.x0 <= 0 ? b.x1 / 1000 : b.x0, b.x1, b.density, b.count]),
        tooltip: { formatter: (p: { value: number[] }) => binLabel(p.value) },
      },
      { ...fitted, showSymbol: false, lineStyle: { width: 2.5, color: colors.density }, data: density },
    ]
  }
  const frequencies = fit.histogram.map((b) => [binInteger(b.x0), fit.n > 0 ? b.count / fit.n : 0, b.count])
  return [
    {
      ...bars,
      name: 'Observed frequency',
      renderItem: renderCountBar,
      encode: { x: 0, y: 1 },
      data: frequencies,
      tooltip: { formatter: (p: { value: number[] }) => `${p.value[0]}: ${p.value[2]} observed` },
    },
    {
      ...fitted,
      symbol: 'circle',
      symbolSize: 8,
      showSymbol: true,
      lineStyle: { width: 1, type: 'dotted', color: colors.density },
      data: density,
    },
  ]
}

/** The starting-point density, other fits and the explorer's density, each as a line. */
function extraSeries(fit: FitResult, settings: DensityOptionSettings, colors: ChartColors, log: boolean) {
  const line = (id: string, name: string, x: number[], y: number[], style: Record<string, unknown>) => ({
    id,
    name,
    type: 'line',
    lineStyle: style,
    itemStyle: { color: style.color },
    data: xyPairs(x, y, log),
  })
  const series: Record<string, unknown>[] = []
  // A mixture's weighted components (they add up to the fitted density): dashed, lightly filled, so each
  // shows where the sum runs on top of it.
  ;(fit.densityParts ?? []).forEach((part, i) => {
    const color = colors.palette[(i + 1) % colors.palette.length]
    const style = { width: 1.6, type: 'dashed', color }
    series.push({
      ...line(`part-${i + 1}`, part.label, fit.density.x, part.y, style),
      showSymbol: false,
      areaStyle: { color, opacity: 0.18 },
    })
  })
  if (settings.showStart && fit.startDensity.x.length > 0) {
    const style = { width: 1.5, type: 'dashed', color: colors.start }
    series.push({
      ...line('start', 'Starting point', fit.startDensity.x, fit.startDensity.y, style),
      showSymbol: fit.discrete,
    })
  }
  ;(settings.overlays ?? [])
    .filter((o) => o.dist !== fit.dist)
    .forEach((o, i) => {
      const style = { width: 1.8, color: colors.palette[i % colors.palette.length] }
      series.push({
        ...line(`overlay-${o.dist}`, fitLabel(o), o.density.x, o.density.y, style),
        showSymbol: o.discrete,
      })
    })
  const explorer = settings.explorer
  if (explorer) {
    const style = { width: 2.5, color: colors.palette[0] }
    series.push({
      ...line('explorer', explorer.label, explorer.x, explorer.y, style),
      showSymbol: fit.discrete,
    })
  }
  return series
}

/**
 * The x axis: the histogram's edges (half a unit around the counts), widened to the density's ends; on a
 * log axis it starts at the smallest positive edge or density point.
 */
function xRange(fit: FitResult, log: boolean): [number, number] {
  const bins = fit.histogram
  const [xMin, xMax] = linearRange(fit)
  if (!log || xMin > 0) return [xMin, xMax]
  const positive = [...bins.map((b) => b.x0), ...fit.density.x].filter((v) => v > 0)
  return [positive.length ? Math.min(...positive) : xMax / 1000, xMax]
}

function linearRange(fit: FitResult): [number, number] {
  const bins = fit.histogram
  if (fit.discrete)
    return [binInteger(bins[0]?.x0 ?? 0) - 0.5, binInteger(bins[bins.length - 1]?.x0 ?? 0) + 0.5]
  const first = bins[0]?.x0 ?? 0
  const last = bins[bins.length - 1]?.x1 ?? 1
  return [
    Math.min(first, fit.density.x[0] ?? first),
    Math.max(last, fit.density.x[fit.density.x.length - 1] ?? last),
  ]
}

function binLabel([x0, x1, density, count]: number[]): string {
  return `[${x0.toPrecision(4)}, ${x1.toPrecision(4)}): ${count} values, density ${density.toPrecision(3)}`
}

/** A censored fit's histogram holds its exact values only: the legend says how many are not in it. */
function censoredHistogramName(c: NonNullable<FitResult['censoring']>): string {
  const censored = c.right + c.left + c.interval
  return `Exact values (${c.exact}; ${censored} censored not shown)`
}
