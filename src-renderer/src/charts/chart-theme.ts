/** Colours of one theme for every chart; the PNG export always uses LIGHT_COLORS (white paper). */
export interface ChartColors {
  text: string
  axis: string
  grid: string
  bars: string
  density: string
  start: string
  reference: string
  validation: string
  background: string
  /** Overlaid fits and parameter paths, in order. */
  palette: string[]
}

export const LIGHT_COLORS: ChartColors = {
  text: '#1f2933',
  axis: '#7b8794',
  grid: 'rgba(123, 135, 148, 0.2)',
  bars: '#9fb3c8',
  density: '#d64545',
  start: '#8a6d00',
  reference: '#7b8794',
  validation: '#2f8f4e',
  background: '#ffffff',
  palette: ['#2f6fde', '#c65d00', '#7a3ec2', '#0f8a8a', '#b8326a', '#5a6b00', '#8c564b'],
}

export const DARK_COLORS: ChartColors = {
  text: '#e4e7eb',
  axis: '#9aa5b1',
  grid: 'rgba(154, 165, 177, 0.2)',
  bars: '#486581',
  density: '#ff7b7b',
  start: '#e8c547',
  reference: '#9aa5b1',
  validation: '#6fd08c',
  background: '#1f2933',
  palette: ['#7fa8f5', '#ffa45c', '#c49bf5', '#5fd4d4', '#f58bb8', '#c3d160', '#d0a08f'],
}

/** Common pieces of every option: background, text colour, rich-text tooltip (CSP-safe) and a title. */
export function baseOption(colors: ChartColors, title?: string): Record<string, unknown> {
  return {
    animation: false,
    backgroundColor: colors.background,
    textStyle: { color: colors.text },
    title: title
      ? { text: title, left: 'center', top: 8, textStyle: { color: colors.text, fontSize: 15 } }
      : undefined,
    // HTML tooltips would need inline styles the CSP forbids; rich text draws on the canvas.
    tooltip: { trigger: 'item', renderMode: 'richText' },
  }
}

/** A value axis in the theme, with its name centred along it. */
export function valueAxis(
  colors: ChartColors,
  name: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  // Explicit data-edge limits read badly as labels ("1.6726468752517787"): label round ticks only.
  const edges = typeof extra.min === 'number' || typeof extra.max === 'number'
  return {
    type: 'value',
    name,
    nameLocation: 'middle',
    nameGap: 30,
    scale: true,
    axisLine: { show: true, lineStyle: { color: colors.axis } },
    axisLabel: { color: colors.text, showMinLabel: !edges, showMaxLabel: !edges },
    splitLine: { lineStyle: { color: colors.grid } },
    ...extra,
  }
}

/** Top offset of the plot area: room for a title (exports) and a legend. */
export function gridTop(title?: string): number {
  return title ? 72 : 44
}

/**
 * A dashed reference line in the theme's reference colour (y = x, a cut, zero), not interactive. `width`
 * is left to ECharts' default when absent.
 */
export function referenceLine(
  colors: ChartColors,
  id: string,
  name: string,
  data: [number, number][],
  width?: number,
): Record<string, unknown> {
  return {
    id,
    name,
    type: 'line',
    showSymbol: false,
    silent: true,
    lineStyle: { ...(width === undefined ? {} : { width }), type: 'dashed', color: colors.reference },
    itemStyle: { color: colors.reference },
    data,
  }
}
