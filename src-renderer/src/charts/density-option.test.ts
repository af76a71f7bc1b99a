import { init } from 'echarts'
import { describe, expect, it } from 'vitest'
import type { FitResult } from '../../../src-shared/contract'
import { buildDensityOption } from './density-option'

const fit = {
  dist: 'normal',
  distLabel: 'Normal',
  column: 'weight',
  histogram: [
    { x0: 0, x1: 1, count: 2, density: 0.2 },
    { x0: 1, x1: 2, count: 8, density: 0.8 },
  ],
  density: { x: [0, 1, 2], y: [0.1, 0.5, 0.1] },
} as FitResult

describe('buildDensityOption', () => {
  it('has a histogram series with one rectangle per bin and the fitted density line', () => {
    const option = buildDensityOption(fit) as { series: { id: string; type: string; data: number[][] }[] }
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
    chart.setOption(buildDensityOption(fit, { title: 'data.csv · weight · Normal fit' }))
    const svg = chart.renderToSVGString()
    chart.dispose()
    expect(svg).toContain('data.csv · weight · Normal fit')
    expect(svg).toContain('Normal fit')
    // Two histogram rectangles are drawn as paths.
    expect((svg.match(/<path/g) ?? []).length).toBeGreaterThan(2)
  })
})
