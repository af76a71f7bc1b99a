import type { EChartsCoreOption } from 'echarts/core'
import type { CustomSeriesRenderItemAPI, CustomSeriesRenderItemParams } from 'echarts'
import type { ColumnSummary, CullenFreyShape, DistributionInfo } from '../../../src-shared/contract'
import { baseOption, gridTop, LIGHT_COLORS, valueAxis, type ChartColors } from './chart-theme'

type Point = [number, number]

/** Squared skewness and (Pearson, non-excess) kurtosis: the Cullen-Frey plane's coordinates. */
export function cullenFreyPoint(summary: ColumnSummary): Point | null {
  if (!Number.isFinite(summary.skewness) || !Number.isFinite(summary.kurtosis)) return null
  return [summary.skewness ** 2, summary.kurtosis + 3]
}

/** Where the segment a→b crosses x = edge. */
function crossing(a: Point, b: Point, edge: number): Point {
  return [edge, a[1] + ((b[1] - a[1]) * (edge - a[0])) / (b[0] - a[0])]
}

/**
 * The part of a polyline with x ≤ `maxX`, ended exactly at the edge where it leaves; a piece that comes
 * back into view starts after a null (ECharts breaks a line there).
 */
export function clipCurve(points: readonly Point[], maxX: number): (Point | null)[] {
  const out: (Point | null)[] = []
  points.forEach((p, i) => {
    const prev = points[i - 1]
    const inside = p[0] <= maxX
    if (prev && inside !== prev[0] <= maxX) {
      if (inside && out.length) out.push(null)
      out.push(crossing(prev, p, maxX))
    }
    if (inside) out.push(p)
  })
  return out
}

/** The part of a polygon with x ≤ `maxX` (Sutherland-Hodgman against that one edge). */
export function clipPolygon(polygon: readonly Point[], maxX: number): Point[] {
  const out: Point[] = []
  polygon.forEach((p, i) => {
    const prev = polygon[(i + polygon.length - 1) % polygon.length]
    const inside = p[0] <= maxX
    if (inside !== prev[0] <= maxX) out.push(crossing(prev, p, maxX))
    if (inside) out.push(p)
  })
  return out
}

/** Draws one data item of `vertices` x, y pairs (x1, y1, x2, y2, ...) as a filled, translucent polygon. */
function polygonRenderer(vertices: number) {
  return (_params: CustomSeriesRenderItemParams, api: CustomSeriesRenderItemAPI) => {
    const points: number[][] = []
    for (let i = 0; i < vertices; i++)
      points.push(api.coord([api.value(2 * i), api.value(2 * i + 1)]) as number[])
    return {
      type: 'polygon' as const,
      shape: { points },
      style: { fill: api.visual('color') as string, opacity: 0.25 },
    }
  }
}

/** A region as a custom series: one data item holding its vertices, clipped to the visible skewness². */
function regionSeries(info: DistributionInfo, polygon: readonly Point[], maxX: number, colors: ChartColors) {
  const vertices = clipPolygon(polygon, maxX)
  const dims = vertices.map((_, i) => 2 * i)
  return {
    id: `${info.id}-region`,
    name: info.label,
    type: 'custom',
    renderItem: polygonRenderer(vertices.length),
    itemStyle: { color: colors.bars },
    silent: true,
    encode: { x: dims, y: dims.map((d) => d + 1) },
    data: [vertices.flat()],
  }
}

export interface CullenFreySettings {
  title?: string
  colors?: ChartColors
}

type Drawn = { info: DistributionInfo; shape: CullenFreyShape }

/** The visible range: every family point (with room around) and the observation; kurtosis to the regions. */
function planeRange(drawn: Drawn[], point: Point | null): { maxX: number; maxY: number } {
  let far = 1
  for (const { shape } of drawn) if (shape.kind === 'point') far = Math.max(far, shape.skewness2 * 1.125)
  const maxX = Math.max(far, point ? point[0] * 1.15 : 0)
  let deep = 0
  for (const { shape } of drawn) {
    if (shape.kind === 'point' && shape.skewness2 <= maxX) deep = Math.max(deep, shape.kurtosis)
    if (shape.kind === 'region')
      for (const [, y] of clipPolygon(shape.polygon, maxX)) deep = Math.max(deep, y)
  }
  return { maxX, maxY: Math.max(10, point ? point[1] + 1 : 0, Math.min(deep, 60)) }
}

const SYMBOLS = ['triangle', 'pin', 'diamond', 'rect', 'roundRect', 'arrow']
const DASHES = ['solid', 'dashed', 'dotted']

/**
 * One series per family that has a place on the plane, in the catalog's order: its region (in the bars'
 * colour), curve (palette colour, solid, dashed, dotted in turn) or point (palette colour, its own symbol).
 */
function familySeries(drawn: Drawn[], maxX: number, colors: ChartColors): Record<string, unknown>[] {
  let marked = 0
  let curves = 0
  let points = 0
  return drawn.map(({ info, shape }) => {
    if (shape.kind === 'region') return regionSeries(info, shape.polygon, maxX, colors)
    const color = colors.palette[marked++ % colors.palette.length]
    const common = { id: info.id, name: info.label, type: 'line', itemStyle: { color } }
    if (shape.kind === 'curve') {
      const type = DASHES[curves++ % DASHES.length]
      return {
        ...common,
        showSymbol: false,
        lineStyle: { width: 2, color, type },
        data: clipCurve(shape.points, maxX),
      }
    }
    const symbol = SYMBOLS[points++ % SYMBOLS.length]
    return {
      ...common,
      lineStyle: { width: 0 },
      symbol,
      symbolSize: 11,
      data: [[shape.skewness2, shape.kurtosis]],
    }
  })
}

/**
 * Cullen and Frey's skewness-kurtosis plot (as in fitdistrplus::descdist): the column's (skewness²,
 * kurtosis) against each family's place on the plane as the engine describes it (a point, a curve over its
 * shape parameter, or a region), and the bound β2 = β1 + 1 no distribution crosses. Kurtosis grows
 * downwards, as in the original. Regions are drawn first, then the bound, curves, points, the observation.
 */
export function buildCullenFreyOption(
  summary: ColumnSummary,
  families: readonly DistributionInfo[],
  settings: CullenFreySettings = {},
): EChartsCoreOption {
  const colors = settings.colors ?? LIGHT_COLORS
  const point = cullenFreyPoint(summary)
  const drawn = families.flatMap((info) => (info.cullenFrey ? [{ info, shape: info.cullenFrey }] : []))
  const { maxX, maxY } = planeRange(drawn, point)
  const all = familySeries(drawn, maxX, colors)
  const byKind = (kind: CullenFreyShape['kind']) => all.filter((_, k) => drawn[k].shape.kind === kind)
  const series: Record<string, unknown>[] = [
    ...byKind('region'),
    {
      id: 'impossible',
      name: 'Impossible above',
      type: 'line',
      showSymbol: false,
      lineStyle: { width: 2, color: colors.reference, type: 'dashed' },
      itemStyle: { color: colors.reference },
      data: [
        [0, 1],
        [maxX, maxX + 1],
      ],
    },
    ...byKind('curve'),
    ...byKind('point'),
  ]
  if (point) {
    series.push({
      id: 'observation',
      name: `Observed (${summary.column})`,
      type: 'line',
      lineStyle: { width: 0 },
      symbol: 'circle',
      symbolSize: 14,
      itemStyle: { color: colors.density, borderColor: colors.text, borderWidth: 1.5 },
      data: [point],
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
