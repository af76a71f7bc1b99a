import { afterEach, describe, expect, it } from 'vitest'
import { effectScope, nextTick, ref } from 'vue'
import type { FitResult } from '../../../src-shared/contract'
import { LIGHT_COLORS } from '../../../src-shared/present/charts/chart-theme'
import { boundaryError, settle } from '../../../test/support/renderer/fake-renderer-api'
import { syntheticGradientFit, syntheticNormalFit } from '../../../test/support/renderer/synthetic-fits'
import { startedWorkspace } from '../../../test/support/renderer/workspace'
import { useChartViewSlot } from './use-chart-view'
import { useFitCharts } from './use-fit-charts'

let stop: (() => void) | null = null
afterEach(() => stop?.())

async function setup(answer: () => FitResult | Promise<FitResult>) {
  const s = await startedWorkspace({
    'model:fit': answer,
    'model:get-diagnostics': () => ({
      cdf: { x: [], empirical: [], fitted: [] },
      qq: { theoretical: [], sample: [] },
      pp: { theoretical: [], empirical: [] },
    }),
    // Log-spaced bins when the density's axis is log (a recognisable pair of bars).
    'model:get-histogram': (request: { spacing?: string }) =>
      request.spacing === 'log'
        ? [
            { x0: 1, x1: 10, count: 5, density: 5 / (10 * 9) },
            { x0: 10, x1: 100, count: 5, density: 5 / (10 * 90) },
          ]
        : [],
  })
  const scope = effectScope()
  const view = useChartViewSlot()
  const charts = scope.run(() =>
    useFitCharts({
      ...s.ws,
      colors: ref(LIGHT_COLORS),
      fileName: ref('weights.csv'),
      summary: s.ws.dataset.summary,
      column: s.ws.dataset.column,
      view,
    }),
  )!
  stop = () => {
    scope.stop()
    s.stop()
  }
  return { ...s, charts, view }
}

describe('useFitCharts', () => {
  it('turns to Convergence only while a gradient-ascent fit streams its trace, and keeps it there', async () => {
    let finish: (r: FitResult) => void = () => undefined
    const s = await setup(() => new Promise<FitResult>((r) => (finish = r)))
    expect(s.charts.tab.value).toBe('density')
    // A Newton fit streams a few steps: the view stays where the user left it.
    s.ws.settings.method.value = 'newton'
    const newton = s.ws.fits.runFit()
    s.emit({
      kind: 'progress',
      progress: { task: 'fit', fraction: null, message: '', trace: syntheticGradientFit(5).trace },
    })
    s.frames.frame()
    await nextTick()
    expect(s.charts.tab.value).toBe('density')
    finish(syntheticNormalFit())
    await newton
    s.ws.settings.method.value = 'gradient'
    const running = s.ws.fits.runFit()
    const gradient = syntheticGradientFit(50)
    s.emit({
      kind: 'progress',
      progress: { task: 'fit', fraction: null, message: '', trace: gradient.trace, dist: 'gamma' },
    })
    s.frames.frame()
    s.frames.frame()
    s.frames.frame()
    await nextTick()
    expect(s.charts.tab.value).toBe('convergence')
    expect(s.charts.option.value).not.toBeNull()
    finish(gradient)
    await running
    await nextTick()
    expect(s.charts.tab.value).toBe('convergence')
  })

  it('a gradient fit turns to Convergence at its start and puts up the empty live frame before any point', async () => {
    let fail: (e: Error) => void = () => undefined
    const s = await setup(() => new Promise<FitResult>((_, reject) => (fail = reject)))
    s.ws.settings.method.value = 'gradient'
    const running = s.ws.fits.runFit()
    await nextTick()
    expect(s.charts.tab.value).toBe('convergence')
    const series = (s.charts.option.value as { series: { id: string; data: ArrayLike<number> }[] }).series
    expect(series.map((x) => x.id)).toEqual(expect.arrayContaining(['train', 'param-mu', 'param-sigma']))
    expect(series.every((x) => x.data.length === 0)).toBe(true)
    // Failing before its first point, it leaves nothing to show there: back to the density.
    fail(new Error('no'))
    await running
    await nextTick()
    expect(s.charts.tab.value).toBe('density')
  })

  it('a cancelled gradient fit keeps its trace on Convergence and says what it had reached', async () => {
    let fail: (e: Error) => void = () => undefined
    const s = await setup(() => new Promise<FitResult>((_, reject) => (fail = reject)))
    s.ws.settings.method.value = 'gradient'
    const running = s.ws.fits.runFit()
    const trace = syntheticGradientFit(40).trace
    s.emit({ kind: 'progress', progress: { task: 'fit', fraction: null, message: '', trace } })
    s.frames.frame()
    await nextTick()
    fail(boundaryError('CancelledError', 'Cancelled.'))
    await running
    await nextTick()
    expect(s.charts.tab.value).toBe('convergence')
    expect(s.ws.fits.cancelledTrace.value).toHaveLength(trace.length)
    expect(s.charts.option.value).not.toBeNull()
    expect(s.ws.status.notice.value).toMatch(
      /^Fitting Normal was cancelled at iteration [\d,]+\. Best so far \(iteration [\d,]+, validation log-likelihood per row .*\): .*not a converged fit/,
    )
    expect(s.ws.fits.fits.value).toEqual([])
  })

  it('comes back to the density when the shown fit has no path, and loads diagnostics only for their tabs', async () => {
    const s = await setup(() => syntheticNormalFit())
    s.charts.tab.value = 'convergence'
    await s.ws.fits.runFit()
    await nextTick()
    expect(s.charts.tab.value).toBe('density')
    expect(s.named('model:get-diagnostics')).toHaveLength(0)
    s.charts.selectTabByIndex(2)
    await nextTick()
    await settle()
    expect(s.charts.tab.value).toBe('qq')
    expect(s.named('model:get-diagnostics')).toEqual([
      { column: 'weight', dist: 'normal', params: syntheticNormalFit().params, trials: undefined },
    ])
    // Once per fit: coming back to a diagnostic tab asks nothing again.
    s.charts.selectTabByIndex(1)
    await nextTick()
    expect(s.named('model:get-diagnostics')).toHaveLength(1)
  })

  it('registers as the shown chart view: tabs for Alt+digit, export only with something to draw', async () => {
    const s = await setup(() => syntheticNormalFit())
    const handle = s.view.current.value!
    expect(handle.tabCount()).toBe(13)
    expect(handle.canExport()).toBe(false)
    await s.ws.fits.runFit()
    expect(handle.canExport()).toBe(true)
    handle.selectTabByIndex(5)
    expect(s.charts.tab.value).toBe('likelihood')
    stop?.()
    stop = null
    expect(s.view.current.value).toBeNull()
  })

  it('picks a log x axis for heavy tails on auto, lets the user flip it, and names exports by what they show', async () => {
    const s = await setup(() => syntheticNormalFit())
    await s.ws.fits.runFit()
    await nextTick()
    const axisType = () => (s.charts.option.value as { xAxis: { type: string } }).xAxis.type
    // A normal sample of weights: positive, one decade, not skewed: linear on auto.
    expect(s.charts.scale.autoScale.value).toBe('linear')
    expect(axisType()).toBe('value')
    const bars0 = s.ws.fits.fit.value!.histogram.length
    expect(s.charts.binsNote.value).toBe(`Bins: FD (${bars0} bars)`)
    s.charts.scale.choice.value = 'log'
    await nextTick()
    expect(axisType()).toBe('log')
    // On the log axis the histogram is asked for again with log-spaced bins, and drawn with them.
    await settle()
    const request = s.named('model:get-histogram').at(-1) as { spacing: string; bins: string }
    expect(request).toMatchObject({ spacing: 'log', bins: 'fd' })
    const bars = (s.charts.option.value as { series: { id: string; data: number[][] }[] }).series.find(
      (x) => x.id === 'histogram',
    )!
    expect(bars.data.map((d) => [d[0], d[1]])).toEqual([
      [1, 10],
      [10, 100],
    ])
    // The note says what is drawn: the two log-spaced bars, not the linear histogram's count.
    expect(s.charts.binsNote.value).toBe('Bins: FD (2 log-spaced bars)')
    const chart = s.view.current.value!.exportable()!
    expect(chart.naming).toEqual({ file: 'weights.csv', column: 'weight', dist: 'normal', chart: 'density' })
    expect((chart.option as { title: { text: string } }).title.text).toMatch(
      /^weights\.csv · weight · Normal \(μ = .*\) — Density$/,
    )
  })
})
