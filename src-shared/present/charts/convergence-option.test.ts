import { describe, expect, it } from 'vitest'
import {
  syntheticGradientFit,
  syntheticNewtonFit,
  syntheticTrace,
} from '../../../test/support/renderer/synthetic-fits'
import { renderSvg } from '../../../test/support/renderer/render-svg'
import {
  buildConvergenceOption,
  decadeLabel,
  interleave,
  pointCount,
  decimate,
  distanceSeries,
  optimumOf,
  provisionalOptimum,
} from './convergence-option'

type Series = { id: string; data: Float64Array }
const PARAMS = [
  { name: 'shape', symbol: 'k' },
  { name: 'rate', symbol: 'λ' },
]

describe('optimumOf', () => {
  it('adds the reported gap to where gradient ascent ended', () => {
    const fit = syntheticGradientFit(10_000)
    const opt = optimumOf(fit)
    // The synthetic gap is exactly (3, 0.5) minus the end point, so the optimum is (3, 0.5) up to rounding.
    expect(Math.abs(opt.params.shape - 3)).toBeLessThan(4 * Number.EPSILON * 3)
    expect(Math.abs(opt.params.rate - 0.5)).toBeLessThan(4 * Number.EPSILON * 0.5)
    const last = fit.trace[fit.trace.length - 1]
    expect(opt.meanLogLikelihood).toBe(last.logLikelihood + 1e-7 / 640)
  })

  it('uses logLikelihood / n for methods that end at the optimum', () => {
    const fit = syntheticNewtonFit()
    expect(optimumOf(fit).meanLogLikelihood).toBe(fit.logLikelihood / fit.n)
  })
})

describe('decimate', () => {
  it('keeps first and last and at most max points', () => {
    const xs = Array.from({ length: 10_000 }, (_, i) => i)
    const d = decimate(xs, 4000)
    expect(d).toHaveLength(4000)
    expect(d[0]).toBe(0)
    expect(d[d.length - 1]).toBe(9999)
    expect(decimate([1, 2, 3], 10)).toEqual([1, 2, 3])
  })
})

describe('distanceSeries', () => {
  it('is the log-likelihood gap and the relative parameter distance, null at the optimum', () => {
    const trace = syntheticTrace(3, { a: 2, b: 0.5 }, { a: 4, b: 0.5 })
    const opt = { meanLogLikelihood: -2.9, params: { a: 2, b: 0.5 }, exact: true }
    const d = distanceSeries(trace, opt)
    const decay = Math.exp(-12 / 3)
    const got = d.logLik[0][1] as number
    // The gap is a difference of numbers near 2.9: its rounding error scales with 2.9, not with the gap.
    expect(Math.abs(got - 1.5 * decay)).toBeLessThan(4 * Number.EPSILON * 2.9)
    // a moves by 2 * decay; its scale is max(|2|, 1) = 2; b does not move.
    // Same cancellation: a is near 2, so the error is a few ulps of 2, divided by the scale 2.
    expect(Math.abs((d.params[0][1] as number) - decay)).toBeLessThan(4 * Number.EPSILON)
    expect(
      distanceSeries(
        [{ iteration: 1, logLikelihood: -2.9, validationLogLikelihood: null, params: { a: 2, b: 0.5 } }],
        opt,
      ),
    ).toEqual({
      logLik: [[1, null]],
      params: [[1, null]],
    })
  })

  it('uses the best point so far while live', () => {
    const trace = syntheticTrace(50, { a: 1 }, { a: 3 })
    expect(provisionalOptimum(trace)?.meanLogLikelihood).toBe(trace[49].logLikelihood)
    expect(provisionalOptimum([])).toBeNull()
  })
})

describe('buildConvergenceOption', () => {
  it('draws a 10,000-point gradient trace in three linked panels with zoom, at most 2,000 points each', () => {
    const fit = syntheticGradientFit(10_000)
    const option = buildConvergenceOption(fit.trace, { params: PARAMS, optimum: optimumOf(fit) })
    const series = (option as { series: Series[] }).series
    expect(series.map((s) => s.id)).toEqual([
      'train',
      'validation',
      'param-shape',
      'param-rate',
      'distance-loglik',
      'distance-params',
    ])
    for (const s of series) expect(pointCount(s.data)).toBe(2000)
    // Interleaved x, y: the first training point is (iteration 1, its mean log-likelihood).
    expect([series[0].data[0], series[0].data[1]]).toEqual([
      fit.trace[0].iteration,
      fit.trace[0].logLikelihood,
    ])
    expect((option as { dataZoom: unknown[] }).dataZoom).toHaveLength(2)
    const logAxis = (option as { yAxis: { type: string }[] }).yAxis.at(-1)
    expect(logAxis?.type).toBe('log')
    expect(renderSvg(option, 900, 700)).toContain('Validation log-likelihood')
  })

  it('leaves out validation for Newton and zoom while live', () => {
    const fit = syntheticNewtonFit()
    const option = buildConvergenceOption(fit.trace, { params: PARAMS, live: true })
    const ids = (option as { series: Series[] }).series.map((s) => s.id)
    expect(ids).not.toContain('validation')
    expect((option as { dataZoom: unknown[] }).dataZoom).toEqual([])
  })

  it('draws the validation series before its first value when told one streams', () => {
    const noValidation = syntheticNewtonFit().trace
    const option = buildConvergenceOption(noValidation, { params: PARAMS, live: true, validation: true })
    const series = (option as { series: Series[] }).series.find((s) => s.id === 'validation')
    expect(series && Array.from(series.data).filter((v, i) => i % 2 === 1 && !Number.isNaN(v))).toEqual([])
  })

  // ChartCanvas compares frames as text (functions such as formatters drop out): a live fit that runs every
  // epoch it was asked for ends in the frame it streamed into, so its end redraws only the series (adding
  // the zoom controls then was a full redraw of its own, 15-45 ms).
  it('a live fit that knows its epochs streams into the finished frame, zoom controls included', () => {
    const fit = syntheticGradientFit(3000)
    const last = fit.trace[fit.trace.length - 1].iteration
    const frameOf = (option: object) => {
      const { series, ...rest } = option as { series: Record<string, unknown>[] }
      return JSON.stringify([rest, series.map((s) => [s.id, s.type, Object.keys(s)])])
    }
    const live = buildConvergenceOption(fit.trace.slice(0, -5), {
      params: PARAMS,
      live: true,
      maxPoints: 500,
      validation: true,
      epochs: last,
    })
    const done = buildConvergenceOption(fit.trace, { params: PARAMS, optimum: optimumOf(fit) })
    expect(frameOf(done)).toBe(frameOf(live))
    expect((live as { dataZoom: unknown[] }).dataZoom).toHaveLength(2)
    const xAxis = (done as { xAxis: { min: number; max: number }[] }).xAxis
    expect(xAxis.map((a) => [a.min, a.max])).toEqual([0, 1, 2].map(() => [fit.trace[0].iteration, last]))
  })

  it('ends the iteration axes at steps while live (at most the epochs asked), at the last one run when finished', () => {
    const fit = syntheticGradientFit(3000)
    const stopped = fit.trace.slice(0, 1200)
    const xMax = (option: object) => (option as { xAxis: { max: unknown }[] }).xAxis[2].max
    const liveMax = (points: typeof stopped) =>
      xMax(buildConvergenceOption(points, { params: PARAMS, live: true, epochs: 3000 }))
    // The trace keeps at least half the width though the fit may stop early; the axes move a few times.
    expect(liveMax([])).toBe(100)
    expect(liveMax(stopped.filter((p) => p.iteration <= 150))).toBe(200)
    expect(liveMax(stopped)).toBe(2000)
    expect(liveMax(fit.trace)).toBe(3000)
    // A fit on course to go further soon is drawn in the step above where it is going (never past its epochs).
    const ahead = (points: typeof stopped, reach: number) =>
      xMax(buildConvergenceOption(points, { params: PARAMS, live: true, epochs: 3000, reach }))
    expect(ahead(stopped.slice(0, 100), 900)).toBe(1000)
    expect(ahead(stopped.slice(0, 100), 40_000)).toBe(3000)
    expect(ahead(stopped, 0)).toBe(2000)
    expect(xMax(buildConvergenceOption(stopped, { params: PARAMS }))).toBe(stopped[1199].iteration)
    // Without its epochs a live trace's axes follow its points, and it has no zoom controls yet.
    const unknown = buildConvergenceOption(stopped, { params: PARAMS, live: true })
    expect(xMax(unknown)).toBe('dataMax')
    expect((unknown as { dataZoom: unknown[] }).dataZoom).toEqual([])
  })

  // What keeps ~10 live redraws a second cheap, checked without a clock (timings belong in `npm run bench`):
  // a 10,000-point trace is cut to maxPoints a series, handed over as flat typed arrays ECharts copies at once.
  it('builds the live option for 10,000 points from at most maxPoints a series, as typed arrays', () => {
    const fit = syntheticGradientFit(10_000)
    const option = buildConvergenceOption(fit.trace, { params: PARAMS, live: true, maxPoints: 800 })
    const series = (option as { series: { data: ArrayLike<number> }[] }).series
    expect(series.length).toBeGreaterThanOrEqual(5)
    for (const s of series) {
      expect(s.data).toBeInstanceOf(Float64Array)
      expect(pointCount(s.data)).toBeLessThanOrEqual(800)
    }
  })
})

describe('parameter axes', () => {
  type Axis = { name: string; position?: string; offset?: number; nameLocation: string; gridIndex: number }
  type Grid = { left: number; right: number }
  const axesOf = (n: number) => {
    const params = Array.from({ length: n }, (_, i) => ({ name: `p${i}`, symbol: `θ${i}` }))
    const trace = syntheticTrace(50, Object.fromEntries(params.map((p) => [p.name, 1])), {})
    const option = buildConvergenceOption(trace, { params }) as { yAxis: Axis[]; grid: Grid[] }
    return { axes: option.yAxis.filter((a) => a.gridIndex === 1), grids: option.grid }
  }

  it('one or two parameters: an axis a side, named at its middle, the usual margins', () => {
    const { axes, grids } = axesOf(2)
    expect(axes.map((a) => [a.position, a.offset, a.nameLocation])).toEqual([
      ['left', 0, 'middle'],
      ['right', 0, 'middle'],
    ])
    for (const g of grids) expect([g.left, g.right]).toEqual([72, 72])
  })

  it('five parameters: axes stack outwards, named at their tops, and every panel makes room for them', () => {
    const { axes, grids } = axesOf(5)
    expect(axes.map((a) => [a.position, a.offset, a.nameLocation])).toEqual([
      ['left', 0, 'end'],
      ['right', 0, 'end'],
      ['left', 48, 'end'],
      ['right', 48, 'end'],
      ['left', 96, 'end'],
    ])
    // The same margins on all three panels keep their iteration axes lined up.
    for (const g of grids) expect([g.left, g.right]).toEqual([72 + 96, 72 + 48])
  })
})

describe('decadeLabel', () => {
  it('labels every third decade only', () => {
    expect([1e-9, 1e-8, 1e-7, 1e-6, 1, 10, 1000].map(decadeLabel)).toEqual([
      '1e-9',
      '',
      '',
      '1e-6',
      '1e0',
      '',
      '1e3',
    ])
  })
})

describe('interleave', () => {
  it('flattens pairs and counts them back', () => {
    const flat = interleave([1, 2, 3], [10, NaN, 30])
    expect(Array.from(flat)).toEqual([1, 10, 2, NaN, 3, 30])
    expect(pointCount(flat)).toBe(3)
    expect(pointCount([[1, 2]])).toBe(1)
  })
})

describe('buildConvergenceOption without a parameter list', () => {
  it('names the parameters from the trace and keeps a y axis in every panel', () => {
    const trace = syntheticTrace(50, { shape: 3, rate: 0.5 }, { shape: 1, rate: 0.2 })
    const option = buildConvergenceOption(trace, { params: [], live: true }) as {
      series: { id: string }[]
      yAxis: { gridIndex: number }[]
    }
    expect(option.series.map((s) => s.id)).toContain('param-rate')
    expect(new Set(option.yAxis.map((a) => a.gridIndex))).toEqual(new Set([0, 1, 2]))
    const empty = buildConvergenceOption(syntheticTrace(5, {}, {}), { params: [], live: true }) as {
      yAxis: { gridIndex: number }[]
    }
    expect(new Set(empty.yAxis.map((a) => a.gridIndex))).toEqual(new Set([0, 1, 2]))
  })
})
