import { describe, expect, it } from 'vitest'
import { renderSvg } from '../../../test/support/renderer/render-svg'
import { syntheticBootstrapFit as withBootstrap } from '../../../test/support/renderer/synthetic-fits'
import { buildBootstrapOption, histogramBins, SCATTER_MAX } from './bootstrap-option'

type Series = { id: string; type: string; data: unknown[]; markLine?: { data: { xAxis: number }[] } }
const seriesOf = (option: unknown) => (option as { series: Series[] }).series

describe('bootstrap estimates chart', () => {
  it('draws a histogram per parameter with the estimate and both intervals marked, and the scatter', () => {
    const fit = withBootstrap(300)
    const option = buildBootstrapOption(fit)!
    const series = seriesOf(option)
    expect(series.map((s) => s.id)).toEqual(['hist-mu', 'hist-sigma', 'scatter', 'estimate'])
    const bins = series[0].data as [number, number, number][]
    expect(bins.reduce((k, b) => k + b[2], 0)).toBe(300)
    const marks = series[0].markLine!.data.map((d) => d.xAxis)
    const mu = fit.params.mu
    expect(marks).toEqual([mu, mu - 0.2, mu + 0.2, mu - 0.21, mu + 0.19])
    expect(series[2].data).toHaveLength(300)
    const svg = renderSvg(option)
    expect(svg).toContain('300 of 301 replicates')
    expect(svg).toContain('1 not converged (left out)')
  })

  it('thins a large scatter and says so; histograms keep every replicate', () => {
    const option = buildBootstrapOption(withBootstrap(9000))!
    const series = seriesOf(option)
    expect(series[2].data.length).toBeLessThanOrEqual(SCATTER_MAX)
    expect((series[0].data as [number, number, number][]).reduce((k, b) => k + b[2], 0)).toBe(9000)
    expect(renderSvg(option)).toContain('every 5th replicate')
  })

  it('bins every value, the largest included', () => {
    const bins = histogramBins([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])
    expect(bins.reduce((k, b) => k + b[2], 0)).toBe(11)
    expect(bins[0][0]).toBe(1)
    expect(bins.at(-1)![1]).toBeCloseTo(11, 12)
  })
})
