import type { EChartsCoreOption } from 'echarts/core'
import type { CustomSeriesRenderItemAPI, CustomSeriesRenderItemParams } from 'echarts'
import type { FitResult } from '../../../src-shared/contract'

export interface ChartColors {
  text: string
  axis: string
  bars: string
  density: string
  background: string
}

export const LIGHT_COLORS: ChartColors = {
  text: '#1f2933',
  axis: '#7b8794',
  bars: '#9fb3c8',
  density: '#d64545',
  background: '#ffffff',
}

export const DARK_COLORS: ChartColors = {
  text: '#e4e7eb',
  axis: '#9aa5b1',
  bars: '#486581',
  density: '#ff7b7b',
  background: '#1f2933',
}

/** Histogram bars as rectangles on a value axis, [x0, x1] wide and `density` high. */
function renderBin(params: CustomSeriesRenderItemParams, api: CustomSeriesRenderItemAPI) {
  const [x0, y0] = api.coord([api.value(0), 0]) as number[]
  const [x1, y1] = api.coord([api.value(1), api.value(2)]) as number[]
  const coordSys = params.coordSys as unknown as { x: number; y: number; width: number; height: number }
  return {
    type: 'rect' as const,
    shape: { x: x0, y: y1, width: Math.max(x1 - x0 - 1, 1), height: y0 - y1 },
    style: { fill: (api.visual('color') as string) ?? '#9fb3c8' },
    clipPath: { type: 'rect' as const, shape: { ...coordSys } },
  }
}

/**
 * Histogram of the data (density scale) with the fitted density overlaid. Pure: the same fit gives the same
 * option, so it is unit-tested without a browser. `title` is set for exports.
 */
export function buildDensityOption(
  fit: FitResult,
  options: { title?: string; colors?: ChartColors } = {},
): EChartsCoreOption {
  const colors = options.colors ?? LIGHT_COLORS
  const bins = fit.histogram
  const xMin = Math.min(bins[0]?.x0 ?? 0, fit.density.x[0] ?? 0)
  const xMax = Math.max(bins[bins.length - 1]?.x1 ?? 1, fit.density.x[fit.density.x.length - 1] ?? 1)
  return {
    animation: false,
    backgroundColor: colors.background,
    textStyle: { color: colors.text },
    title: options.title
      ? { text: options.title, left: 'center', top: 8, textStyle: { color: colors.text, fontSize: 15 } }
      : undefined,
    // Rich-text tooltips: HTML tooltips would need inline styles the CSP forbids.
    tooltip: { trigger: 'item', renderMode: 'richText' },
    legend: {
      top: options.title ? 36 : 8,
      textStyle: { color: colors.text },
      data: ['Data (histogram)', `${fit.distLabel} fit`],
    },
    grid: { left: 64, right: 24, top: options.title ? 72 : 44, bottom: 48 },
    xAxis: {
      type: 'value',
      name: fit.column,
      nameLocation: 'middle',
      nameGap: 28,
      min: xMin,
      max: xMax,
      scale: true,
      axisLine: { lineStyle: { color: colors.axis } },
      splitLine: { show: false },
    },
    yAxis: {
      type: 'value',
      name: 'Density',
      nameLocation: 'middle',
      nameGap: 48,
      axisLine: { show: true, lineStyle: { color: colors.axis } },
      splitLine: { lineStyle: { color: colors.axis, opacity: 0.2 } },
    },
    series: [
      {
        id: 'histogram',
        name: 'Data (histogram)',
        type: 'custom',
        renderItem: renderBin,
        itemStyle: { color: colors.bars },
        encode: { x: [0, 1], y: 2 },
        data: bins.map((b) => [b.x0, b.x1, b.density, b.count]),
        tooltip: { formatter: (p: { value: number[] }) => binLabel(p.value) },
      },
      {
        id: 'density',
        name: `${fit.distLabel} fit`,
        type: 'line',
        showSymbol: false,
        smooth: false,
        lineStyle: { width: 2.5, color: colors.density },
        itemStyle: { color: colors.density },
        data: fit.density.x.map((x, i) => [x, fit.density.y[i]]),
      },
    ],
  }
}

function binLabel([x0, x1, density, count]: number[]): string {
  return `[${x0.toPrecision(4)}, ${x1.toPrecision(4)}): ${count} values, density ${density.toPrecision(3)}`
}
