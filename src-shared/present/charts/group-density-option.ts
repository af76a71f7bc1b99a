import type { FitResult, GroupFitResult } from '../../../src-shared/contract'
import { baseOption, gridTop, valueAxis, type ChartColors } from './chart-theme'

interface GroupChartOptions {
  colors: ChartColors
  title?: string
}

/** Which curve of each fit a group chart draws, and its y axis. */
interface CurveSpec {
  /** The fit's curve, or null when it has none (that group draws nothing). */
  curve: (fit: FitResult) => { x: number[]; y: number[] } | null
  /** Steps between the points of a discrete fit (a CDF jumps at the integers). */
  stepped: boolean
  yName: (label: string) => string
  yAxis?: Record<string, unknown>
}

/** One curve of family `dist` per group (named by group, for the legend) and the pooled fit dashed. */
function groupChart(
  result: GroupFitResult,
  dist: string,
  { colors, title }: GroupChartOptions,
  { curve, stepped, yName, yAxis }: CurveSpec,
): Record<string, unknown> {
  const line = (name: string, fit: FitResult, color: string, dashed = false) => {
    const xy = curve(fit)
    if (!xy) return []
    return [
      {
        id: `group-${name}`,
        name,
        type: 'line',
        showSymbol: false,
        step: stepped && fit.discrete ? 'end' : false,
        lineStyle: { color, width: 2, type: dashed ? 'dashed' : 'solid' },
        itemStyle: { color },
        data: xy.x.map((x, i) => [x, xy.y[i]]),
      },
    ]
  }
  const series = result.groups.flatMap((g, i) => {
    const fit = g.fits.find((f) => f.dist === dist)
    return fit ? line(g.group, fit, colors.palette[i % colors.palette.length]) : []
  })
  const pooled = result.pooled.fits.find((f) => f.dist === dist)
  if (pooled) series.push(...line('pooled', pooled, colors.reference, true))
  return {
    ...baseOption(colors, title),
    legend: { top: title ? 36 : 4, textStyle: { color: colors.text }, type: 'scroll' },
    grid: { left: 64, right: 24, top: gridTop(title) + 16, bottom: 48 },
    xAxis: valueAxis(colors, result.column),
    yAxis: valueAxis(colors, yName(pooled?.distLabel ?? dist), { nameGap: 44, ...yAxis }),
    series,
  }
}

/**
 * The fitted densities (or probability mass) of one family in every group, overlaid: one line per group,
 * the legend naming the groups, and the pooled fit dashed, so a reader sees how the groups differ.
 */
export function buildGroupDensityOption(
  result: GroupFitResult,
  dist: string,
  options: GroupChartOptions,
): Record<string, unknown> {
  return groupChart(result, dist, options, {
    curve: (fit) => fit.density,
    stepped: false,
    yName: (label) => `${label} density by ${result.by}`,
  })
}

/**
 * The fitted CDFs of one family in every group, overlaid like the densities: where one group's curve lies
 * above another's, its values tend to be smaller. Fits from sessions saved before fits carried their CDF
 * draw nothing (fit the groups again).
 */
export function buildGroupCdfOption(
  result: GroupFitResult,
  dist: string,
  options: GroupChartOptions,
): Record<string, unknown> {
  return groupChart(result, dist, options, {
    curve: (fit) => (fit.cdf ? { x: fit.density.x, y: fit.cdf } : null),
    // A discrete CDF is constant between the integers and jumps at each.
    stepped: true,
    yName: (label) => `${label} CDF by ${result.by}`,
    // 0 and 1 are the CDF's own ends: label them (valueAxis hides the labels of fixed ends).
    yAxis: { min: 0, max: 1, axisLabel: { color: options.colors.text } },
  })
}
