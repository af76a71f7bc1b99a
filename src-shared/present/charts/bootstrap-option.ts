import type { EChartsCoreOption } from 'echarts/core'
import type { BootstrapCi, FitResult } from '../../../src-shared/contract'
import { formatNumber } from '../format'
import { baseOption, LIGHT_COLORS, valueAxis, type ChartColors } from './chart-theme'

export interface BootstrapOptionSettings {
  title?: string
  colors?: ChartColors
}

type Obj = Record<string, unknown>

/** Histogram bins (Sturges' count, at least 10) of `values`: [left, right, count]. */
export function histogramBins(values: number[]): [number, number, number][] {
  const lo = Math.min(...values)
  const hi = Math.max(...values)
  const k = Math.max(10, Math.ceil(Math.log2(values.length) + 1))
  const width = hi > lo ? (hi - lo) / k : 1
  const counts = new Array<number>(k).fill(0)
  for (const v of values) counts[Math.min(k - 1, Math.floor((v - lo) / width))]++
  return counts.map((c, i) => [lo + i * width, lo + (i + 1) * width, c])
}

/** Vertical marks of one parameter's histogram: the estimate and both intervals' ends. */
function marks(ci: BootstrapCi, k: number, colors: ChartColors): Obj {
  const it = ci.intervals[k]
  const line = (x: number, name: string, type: string, color: string) => ({
    xAxis: x,
    name,
    lineStyle: { type, color, width: 1.5 },
    label: { show: false },
  })
  const data = [line(it.estimate, 'Estimate', 'solid', colors.density)]
  for (const x of it.percentile ?? []) data.push(line(x, 'Percentile interval', 'dashed', colors.palette[0]))
  for (const x of it.bca ?? []) data.push(line(x, 'BCa interval', 'dotted', colors.palette[1]))
  return { silent: true, symbol: 'none', data }
}

/** Places panel k of `count` side by side (percent of the width), under the title and legend. */
function panelGrid(k: number, count: number, top: number): Obj {
  const width = 84 / count
  return { left: `${8 + k * (width + 4 / count)}%`, width: `${width - 4}%`, top, bottom: 72 }
}

/** One panel's pieces: its grid, axes and series (the panels sit side by side). */
interface Panel {
  grid: Obj
  xAxis: Obj
  yAxis: Obj
  series: Obj[]
}

/**
 * The bootstrap estimates of a fit (fitdistrplus' `plot(bootdist)`): a histogram of each free parameter's
 * replicate estimates (up to three) with the estimate, the percentile and the BCa interval marked, and, for
 * two or more parameters, the scatter of the first two (their joint spread: correlation, skew, outliers).
 */
export function buildBootstrapOption(
  fit: FitResult,
  settings: BootstrapOptionSettings = {},
): EChartsCoreOption | null {
  const ci = fit.bootstrapCi
  if (!ci || ci.estimates.length === 0) return null
  const colors = settings.colors ?? LIGHT_COLORS
  const shown = ci.names.slice(0, 3)
  const count = shown.length + (shown.length >= 2 ? 1 : 0)
  const top = settings.title ? 84 : 56
  const symbol = (name: string) => fit.estimates.find((e) => e.name === name)?.symbol ?? name
  const panels = shown.map((name, k) => histogramPanel(ci, name, k, { count, top, colors, symbol }))
  if (shown.length >= 2) panels.push(scatterPanel(ci, shown.length, { count, top, colors, symbol }))
  return {
    ...baseOption(colors, settings.title),
    legend: {
      top: settings.title ? 36 : 8,
      textStyle: { color: colors.text },
      data: ['Bootstrap estimates', 'Estimate'],
    },
    graphic: [
      {
        type: 'text',
        left: 'center',
        bottom: 8,
        style: { text: caption(ci, shown.length), fill: colors.text, fontSize: 12 },
      },
    ],
    grid: panels.map((p) => p.grid),
    xAxis: panels.map((p) => p.xAxis),
    yAxis: panels.map((p) => p.yAxis),
    series: panels.flatMap((p) => p.series),
  }
}

/** Where a panel goes and how it is labelled. */
interface PanelFrame {
  count: number
  top: number
  colors: ChartColors
  symbol: (name: string) => string
}

/** Panel k: the histogram of parameter `name`'s replicate estimates with the estimate and intervals marked. */
function histogramPanel(ci: BootstrapCi, name: string, k: number, frame: PanelFrame): Panel {
  const { colors } = frame
  return {
    grid: panelGrid(k, frame.count, frame.top),
    xAxis: valueAxis(colors, `${frame.symbol(name)} (${name})`, { gridIndex: k }),
    yAxis: valueAxis(colors, k === 0 ? 'Replicates' : '', { gridIndex: k, scale: false, nameGap: 40 }),
    series: [
      {
        id: `hist-${name}`,
        name: 'Bootstrap estimates',
        type: 'custom',
        xAxisIndex: k,
        yAxisIndex: k,
        renderItem: barRenderer(colors.bars),
        encode: { x: [0, 1], y: 2 },
        data: histogramBins(ci.estimates.map((row) => row[k])),
        markLine: marks(ci, k, colors),
      },
    ],
  }
}

/** The last panel: the first two parameters' replicate estimates against each other, and the estimate. */
function scatterPanel(ci: BootstrapCi, k: number, frame: PanelFrame): Panel {
  const { colors } = frame
  const dots = (id: string, name: string, style: Obj, data: number[][]): Obj => ({
    id,
    name,
    type: 'line',
    xAxisIndex: k,
    yAxisIndex: k,
    lineStyle: { width: 0 },
    showSymbol: true,
    ...style,
    data,
  })
  return {
    grid: panelGrid(k, frame.count, frame.top),
    xAxis: valueAxis(colors, frame.symbol(ci.names[0]), { gridIndex: k }),
    yAxis: valueAxis(colors, frame.symbol(ci.names[1]), { gridIndex: k, nameGap: 44 }),
    series: [
      dots(
        'scatter',
        'Bootstrap estimates',
        {
          symbol: 'circle',
          symbolSize: 3,
          showAllSymbol: true,
          itemStyle: { color: colors.palette[0], opacity: 0.5 },
        },
        thinned(ci.estimates).map((row) => [row[0], row[1]]),
      ),
      dots(
        'estimate',
        'Estimate',
        { symbolSize: 10, symbol: 'diamond', itemStyle: { color: colors.density } },
        [[ci.intervals[0].estimate, ci.intervals[1].estimate]],
      ),
    ],
  }
}

/** The line under the panels: which bootstrap, how many replicates counted, what the marks are. */
function caption(ci: BootstrapCi, shown: number): string {
  const count = (n: number) => n.toLocaleString('en-US')
  const failed = ci.failed > 0 ? `, ${count(ci.failed)} not converged (left out)` : ''
  const thin =
    shown >= 2 && ci.estimates.length > SCATTER_MAX
      ? `; scatter: every ${Math.ceil(ci.estimates.length / SCATTER_MAX)}th replicate`
      : ''
  const kind = ci.method === 'parametric' ? 'Parametric' : 'Nonparametric'
  return `${kind} bootstrap: ${count(ci.converged)} of ${count(ci.replicates)} replicates${failed}; dashed: ${formatNumber(ci.level * 100)}% percentile, dotted: BCa${thin}`
}

/** At most this many points in the scatter (replicates are in random order: every k-th is a fair sample). */
export const SCATTER_MAX = 2_000

function thinned<T>(rows: T[]): T[] {
  const step = Math.ceil(rows.length / SCATTER_MAX)
  return step <= 1 ? rows : rows.filter((_, i) => i % step === 0)
}

/** Draws a histogram bar from [left, right, count] (a custom series: bars of the bins' real widths). */
function barRenderer(color: string) {
  return (_: unknown, api: { value(i: number): number; coord(p: number[]): number[] }) => {
    const [x0, y0] = api.coord([api.value(0), 0])
    const [x1, y1] = api.coord([api.value(1), api.value(2)])
    return {
      type: 'rect',
      shape: { x: x0, y: y1, width: Math.max(1, x1 - x0 - 1), height: y0 - y1 },
      style: { fill: color },
    }
  }
}
