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
  return combinePanels(panels, colors, settings.title ?? label)
}

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
    const top = row === 0 ? 12 : 56
    grids.push({ left: `${left}%`, width: '36%', top: `${top}%`, height: '30%', containLabel: false })
    titles.push({
      text: name,
      left: `${left + 18}%`,
      top: `${top - 5}%`,
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
