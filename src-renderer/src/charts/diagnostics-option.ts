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
  const common = {
    ...baseOption(colors, settings.title),
    legend: { top: settings.title ? 36 : 8, textStyle: { color: colors.text } },
    grid: { left: 64, right: 24, top: gridTop(settings.title), bottom: 52 },
  }
  return {
    ...common,
    ...(kind === 'cdf' ? cdfParts(d, settings, colors) : quantileParts(kind, d, settings, colors)),
  }
}

/** The empirical CDF as a step line against the fitted CDF. */
function cdfParts(d: Diagnostics, settings: DiagnosticsOptionSettings, colors: ChartColors) {
  const line = (id: string, name: string, y: number[], width: number, color: string) => ({
    id,
    name,
    type: 'line',
    showSymbol: false,
    lineStyle: { width, color },
    itemStyle: { color },
    data: xyPairs(d.cdf.x, y),
  })
  return {
    xAxis: valueAxis(colors, settings.column),
    yAxis: valueAxis(colors, 'Cumulative probability', { min: 0, max: 1, scale: false, nameGap: 44 }),
    series: [
      { ...line('empirical', 'Empirical CDF', d.cdf.empirical, 1.5, colors.palette[0]), step: 'end' },
      line('fitted', `${settings.distLabel} CDF`, d.cdf.fitted, 2.5, colors.density),
    ],
  }
}

/** Q-Q (sample against theoretical quantiles) or P-P (empirical against fitted probabilities) with y = x. */
function quantileParts(
  kind: 'qq' | 'pp',
  d: Diagnostics,
  settings: DiagnosticsOptionSettings,
  colors: ChartColors,
) {
  const qq = kind === 'qq'
  const xs = qq ? d.qq.theoretical : d.pp.theoretical
  const ys = qq ? d.qq.sample : d.pp.empirical
  const [lo, hi] = qq ? finiteRange(xs, ys) : [0, 1]
  const xName = qq ? `Theoretical ${settings.distLabel} quantiles` : `Fitted ${settings.distLabel} CDF`
  return {
    xAxis: valueAxis(colors, xName, { min: lo, max: hi, scale: false }),
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
