import { describe, expect, it } from 'vitest'
import type { BootstrapCi, FitResult } from '../../../src-shared/contract'
import { renderSvg } from '../../../test/support/renderer/render-svg'
import { normalSample, syntheticNormalFit } from '../../../test/support/renderer/synthetic-fits'
import { buildBootstrapOption, histogramBins, SCATTER_MAX } from './bootstrap-option'
import { buildFitChartOption, fitChartMissing } from './fit-chart-tabs'

/** A fit with `b` bootstrap replicates of (mu, sigma), one of them not converged. */
function withBootstrap(b: number): FitResult {
  const fit = syntheticNormalFit()
  const mus = normalSample(b, fit.params.mu, 0.09, 3)
  const sigmas = normalSample(b, fit.params.sigma, 0.06, 4)
  const ci: BootstrapCi = {
    method: 'nonparametric',
    replicates: b + 1,
    converged: b,
    failed: 1,
    seed: 42,
    level: 0.95,
    names: ['mu', 'sigma'],
    estimates: mus.map((m, i) => [m, sigmas[i]]),
    intervals: ['mu', 'sigma'].map((name) => ({
      name,
      estimate: fit.params[name],
      median: fit.params[name],
      standardError: 0.1,
      percentile: [fit.params[name] - 0.2, fit.params[name] + 0.2],
      bca: [fit.params[name] - 0.21, fit.params[name] + 0.19],
      z0: 0.01,
      acceleration: 0.002,
    })),
    jackknife: { kind: 'grouped', refits: 200 },
    note: 'Nonparametric bootstrap.',
  }
  return { ...fit, bootstrapCi: ci }
}

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

  it('is a chart tab that says how to get replicates when there are none', () => {
    const plain = syntheticNormalFit()
    expect(
      fitChartMissing('bootstrap', {
        fit: plain,
        diagnostics: { kind: 'idle' },
        grid: { kind: 'idle' },
        thresholdChoice: { kind: 'idle' },
      }),
    ).toMatch(/Bootstrap intervals/)
    expect(buildBootstrapOption(plain)).toBeNull()
    const input = { fit: withBootstrap(50) } as Parameters<typeof buildFitChartOption>[1]
    expect(buildFitChartOption('bootstrap', { ...input, colors: undefined! })).not.toBeNull()
  })
})
