import type { EChartsCoreOption } from 'echarts/core'
import type { Diagnostics } from '../../../src-shared/contract'
import { baseOption, gridTop, LIGHT_COLORS, referenceLine, valueAxis, type ChartColors } from './chart-theme'
import { xyPairs } from './density-option'

export type DiagnosticKind = 'cdf' | 'qq' | 'pp'

export interface DiagnosticsOptionSettings {
  title?: string
  colors?: ChartColors
  /** Column name for axis labels. */
  column: string
  /** Family label for the legend, e.g. `Gamma`. */
  distLabel: string
}

function finiteRange(...arrays: readonly number[][]): [number, number] {
  let lo = Infinity
  let hi = -Infinity
  for (const a of arrays)
    for (const v of a) {
      if (!Number.isFinite(v)) continue
      if (v < lo) lo = v
      if (v > hi) hi = v
    }
  return lo <= hi ? [lo, hi] : [0, 1]
}

/**
 * One diagnostic chart from the engine's points: the empirical CDF as a step line against the fitted CDF;
 * Q-Q (sample against theoretical quantiles) and P-P (empirical against fitted probabilities) with the
 * identity y = x as the reference line a perfect fit would follow.
 */
export function buildDiagnosticsOption(
  kind: DiagnosticKind,
  d: Diagnostics,
  settings: DiagnosticsOptionSettings,
): EChartsCoreOption {
  const colors = settings.colors ?? LIGHT_COLORS
  const base = baseOption(colors, settings.title)
  const grid = { left: 64, right: 24, top: gridTop(settings.title), bottom: 52 }
  const legendTop = settings.title ? 36 : 8
  if (kind === 'cdf') {
    return {
      ...base,
      legend: { top: legendTop, textStyle: { color: colors.text } },
      grid,
      xAxis: valueAxis(colors, settings.column),
      yAxis: valueAxis(colors, 'Cumulative probability', { min: 0, max: 1, scale: false, nameGap: 44 }),
      series: [
        {
          id: 'empirical',
          name: 'Empirical CDF',
          type: 'line',
          step: 'end',
          showSymbol: false,
          lineStyle: { width: 1.5, color: colors.palette[0] },
          itemStyle: { color: colors.palette[0] },
          data: xyPairs(d.cdf.x, d.cdf.empirical),
        },
        {
          id: 'fitted',
          name: `${settings.distLabel} CDF`,
          type: 'line',
          showSymbol: false,
          lineStyle: { width: 2.5, color: colors.density },
          itemStyle: { color: colors.density },
          data: xyPairs(d.cdf.x, d.cdf.fitted),
        },
      ],
    }
  }
  const qq = kind === 'qq'
  const xs = qq ? d.qq.theoretical : d.pp.theoretical
  const ys = qq ? d.qq.sample : d.pp.empirical
  const [lo, hi] = qq ? finiteRange(xs, ys) : [0, 1]
  return {
    ...base,
    legend: { top: legendTop, textStyle: { color: colors.text } },
    grid,
    xAxis: valueAxis(
      colors,
      qq ? `Theoretical ${settings.distLabel} quantiles` : `Fitted ${settings.distLabel} CDF`,
      { min: lo, max: hi, scale: false },
    ),
    yAxis: valueAxis(colors, qq ? `Sample quantiles (${settings.column})` : 'Empirical probability', {
      min: lo,
      max: hi,
      scale: false,
      nameGap: 48,
    }),
    series: [
      referenceLine(
        colors,
        'reference',
        'y = x (perfect fit)',
        [
          [lo, lo],
          [hi, hi],
        ],
        1.5,
      ),
      {
        id: 'points',
        name: qq ? 'Q-Q points' : 'P-P points',
        type: 'line',
        lineStyle: { width: 0 },
        symbol: 'circle',
        symbolSize: 5,
        showSymbol: true,
        itemStyle: { color: colors.palette[0] },
        data: xyPairs(xs, ys),
      },
    ],
  }
}
