import type { GroupFitResult } from '../../../src-shared/contract'
import { baseOption, gridTop, valueAxis, type ChartColors } from './chart-theme'

/**
 * The fitted densities (or probability mass) of one family in every group, overlaid: one line per group,
 * the legend naming the groups, and the pooled fit dashed, so a reader sees how the groups differ.
 */
export function buildGroupDensityOption(
  result: GroupFitResult,
  dist: string,
  { colors, title }: { colors: ChartColors; title?: string },
): Record<string, unknown> {
  const line = (name: string, xy: { x: number[]; y: number[] }, color: string, dashed = false) => ({
    id: `group-${name}`,
    name,
    type: 'line',
    showSymbol: false,
    step: false,
    lineStyle: { color, width: 2, type: dashed ? 'dashed' : 'solid' },
    itemStyle: { color },
    data: xy.x.map((x, i) => [x, xy.y[i]]),
  })
  const series = result.groups.flatMap((g, i) => {
    const fit = g.fits.find((f) => f.dist === dist)
    return fit ? [line(g.group, fit.density, colors.palette[i % colors.palette.length])] : []
  })
  const pooled = result.pooled.fits.find((f) => f.dist === dist)
  if (pooled) series.push(line('pooled', pooled.density, colors.reference, true))
  const label = pooled?.distLabel ?? dist
  return {
    ...baseOption(colors, title),
    legend: { top: title ? 36 : 4, textStyle: { color: colors.text }, type: 'scroll' },
    grid: { left: 64, right: 24, top: gridTop(title) + 16, bottom: 48 },
    xAxis: valueAxis(colors, result.column),
    yAxis: valueAxis(colors, `${label} density by ${result.by}`, { nameGap: 44 }),
    series,
  }
}
