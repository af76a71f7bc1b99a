import type { EChartsCoreOption } from 'echarts/core'
import type { FitResult, TracePoint } from '../../../src-shared/contract'
import { baseOption, LIGHT_COLORS, valueAxis, type ChartColors } from './chart-theme'

/** Where the optimizer is heading: mean log-likelihood per observation and parameters. */
export interface Optimum {
  meanLogLikelihood: number
  params: Record<string, number>
  /** True for the exact optimum of a finished fit, false for the best point seen so far (live). */
  exact: boolean
}

/**
 * The exact optimum of a finished fit on the scale of its trace. Gradient fits report how far they ended
 * from the exact training-set MLE (`gradient.gap*`), so the optimum is the end point plus that gap; other
 * methods end at the optimum, whose mean log-likelihood is logLikelihood / n.
 */
export function optimumOf(fit: FitResult): Optimum {
  const last = fit.trace[fit.trace.length - 1]
  if (fit.gradient && last) {
    const params: Record<string, number> = {}
    for (const [k, v] of Object.entries(last.params)) params[k] = v + (fit.gradient.gapParams[k] ?? 0)
    return {
      meanLogLikelihood: last.logLikelihood + fit.gradient.gapLogLikelihood / fit.gradient.trainSize,
      params,
      exact: true,
    }
  }
  return { meanLogLikelihood: fit.logLikelihood / fit.n, params: { ...fit.params }, exact: true }
}

/** Best point seen so far, standing in for the optimum while a fit runs. */
export function provisionalOptimum(trace: readonly TracePoint[]): Optimum | null {
  if (trace.length === 0) return null
  let best = trace[0]
  for (const p of trace) if (p.logLikelihood > best.logLikelihood) best = p
  return {
    meanLogLikelihood: best.logLikelihood,
    params: { ...trace[trace.length - 1].params },
    exact: false,
  }
}

/**
 * At most `max` points, evenly strided, always keeping the first and the last: what the chart draws of a
 * long trace (ECharts' LTTB sampling then thins it to the pixel width).
 */
export function decimate<T>(points: readonly T[], max: number): T[] {
  if (points.length <= max) return points.slice()
  const out: T[] = []
  const step = (points.length - 1) / (max - 1)
  for (let i = 0; i < max; i++) out.push(points[Math.round(i * step)])
  return out
}

/**
 * Distance of each trace point to the optimum: the log-likelihood gap (optimum minus point, per
 * observation) and the parameters' relative Euclidean distance sqrt(sum ((θ - θ*) / max(|θ*|, 1))^2).
 * Zero or negative gaps (at or past the optimum) become null: a log axis cannot show them.
 */
export function distanceSeries(
  trace: readonly TracePoint[],
  optimum: Optimum,
): { logLik: [number, number | null][]; params: [number, number | null][] } {
  const names = Object.keys(optimum.params)
  const logLik: [number, number | null][] = []
  const params: [number, number | null][] = []
  for (const p of trace) {
    const gap = optimum.meanLogLikelihood - p.logLikelihood
    logLik.push([p.iteration, gap > 0 && Number.isFinite(gap) ? gap : null])
    let s = 0
    for (const k of names) {
      const scale = Math.max(Math.abs(optimum.params[k]), 1)
      const d = ((p.params[k] ?? NaN) - optimum.params[k]) / scale
      s += d * d
    }
    const dist = Math.sqrt(s)
    params.push([p.iteration, dist > 0 && Number.isFinite(dist) ? dist : null])
  }
  return { logLik, params }
}

export interface ConvergenceOptionSettings {
  title?: string
  colors?: ChartColors
  /** Parameter names in display order with their symbols. */
  params: { name: string; symbol: string }[]
  /** Exact optimum of the finished fit; while live, the best point so far is used. */
  optimum?: Optimum | null
  /** Most points drawn per series (default 2,000: twice a wide chart's pixel columns). */
  maxPoints?: number
  /**
   * True while the fit runs. Without `epochs` the iteration axes follow the trace and there are no zoom
   * controls yet (the slider would jump with every update); a fit's end then adds only them.
   */
  live?: boolean
  /**
   * While live, the epochs the fit was asked for: the iteration axes run from the first epoch to the next
   * step above the trace (`nextStep`), at most to this, so few updates move them, and the zoom controls are
   * there from the start. A fit that runs every epoch then ends in the frame it streamed into: its end
   * redraws only the series (adding the zoom controls there was a full redraw of its own, the longest task
   * of a live fit).
   */
  epochs?: number
  /**
   * While live, the iteration the trace is on course to reach soon (`useLiveTrace`'s `reach`): the axes' step
   * is taken above it, not above the trace's end, so a fast fit is drawn in its final frame at once instead
   * of stepping out several times a second (each step a redraw of the axes and zoom controls).
   */
  reach?: number
  /**
   * The validation series is drawn even before it has a value (a live gradient fit with a validation
   * split): its frame is then the same from before the first points to the end, not rebuilt at the first.
   */
  validation?: boolean
}

/**
 * Three stacked panels sharing the iteration axis: training and validation mean log-likelihood, each
 * parameter's path (one y axis per parameter, alternating sides), and the distance to the optimum on a
 * log scale. A finished trace gets a zoom slider over all three.
 */
export function buildConvergenceOption(
  trace: readonly TracePoint[],
  settings: ConvergenceOptionSettings,
): EChartsCoreOption {
  const colors = settings.colors ?? LIGHT_COLORS
  const points = decimate(trace, settings.maxPoints ?? 2000)
  const top = settings.title ? 72 : 40
  // Parameters named by the caller, else by the trace itself (a family the registry does not list).
  const params = settings.params.length
    ? settings.params
    : Object.keys(points[0]?.params ?? {}).map((name) => ({ name, symbol: name }))
  const { xAxis, yAxis } = convergenceAxes(colors, params, iterationExtent(points, settings))
  return {
    ...baseOption(colors, settings.title),
    tooltip: { trigger: 'axis', renderMode: 'richText' },
    axisPointer: { link: [{ xAxisIndex: 'all' }] },
    legend: { top: settings.title ? 36 : 6, textStyle: { color: colors.text }, type: 'scroll' },
    // Fixed margins instead of fitting the grids around the axis labels at every draw (ECharts' outer-bounds
    // layout measured a quarter of each live redraw); the same when finished, so a live fit's end changes
    // nothing of its frame but the zoom controls (one redraw fewer, see ChartCanvas).
    grid: [
      { top, height: '22%' },
      { top: '43%', height: '20%' },
      { top: '70%', height: '15%' },
    ].map((g) => ({
      ...g,
      ...sideMargins(params.length),
      outerBoundsMode: 'none',
    })),
    xAxis,
    yAxis,
    dataZoom:
      settings.live && settings.epochs === undefined
        ? []
        : [
            { type: 'inside', xAxisIndex: [0, 1, 2] },
            {
              type: 'slider',
              xAxisIndex: [0, 1, 2],
              bottom: 4,
              height: 16,
              // The shadow of a whole trace (10,000 epochs x every series) is a third of the chart's first
              // draw when a live fit ends, a long task; the three panels above show the trace anyway.
              showDataShadow: false,
              brushSelect: false,
              labelFormatter: (v: number) => `iteration ${Math.round(v)}`,
            },
          ],
    series: convergenceSeries(points, params, {
      optimum: settings.optimum ?? provisionalOptimum(points),
      colors,
      distanceAxis: yAxis.length - 1,
      validation: settings.validation ?? false,
    }),
  }
}

/** Room one more parameter axis takes beside the plot (labels of up to four digits). */
const AXIS_STEP = 48
/** The plot's margin on a side with one axis. */
const MARGIN = 72

/**
 * Left and right margins of every panel (the same for all three, so their iteration axes line up): room
 * for the parameter axes, which alternate sides and stack outwards.
 */
function sideMargins(paramCount: number): { left: number; right: number } {
  const left = Math.max(Math.ceil(paramCount / 2), 1)
  const right = Math.max(Math.floor(paramCount / 2), 1)
  return { left: MARGIN + (left - 1) * AXIS_STEP, right: MARGIN + (right - 1) * AXIS_STEP }
}

type Extent = { min: number | 'dataMin'; max: number | 'dataMax' }

/**
 * Where the iteration axes start and end: a live fit that knows its epochs, from its first to the next step
 * (at most them); else the
 * trace's first to last iteration, as numbers (the same frame as that live one when every epoch ran, so
 * ChartCanvas only merges the final series; ECharts' 'dataMin' would draw the same axis but read as another
 * frame). A live trace without epochs follows its data.
 */
function iterationExtent(points: readonly TracePoint[], settings: ConvergenceOptionSettings): Extent {
  const first = points[0]?.iteration
  if (settings.live && settings.epochs !== undefined) {
    const last = points[points.length - 1]?.iteration ?? 0
    return { min: first ?? 0, max: Math.min(settings.epochs, nextStep(Math.max(last, settings.reach ?? 0))) }
  }
  if (settings.live || first === undefined) return { min: 'dataMin', max: 'dataMax' }
  return { min: first, max: points[points.length - 1].iteration }
}

/**
 * The first of 100, 200, 500, 1,000, 2,000, 5,000, … above `iteration`: where a live fit's iteration axes
 * end. A fit often stops long before its epochs (patience), so axes to the epochs would squeeze its trace
 * into a sliver; steps keep it at half the width or more, and move the axes only a few times a fit.
 */
function nextStep(iteration: number): number {
  for (let decade = 100; ; decade *= 10) {
    for (const m of [1, 2, 5]) if (m * decade > iteration) return m * decade
  }
}

/** The iteration axes of the three panels, the log-likelihood axis, one axis per parameter, the distance axis. */
function convergenceAxes(colors: ChartColors, params: { name: string; symbol: string }[], extent: Extent) {
  const xAxis = [0, 1, 2].map((i) =>
    valueAxis(colors, i === 2 ? 'Iteration' : '', {
      gridIndex: i,
      scale: false,
      ...extent,
      splitLine: { show: false },
      axisLabel: { show: i === 2, color: colors.text },
      nameGap: 24,
    }),
  )
  // Beside a lone axis its name fits at the middle; stacked axes (three or more parameters) are named at
  // their tops, where the names cannot run into the next axis's labels.
  const stacked = params.length > 2
  const paramAxes = params.map((p, i) =>
    valueAxis(colors, p.symbol, {
      gridIndex: 1,
      position: i % 2 === 0 ? 'left' : 'right',
      offset: Math.floor(i / 2) * AXIS_STEP,
      ...(stacked ? { nameLocation: 'end', nameGap: 6 } : { nameGap: 44 }),
      nameRotate: 0,
      splitLine: { show: i === 0, lineStyle: { color: colors.grid } },
      axisLine: { show: true, lineStyle: { color: colors.palette[(i + 1) % colors.palette.length] } },
    }),
  )
  // Every grid needs a y axis, even with no parameter to draw (ECharts drops the whole chart otherwise).
  if (paramAxes.length === 0) paramAxes.push(valueAxis(colors, '', { gridIndex: 1 }))
  const yAxis = [
    valueAxis(colors, 'Mean log-lik.', { gridIndex: 0, nameGap: 52 }),
    ...paramAxes,
    valueAxis(colors, 'Distance', {
      gridIndex: 2,
      type: 'log',
      scale: false,
      nameGap: 52,
      // One label per three decades: a short panel cannot hold one per decade.
      axisLabel: { color: colors.text, formatter: decadeLabel },
    }),
  ]
  return { xAxis, yAxis }
}

/** Log-likelihood (training, validation), each parameter's path, and both distances to the optimum. */
function convergenceSeries(
  points: readonly TracePoint[],
  params: { name: string; symbol: string }[],
  drawn: { optimum: Optimum | null; colors: ChartColors; distanceAxis: number; validation: boolean },
): Record<string, unknown>[] {
  const { optimum, colors, distanceAxis } = drawn
  const iterations = points.map((p) => p.iteration)
  const along = (values: number[]) => interleave(iterations, values)
  const series = [
    line(
      'train',
      'Training log-likelihood',
      0,
      0,
      colors.palette[0],
      along(points.map((p) => p.logLikelihood)),
    ),
  ]
  if (drawn.validation || points.some((p) => p.validationLogLikelihood !== null)) {
    const values = points.map((p) => p.validationLogLikelihood ?? NaN)
    series.push(line('validation', 'Validation log-likelihood', 0, 0, colors.validation, along(values)))
  }
  params.forEach((p, i) => {
    const color = colors.palette[(i + 1) % colors.palette.length]
    series.push(
      line(
        `param-${p.name}`,
        `${p.symbol} (${p.name})`,
        1,
        1 + i,
        color,
        along(points.map((t) => t.params[p.name] ?? NaN)),
      ),
    )
  })
  const distance = optimum ? distanceSeries(points, optimum) : { logLik: [], params: [] }
  const word = optimum?.exact ? 'optimum' : 'best so far'
  series.push(
    line(
      'distance-loglik',
      `Log-lik. gap to ${word}`,
      2,
      distanceAxis,
      colors.density,
      toTyped(distance.logLik),
    ),
    line(
      'distance-params',
      `Parameter distance to ${word}`,
      2,
      distanceAxis,
      colors.start,
      toTyped(distance.params),
    ),
  )
  return series
}

/**
 * x, y pairs as one flat Float64Array (x0, y0, x1, y1, ...), NaN for a gap. ECharts copies typed arrays
 * in one call where it deep-clones arrays of pairs element by element: the difference between a 10 ms
 * and a 100 ms live update of a 10,000-point trace.
 */
export function interleave(xs: readonly number[], ys: readonly number[]): Float64Array {
  const out = new Float64Array(2 * xs.length)
  for (let i = 0; i < xs.length; i++) {
    out[2 * i] = xs[i]
    out[2 * i + 1] = ys[i]
  }
  return out
}

function toTyped(pairs: [number, number | null][]): Float64Array {
  return interleave(
    pairs.map((p) => p[0]),
    pairs.map((p) => p[1] ?? NaN),
  )
}

/**
 * Points in a series' data: pairs in an array, or flat x, y numbers (a typed array, or the plain array
 * ECharts' getOption() returns for one).
 */
export function pointCount(data: ArrayLike<unknown>): number {
  return ArrayBuffer.isView(data) || typeof data[0] === 'number' ? data.length / 2 : data.length
}

function line(
  id: string,
  name: string,
  xAxisIndex: number,
  yAxisIndex: number,
  color: string,
  data: Float64Array,
): Record<string, unknown> {
  return {
    id,
    name,
    type: 'line',
    xAxisIndex,
    yAxisIndex,
    showSymbol: false,
    sampling: 'lttb',
    connectNulls: false,
    dimensions: ['x', 'y'],
    lineStyle: { width: 1.5, color },
    itemStyle: { color },
    data,
  }
}

/** Log-axis label: `1e-6` at every third decade, blank elsewhere. */
export function decadeLabel(v: number): string {
  const e = Math.round(Math.log10(v))
  return e % 3 === 0 ? `1e${e}` : ''
}
