import type { ThresholdChoice } from '../../../src-shared/contract'
import { baseOption, gridTop, valueAxis, type ChartColors } from './chart-theme'
import type { EChartsCoreOption } from 'echarts/core'

export interface ThresholdChoiceSettings {
  colors: ChartColors
  title?: string
  /** The fit's threshold, marked on every panel. */
  threshold: number | null
}

type Pair = [number, number]

/** Each row's estimate, lower and upper 95% end against its threshold u, as three lines of pairs. */
function lines<T extends { u: number }>(
  rows: T[],
  ...keys: [keyof T, keyof T, keyof T]
): [Pair[], Pair[], Pair[]] {
  const line = (k: keyof T) => rows.map((r): Pair => [r.u, r[k] as number])
  return [line(keys[0]), line(keys[1]), line(keys[2])]
}

/** One panel's estimate line and its 95% band (dashed), on grid `g`. */
function panel(id: string, name: string, g: number, color: string, [mid, lo, hi]: [Pair[], Pair[], Pair[]]) {
  const common = { type: 'line', xAxisIndex: g, yAxisIndex: g, itemStyle: { color } }
  const band = { ...common, showSymbol: false, silent: true, lineStyle: { type: 'dashed', width: 1, color } }
  return [
    { ...common, id, name, symbol: 'circle', symbolSize: 6, lineStyle: { width: 2, color }, data: mid },
    { ...band, id: `${id}-lower`, name: `${name} 95% interval`, data: lo },
    { ...band, id: `${id}-upper`, name: `${name} 95% interval`, data: hi },
  ]
}

/**
 * The peaks-over-threshold threshold choice on one figure: the mean-excess plot (top) and the
 * parameter-stability plots of sigma* = sigma - xi u and xi (below), each with its 95% interval, over the
 * same threshold axis; the fit's threshold is a vertical line on each.
 */
export function buildThresholdChoiceOption(
  data: ThresholdChoice,
  s: ThresholdChoiceSettings,
): EChartsCoreOption {
  const { colors } = s
  const top = gridTop(s.title)
  // Three stacked panels sharing the threshold axis.
  const grid = [
    { top: top + 4, height: '22%' },
    { top: '42%', height: '20%' },
    { top: '70%', height: '20%' },
  ].map((g) => ({ ...g, left: 72, right: 24 }))
  const me = data.meanExcess
  const st = data.stability.filter((p) => p.converged)
  const marker = (g: number) =>
    s.threshold === null
      ? []
      : [
          {
            id: `threshold-${g}`,
            name: 'Fit’s threshold',
            type: 'line',
            xAxisIndex: g,
            yAxisIndex: g,
            data: [],
            markLine: {
              silent: true,
              symbol: 'none',
              lineStyle: { color: colors.density, type: 'solid' },
              label: { show: g === 0, formatter: `u = ${s.threshold}`, color: colors.text },
              data: [{ xAxis: s.threshold }],
            },
          },
        ]
  const xs = me.map((m) => m.u)
  const xRange = { min: Math.min(...xs), max: Math.max(...xs) }
  return {
    ...baseOption(colors, s.title),
    legend: {
      top: s.title ? 40 : 8,
      textStyle: { color: colors.text },
      data: ['Mean excess', 'σ* = σ − ξu', 'ξ'],
    },
    grid,
    xAxis: [0, 1, 2].map((g) =>
      valueAxis(colors, g === 2 ? 'Threshold u' : '', { gridIndex: g, ...xRange, nameGap: 26 }),
    ),
    yAxis: [
      valueAxis(colors, 'Mean excess', { gridIndex: 0, nameGap: 52 }),
      valueAxis(colors, 'σ*', { gridIndex: 1, nameGap: 52 }),
      valueAxis(colors, 'ξ', { gridIndex: 2, nameGap: 52 }),
    ],
    series: [
      ...panel('mean-excess', 'Mean excess', 0, colors.palette[0], lines(me, 'mean', 'lower', 'upper')),
      ...panel(
        'sigma-star',
        'σ* = σ − ξu',
        1,
        colors.palette[1],
        lines(st, 'sigmaStar', 'sigmaStarLower', 'sigmaStarUpper'),
      ),
      ...panel('xi', 'ξ', 2, colors.palette[2], lines(st, 'xi', 'xiLower', 'xiUpper')),
      ...marker(0),
      ...marker(1),
      ...marker(2),
    ],
  }
}
