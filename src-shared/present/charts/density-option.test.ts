import { init } from 'echarts'
import { describe, expect, it } from 'vitest'
import type { FitResult } from '../../../src-shared/contract'
import {
  syntheticGradientFit,
  syntheticNormalFit,
  syntheticPoissonFit,
} from '../../../test/support/renderer/synthetic-fits'
import { renderSvg } from '../../../test/support/renderer/render-svg'
import { binInteger, buildDensityOption, xyPairs } from './density-option'
import { DARK_COLORS } from './chart-theme'

type Series = { id: string; name: string; type: string; data: unknown[] }
const seriesOf = (o: unknown) => (o as { series: Series[] }).series
const byId = (o: unknown, id: string) => seriesOf(o).find((s) => s.id === id)

describe('buildDensityOption', () => {
  it('draws every histogram bin and the fitted density of a continuous fit', () => {
    const fit = syntheticNormalFit()
    const option = buildDensityOption(fit)
    expect(byId(option, 'histogram')?.data).toHaveLength(fit.histogram.length)
    expect(byId(option, 'density')?.data).toHaveLength(fit.density.x.length)
    expect(byId(option, 'start')).toBeUndefined()
    const first = byId(option, 'histogram')?.data[0] as number[]
    expect(first).toEqual([
      fit.histogram[0].x0,
      fit.histogram[0].x1,
      fit.histogram[0].density,
      fit.histogram[0].count,
    ])
  })

  it('adds the starting-point density and overlays of other families, not of itself', () => {
    const fit = syntheticGradientFit(200)
    const option = buildDensityOption(fit, { showStart: true, overlays: [fit, syntheticNormalFit('hours')] })
    expect(byId(option, 'start')?.data).toHaveLength(fit.startDensity.x.length)
    expect(seriesOf(option).map((s) => s.id)).toEqual(['histogram', 'density', 'start', 'overlay-normal'])
    // Legends name the family and its parameters.
    expect((option as { legend: { data: string[] } }).legend.data).toContainEqual(
      expect.stringMatching(/^Normal \(μ = \d+(\.\d+)?, σ = \d+(\.\d+)?\)$/),
    )
  })

  it('shows a discrete fit as relative frequencies against the pmf at each integer', () => {
    const fit = syntheticPoissonFit()
    const option = buildDensityOption(fit)
    const bars = byId(option, 'histogram')?.data as number[][]
    expect(bars.map((b) => b[0])).toEqual(fit.density.x)
    const total = bars.reduce((s, b) => s + b[1], 0)
    expect(Math.abs(total - 1)).toBeLessThan(8 * Number.EPSILON)
    expect(byId(option, 'density')?.data).toEqual(fit.density.x.map((x, i) => [x, fit.density.y[i]]))
    expect((option as { yAxis: { name: string } }).yAxis.name).toBe('Probability')
  })

  it('puts a title on exports and renders to SVG in both themes', () => {
    const fit = syntheticPoissonFit()
    const svg = renderSvg(buildDensityOption(fit, { title: 'counts.csv · defects · Poisson' }))
    expect(svg).toContain('counts.csv · defects · Poisson')
    expect(renderSvg(buildDensityOption(syntheticNormalFit(), { colors: DARK_COLORS }))).toContain('<path')
  })
})

describe('buildDensityOption axes and zoom', () => {
  const skewed = {
    ...leadFitBase(),
    histogram: [
      { x0: 1, x1: 50, count: 90, density: 0.018 },
      { x0: 50, x1: 300, count: 10, density: 0.0004 },
    ],
    density: { x: [0, 1, 10, 100, 300], y: [0, 0.1, 0.05, 0.001, 0.0001] },
  } as FitResult
  type Axis = { type: string; name: string; min: number; max: number }

  it('draws a log x axis from 1-2-5 rounded ends and drops the x = 0 point it cannot place', () => {
    const option = buildDensityOption(skewed, { xScale: 'log' }) as { xAxis: Axis }
    expect(option.xAxis).toMatchObject({ type: 'log', min: 1, max: 500, name: 'weight (log scale)' })
    expect(byId(option, 'density')?.data).toHaveLength(4)
  })

  it('zooms on screen (inside and slider) but not in exports', () => {
    const zoom = (o: unknown) => (o as { dataZoom: { type: string }[] }).dataZoom.map((z) => z.type)
    expect(zoom(buildDensityOption(skewed))).toEqual(['inside', 'slider'])
    expect(zoom(buildDensityOption(skewed, { title: 'export' }))).toEqual([])
  })

  it('renders on a log axis (server-side SVG)', () => {
    expect(renderSvg(buildDensityOption(skewed, { xScale: 'log' }))).toContain('(log scale)')
  })
})

function leadFitBase(): FitResult {
  return { ...leadFit, discrete: false }
}

describe('density helpers', () => {
  it('reads the integer of a discrete bin in both edge conventions', () => {
    for (const k of [0, 1, 7, 120]) {
      expect(binInteger(k - 0.5)).toBe(k)
      expect(binInteger(k)).toBe(k)
    }
  })

  it('drops non-finite points instead of drawing spikes', () => {
    expect(xyPairs([0, 1, 2, 3], [1, NaN, Infinity, 4])).toEqual([
      [0, 1],
      [3, 4],
    ])
  })
})

const leadFit = {
  dist: 'normal',
  distLabel: 'Normal',
  column: 'weight',
  histogram: [
    { x0: 0, x1: 1, count: 2, density: 0.2 },
    { x0: 1, x1: 2, count: 8, density: 0.8 },
  ],
  density: { x: [0, 1, 2], y: [0.1, 0.5, 0.1] },
  estimates: [
    { name: 'mu', symbol: 'μ', estimate: 1 },
    { name: 'sigma', symbol: 'σ', estimate: 0.5 },
  ],
} as FitResult

describe('buildDensityOption (foundation checks)', () => {
  it('has a histogram series with one rectangle per bin and the fitted density line', () => {
    const option = buildDensityOption(leadFit) as { series: { id: string; type: string; data: number[][] }[] }
    const [bars, line] = option.series
    expect(bars).toMatchObject({ id: 'histogram', type: 'custom' })
    expect(bars.data).toEqual([
      [0, 1, 0.2, 2],
      [1, 2, 0.8, 8],
    ])
    expect(line).toMatchObject({ id: 'density', type: 'line' })
    expect(line.data).toEqual([
      [0, 0.1],
      [1, 0.5],
      [2, 0.1],
    ])
  })

  it('renders (server-side SVG) with a title when one is given, and two legend entries', () => {
    const chart = init(null, null, { renderer: 'svg', ssr: true, width: 600, height: 400 })
    chart.setOption(buildDensityOption(leadFit, { title: 'data.csv · weight · Normal fit' }))
    const svg = chart.renderToSVGString()
    chart.dispose()
    expect(svg).toContain('data.csv · weight · Normal fit')
    expect(svg).toContain('Normal (μ = 1, σ = 0.5)')
    // Two histogram rectangles are drawn as paths.
    expect((svg.match(/<path/g) ?? []).length).toBeGreaterThan(2)
  })
})
