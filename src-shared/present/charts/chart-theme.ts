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

/** Shortest readable label for a log-axis tick: 0.001, 0.5, 20, 1000, 1e+6 (no float noise). */
export function logTickLabel(v: number): string {
  if (!(v > 0)) return ''
  if (v >= 1e-3 && v < 1e6) return String(Number(v.toPrecision(3)))
  return v.toExponential(0)
}

/** `v` rounded down (or up) to the nearest 1, 2 or 5 times a power of ten: ends of a log axis with labels. */
export function niceLogBound(v: number, up: boolean): number {
  const e = Math.floor(Math.log10(v))
  const steps = [1, 2, 5, 10].map((m) => m * Math.pow(10, e))
  const eps = 1e-9 * v
  if (up) return steps.find((s) => s >= v - eps) ?? steps[3]
  return [...steps].reverse().find((s) => s <= v + eps) ?? steps[0]
}

/**
 * Whether a log axis's end `bound` has room for its label: not within half a decade of the power of ten
 * inside the axis (a tick that is labelled anyway), where "200" would be drawn over "100".
 */
export function logEndLabelFits(bound: number, side: 'min' | 'max'): boolean {
  const e = Math.log10(bound)
  const gap = side === 'max' ? e - Math.floor(e + 1e-9) : Math.ceil(e - 1e-9) - e
  return gap < 1e-9 || gap >= 0.5
}

/**
 * A value axis on a linear or log scale. A log axis spans the data rounded out to 1-2-5 values so both
 * ends carry a tick, labelled where the label does not crowd the nearest decade's, with minor ticks
 * between decades; a linear one keeps `extra`'s limits.
 */
export function scaledAxis(
  colors: ChartColors,
  name: string,
  scale: 'log' | 'linear',
  range: [number, number] | null,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  if (scale === 'linear') {
    const limits = range ? { min: range[0], max: range[1] } : {}
    return valueAxis(colors, name, { ...limits, ...extra })
  }
  const limits = range ? { min: niceLogBound(range[0], false), max: niceLogBound(range[1], true) } : {}
  return {
    ...valueAxis(colors, name, extra),
    type: 'log',
    logBase: 10,
    scale: false,
    ...limits,
    axisLabel: {
      color: colors.text,
      formatter: logTickLabel,
      showMinLabel: limits.min === undefined || logEndLabelFits(limits.min, 'min'),
      showMaxLabel: limits.max === undefined || logEndLabelFits(limits.max, 'max'),
      ...(extra.axisLabel as object | undefined),
    },
    minorTick: { show: true, splitNumber: 9 },
    minorSplitLine: { show: true, lineStyle: { color: colors.grid, opacity: 0.4 } },
  }
}

/** Height the zoom slider takes below a grid (on screen only). */
export const SLIDER_ROOM = 30

/**
 * Zoom and pan on screen: the wheel and drag inside the plot, a slider under it. Exports (`interactive`
 * false) draw no slider. `filterMode: 'none'` keeps lines whole when a point falls outside the window.
 */
export function zoomFor(interactive: boolean, yZoom = false): Record<string, unknown>[] {
  if (!interactive) return []
  const x = [
    { type: 'inside', xAxisIndex: 0, filterMode: 'none' },
    { type: 'slider', xAxisIndex: 0, filterMode: 'none', bottom: 6, height: 16, showDetail: false },
  ]
  return yZoom ? [...x, { type: 'inside', yAxisIndex: 0, filterMode: 'none', zoomOnMouseWheel: 'shift' }] : x
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
