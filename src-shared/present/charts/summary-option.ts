import type { EChartsCoreOption } from 'echarts/core'
import type { Diagnostics, FitResult } from '../../../src-shared/contract'
import { fitLabel } from '../format'
import { baseOption, LIGHT_COLORS, type ChartColors } from './chart-theme'
import { buildDensityOption } from './density-option'
import { buildDiagnosticsOption } from './diagnostics-option'

export interface SummaryOptionSettings {
  title?: string
  colors?: ChartColors
  xScale?: 'log' | 'linear'
}

type Obj = Record<string, unknown>
const asList = (v: unknown): Obj[] => (Array.isArray(v) ? (v as Obj[]) : v ? [v as Obj] : [])

/**
 * The four-panel summary of a fit (density, CDF, Q-Q, P-P), like fitdistrplus' `plot(fit)`: the four
 * single-chart options placed on one 2 × 2 grid, so that one option exports as one image (PNG, SVG, PDF).
 */
export function buildSummaryOption(
  fit: FitResult,
  d: Diagnostics,
  settings: SummaryOptionSettings = {},
): EChartsCoreOption {
  const colors = settings.colors ?? LIGHT_COLORS
  const common = { colors, xScale: settings.xScale, zoom: false }
  const label = fitLabel(fit)
  const panels: [string, EChartsCoreOption][] = [
    ['Density', buildDensityOption(fit, common)],
    ['Empirical and fitted CDF', buildDiagnosticsOption('cdf', d, { ...diag(fit, label), ...common })],
    ['Q-Q plot', buildDiagnosticsOption('qq', d, { ...diag(fit, label), ...common })],
    ['P-P plot', buildDiagnosticsOption('pp', d, { ...diag(fit, label), ...common })],
  ]
  const c = fit.censoring
  const data = c
    ? `Data: ${fit.column} (${c.right + c.left + c.interval} censored, not in the histogram)`
    : `Data: ${fit.column}`
  for (const [, option] of panels) nameShared(option, data, label, colors.palette[1])
  const combined = combinePanels(panels, colors, settings.title ?? label) as Obj
  return { ...combined, legend: sharedLegend(combined, colors, [data, label, ...SHARED_EXTRAS]) }
}

/** The legend entries every panel shares beside the data and the fit (in this order). */
const SHARED_EXTRAS = ['y = x (perfect fit)', '95% bands'] as const

/**
 * One name per role across the panels, so one legend names (and toggles) them all: the data (histogram,
 * empirical CDF, Q-Q and P-P points), the fit (its density and CDF, with the family's parameters) and the
 * 95% bands (KS on the CDF, pointwise on Q-Q and P-P).
 */
function nameShared(option: EChartsCoreOption, data: string, fit: string, bandColor: string): void {
  const roles: Record<string, string> = {
    histogram: data,
    empirical: data,
    points: data,
    density: fit,
    fitted: fit,
    'band-lower': '95% bands',
    'band-upper': '95% bands',
  }
  for (const s of asList((option as Obj).series)) {
    const role = roles[String(s.id)]
    if (role) s.name = role
    // One colour for the bands in every panel, as the legend shows them.
    if (role === '95% bands') {
      s.lineStyle = { ...(s.lineStyle as Obj), color: bandColor }
      s.itemStyle = { ...(s.itemStyle as Obj), color: bandColor }
    }
  }
}

/** The single legend under the figure's title: the roles present, in a fixed order. */
function sharedLegend(option: Obj, colors: ChartColors, order: string[]): Obj {
  const present = new Set(asList(option.series).map((s) => String(s.name)))
  return {
    top: LEGEND_TOP,
    left: 'center',
    type: 'scroll',
    // Slack for fonts wider than the metrics ECharts laid the text out by (the PDF export's DejaVu Sans).
    itemGap: 30,
    textStyle: { color: colors.text, fontSize: 12 },
    data: order.filter((name) => present.has(name)),
  }
}

/** Pixels from the top: the figure's title, then the legend, then the top row's titles and plots. */
const LEGEND_TOP = 28
const ROW0_TOP = 76

function diag(fit: FitResult, label: string) {
  return { column: fit.column, distLabel: fit.distLabel, fitLabel: label }
}

/** Places single-grid options in a 2 × 2 layout (percentages), each with its own axes and a small title. */
export function combinePanels(
  panels: [string, EChartsCoreOption][],
  colors: ChartColors,
  title: string,
): EChartsCoreOption {
  const grids: Obj[] = []
  const xAxes: Obj[] = []
  const yAxes: Obj[] = []
  const series: Obj[] = []
  const titles: Obj[] = [
    { text: title, left: 'center', top: 6, textStyle: { color: colors.text, fontSize: 14 } },
  ]
  panels.forEach(([name, option], k) => {
    const o = option as Obj
    const col = k % 2
    const row = Math.floor(k / 2)
    const left = col === 0 ? 8 : 58
    // Rows in pixels where text sits (title, legend and panel titles above the top row; the bottom row's
    // axis names below it) and in percent between them, so the figure reads from a 350 px tab to a 2000 px
    // export: the top row ends at 44% (its axis names below), the bottom row's title sits on 60%.
    const place = row === 0 ? { top: ROW0_TOP, bottom: '56%' } : { top: '60%', bottom: 44 }
    grids.push({ left: `${left}%`, width: '36%', ...place, containLabel: false })
    titles.push({
      text: name,
      left: `${left + 18}%`,
      ...(row === 0 ? { top: ROW0_TOP - 22 } : { bottom: '40%' }),
      textAlign: 'center',
      textStyle: { color: colors.text, fontSize: 12, fontWeight: 'normal' },
    })
    xAxes.push({ ...asList(o.xAxis)[0], gridIndex: k, nameGap: 26 })
    yAxes.push({ ...asList(o.yAxis)[0], gridIndex: k, nameGap: 44, nameTextStyle: { fontSize: 11 } })
    for (const s of asList(o.series))
      series.push({ ...s, id: `${String(s.id)}-${k}`, xAxisIndex: k, yAxisIndex: k })
  })
  return {
    ...baseOption(colors),
    title: titles,
    grid: grids,
    xAxis: xAxes,
    yAxis: yAxes,
    series,
  }
}
