import type { EChartsCoreOption } from 'echarts/core'
import type { CustomSeriesRenderItemAPI, CustomSeriesRenderItemParams } from 'echarts'
import gammaln from '@stdlib/math-base-special-gammaln'
import type { ColumnSummary } from '../../../src-shared/contract'
import { baseOption, gridTop, LIGHT_COLORS, valueAxis, type ChartColors } from './chart-theme'

/** Squared skewness and (Pearson, non-excess) kurtosis: the Cullen-Frey plane's coordinates. */
export function cullenFreyPoint(summary: ColumnSummary): [number, number] | null {
  if (!Number.isFinite(summary.skewness) || !Number.isFinite(summary.kurtosis)) return null
  return [summary.skewness ** 2, summary.kurtosis + 3]
}

/** Lognormal(σ): β1 = (w + 2)^2 (w - 1), β2 = w^4 + 2w^3 + 3w^2 - 3 with w = exp(σ^2). */
export function lognormalCurve(maxSkew2: number): [number, number][] {
  const out: [number, number][] = []
  for (let s = 0.01; s < 3; s += 0.01) {
    const w = Math.exp(s * s)
    const b1 = (w + 2) ** 2 * (w - 1)
    if (b1 > maxSkew2) break
    out.push([b1, w ** 4 + 2 * w ** 3 + 3 * w ** 2 - 3])
  }
  return out
}

/** Gamma(shape k): β1 = 4 / k, β2 = 3 + 6 / k, i.e. the line β2 = 3 + 1.5 β1. */
export function gammaLine(maxSkew2: number): [number, number][] {
  return [
    [0, 3],
    [maxSkew2, 3 + 1.5 * maxSkew2],
  ]
}

/**
 * Weibull(shape k) from Γ_i = Γ(1 + i/k): skewness (Γ3 - 3Γ1Γ2 + 2Γ1³) / σ³ and kurtosis
 * (Γ4 - 4Γ1Γ3 + 6Γ1²Γ2 - 3Γ1⁴) / σ⁴ with σ² = Γ2 - Γ1². Drawn for k from 0.5 to 20.
 */
export function weibullCurve(maxSkew2: number): [number, number][] {
  const out: [number, number][] = []
  for (let k = 20; k >= 0.5; k *= 0.97) {
    const g = (i: number) => Math.exp(gammaln(1 + i / k))
    const [g1, g2, g3, g4] = [g(1), g(2), g(3), g(4)]
    const v = g2 - g1 * g1
    const skew = (g3 - 3 * g1 * g2 + 2 * g1 ** 3) / v ** 1.5
    const kurt = (g4 - 4 * g1 * g3 + 6 * g1 * g1 * g2 - 3 * g1 ** 4) / (v * v)
    if (skew * skew > maxSkew2) break
    out.push([skew * skew, kurt])
  }
  return out
}

/** One data item holds a polygon's vertices as x1, y1, x2, y2, ...; drawn filled and translucent. */
function renderPolygon(_params: CustomSeriesRenderItemParams, api: CustomSeriesRenderItemAPI) {
  const points: number[][] = []
  for (let i = 0; i + 1 < 8; i += 2) points.push(api.coord([api.value(i), api.value(i + 1)]) as number[])
  return {
    type: 'polygon' as const,
    shape: { points },
    style: { fill: api.visual('color') as string, opacity: 0.25 },
  }
}

export interface CullenFreySettings {
  title?: string
  colors?: ChartColors
}

/**
 * Cullen and Frey's skewness-kurtosis plot (as in fitdistrplus::descdist): the column's (skewness²,
 * kurtosis) against the points of normal, uniform, logistic and exponential, the lines of gamma,
 * lognormal and Weibull, and the beta region between β2 = β1 + 1 (the bound no distribution crosses) and
 * the gamma line. Kurtosis grows downwards, as in the original.
 */
export function buildCullenFreyOption(
  summary: ColumnSummary,
  settings: CullenFreySettings = {},
): EChartsCoreOption {
  const colors = settings.colors ?? LIGHT_COLORS
  const point = cullenFreyPoint(summary)
  const maxX = Math.max(4.5, point ? point[0] * 1.15 : 0)
  const maxY = Math.max(10, point ? point[1] + 1 : 0, 3 + 1.5 * maxX > 10 ? Math.min(3 + 1.5 * maxX, 60) : 10)
  const pal = colors.palette
  const mark = (id: string, name: string, xy: [number, number], symbol: string, color: string) => ({
    id,
    name,
    type: 'line',
    lineStyle: { width: 0 },
    symbol,
    symbolSize: 11,
    itemStyle: { color },
    data: [xy],
  })
  const curve = (id: string, name: string, data: [number, number][], color: string, type = 'solid') => ({
    id,
    name,
    type: 'line',
    showSymbol: false,
    lineStyle: { width: 2, color, type },
    itemStyle: { color },
    data,
  })
  const series: Record<string, unknown>[] = [
    {
      id: 'beta-region',
      name: 'Beta',
      type: 'custom',
      renderItem: renderPolygon,
      itemStyle: { color: colors.bars },
      silent: true,
      encode: { x: [0, 2, 4, 6], y: [1, 3, 5, 7] },
      data: [[0, 1, maxX, maxX + 1, maxX, 3 + 1.5 * maxX, 0, 3]],
    },
    curve(
      'impossible',
      'Impossible above',
      [
        [0, 1],
        [maxX, maxX + 1],
      ],
      colors.reference,
      'dashed',
    ),
    curve('gamma', 'Gamma', gammaLine(maxX), pal[1]),
    curve('lognormal', 'Lognormal', lognormalCurve(maxX), pal[2], 'dashed'),
    curve('weibull', 'Weibull', weibullCurve(maxX), pal[3], 'dotted'),
    mark('normal', 'Normal', [0, 3], 'triangle', pal[0]),
    mark('uniform', 'Uniform', [0, 1.8], 'rect', pal[4]),
    mark('logistic', 'Logistic', [0, 4.2], 'diamond', pal[5]),
    mark('exponential', 'Exponential', [4, 9], 'pin', pal[6]),
  ]
  if (point) {
    series.push({
      ...mark('observation', `Observed (${summary.column})`, point, 'circle', colors.density),
      symbolSize: 14,
      itemStyle: { color: colors.density, borderColor: colors.text, borderWidth: 1.5 },
      z: 10,
    })
  }
  return {
    ...baseOption(colors, settings.title),
    // A plain legend wraps onto several rows: every family stays named in a narrow side panel.
    legend: {
      top: settings.title ? 36 : 4,
      left: 4,
      right: 4,
      itemWidth: 16,
      itemGap: 6,
      textStyle: { color: colors.text, fontSize: 10 },
    },
    grid: { left: 44, right: 16, top: gridTop(settings.title) + 56, bottom: 40 },
    xAxis: valueAxis(colors, 'Skewness²', { min: 0, max: Math.ceil(maxX), scale: false, nameGap: 26 }),
    yAxis: valueAxis(colors, 'Kurtosis', {
      min: 1,
      max: Math.ceil(maxY),
      scale: false,
      inverse: true,
      nameGap: 30,
    }),
    series,
  }
}
