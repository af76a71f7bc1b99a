import { describe, expect, it } from 'vitest'
import type { LikelihoodGrid, RegressionResult } from '../../../src-shared/contract'
import { renderSvg } from '../../../test/support/renderer/render-svg'
import { syntheticLinearRegression } from '../../../test/support/renderer/synthetic-fits'
import { asLogLikelihood, bandSegments, buildRegressionFitOption, interpolateGrid } from './regression-option'

type Series = { id: string; data: number[][] }

describe('regression charts', () => {
  const result = syntheticLinearRegression()

  it('draws points, the 95% band and the fitted line, and renders', () => {
    const option = buildRegressionFitOption(result)
    const series = (option as { series: Series[] }).series
    expect(series.map((s) => s.id)).toEqual(['points', 'band', 'curve'])
    expect(series[0].data).toHaveLength(result.plot?.points.x.length ?? -1)
    expect(series[1].data).toHaveLength((result.plot?.curve.x.length ?? 0) - 1)
    expect(renderSvg(option ?? {})).toContain('Fitted line')
  })

  it('has no chart when there is no plot (several predictors)', () => {
    const several: RegressionResult = { ...result, plot: null }
    expect(buildRegressionFitOption(several)).toBeNull()
  })

  it('keeps only band segments with finite bounds', () => {
    expect(bandSegments([0, 1, 2], [0, NaN, 1], [2, 3, 4])).toEqual([])
    expect(bandSegments([0, 1], [0, 1], [2, 3])).toEqual([[0, 0, 1, 1, 3, 2]])
  })
})

describe('interpolateGrid', () => {
  // z = 2x + 3y + 1 is reproduced exactly by bilinear interpolation.
  const xs = [0, 1, 2, 3]
  const ys = [10, 20, 30]
  const grid: LikelihoodGrid = {
    axes: [
      { name: '(Intercept)', values: xs },
      { name: 'x', values: ys },
    ],
    z: ys.map((y) => xs.map((x) => 2 * x + 3 * y + 1)),
  }
  it.each([
    [0, 10],
    [1.5, 12.5],
    [3, 30],
    [2.25, 27.5],
  ])('is exact for a plane at (%s, %s)', (x, y) => {
    const expected = 2 * x + 3 * y + 1
    expect(Math.abs(interpolateGrid(grid, x, y) - expected)).toBeLessThan(8 * Number.EPSILON * expected)
  })
  it('is NaN outside', () => {
    expect(interpolateGrid(grid, -1, 15)).toBeNaN()
    expect(interpolateGrid(grid, 1, 31)).toBeNaN()
  })
})

describe('asLogLikelihood', () => {
  const xs = [-1, 0, 1]
  const bowl = xs.map((y) => xs.map((x) => x * x + y * y))
  const grid: LikelihoodGrid = {
    axes: [
      { name: 'a', values: xs },
      { name: 'b', values: xs },
    ],
    z: bowl,
  }
  it('negates a negative log-likelihood bowl and keeps a log-likelihood hill', () => {
    expect(asLogLikelihood(grid, [0, 0]).z[0][0]).toBe(-2)
    const hill = { ...grid, z: bowl.map((r) => r.map((v) => -v)) }
    expect(asLogLikelihood(hill, [0, 0])).toBe(hill)
  })
})
