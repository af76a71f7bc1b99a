import { describe, expect, it } from 'vitest'
import { syntheticLinearRegression } from '../../../test/support/renderer/synthetic-fits'
import { LIGHT_COLORS } from '../../../src-shared/present/charts/chart-theme'
import {
  buildRegressionChartOption,
  regressionChartMissing,
  type RegressionChartInput,
} from './regression-chart-tabs'

const result = syntheticLinearRegression()
const [b0, b1] = result.coefficients.map((c) => c.estimate)
const axis = (name: string, centre: number) => ({ name, values: [-1, 0, 1].map((d) => centre + d) })
// A log-likelihood surface peaked at the fit's coefficients.
const grid = {
  axes: [axis('(Intercept)', b0), axis('x', b1)],
  z: [-1, 0, 1].map((j) => [-1, 0, 1].map((i) => -(i * i + j * j))),
}
const input = (extra: Partial<RegressionChartInput> = {}): RegressionChartInput => ({
  result,
  colors: LIGHT_COLORS,
  surface: null,
  at: null,
  ...extra,
})
const ids = (option: unknown) =>
  ((option as { series: { id: string }[] } | null)?.series ?? []).map((s) => s.id)

describe('the regression chart tabs', () => {
  it('draws the fit and the residuals; the surface only with a grid, with the sliders as a point', () => {
    expect(ids(buildRegressionChartOption('fit', input()))).toEqual(['points', 'band', 'curve'])
    expect(ids(buildRegressionChartOption('residuals', input()))).toEqual(['zero', 'residuals'])
    expect(buildRegressionChartOption('surface', input())).toBeNull()
    const surface = buildRegressionChartOption('surface', input({ surface: grid, at: [b0, b1 + 0.5] }))
    expect(ids(surface)).toEqual(expect.arrayContaining(['surface', 'path-0', 'mle']))
    const sliders = (surface as { series: { id: string; name: string; data: number[][] }[] }).series.find(
      (s) => s.id === 'path-0',
    )!
    expect(sliders.name).toBe('Sliders')
    expect(sliders.data).toEqual([[b0, b1 + 0.5]])
  })

  it('says why a tab is empty', () => {
    expect(regressionChartMissing('fit', null, null, null)).toMatch(/^Choose a model/)
    expect(regressionChartMissing('fit', result, 'The response must be 0 or 1.', null)).toBe(
      'Regression: The response must be 0 or 1.',
    )
    expect(regressionChartMissing('fit', { ...result, plot: null }, null, null)).toMatch(
      /one numeric predictor; see Residuals, Residual Q-Q and Coefficients/,
    )
    expect(regressionChartMissing('qq', { ...result, residuals: null }, null, null)).toMatch(/no residuals/)
    expect(regressionChartMissing('coefficients', result, null, null)).toBeNull()
    expect(regressionChartMissing('surface', result, null, 'No grid.')).toBe(
      'Likelihood surface: not available. No grid.',
    )
    expect(regressionChartMissing('residuals', result, null, null)).toBeNull()
  })
})
