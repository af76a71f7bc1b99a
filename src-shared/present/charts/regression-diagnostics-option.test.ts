import { describe, expect, it } from 'vitest'
import type { RegressionResult } from '../../../src-shared/contract'
import { renderSvg } from '../../../test/support/renderer/render-svg'
import { syntheticLinearRegression } from '../../../test/support/renderer/synthetic-fits'
import {
  buildCoefficientOption,
  buildResidualOption,
  buildResidualQqOption,
} from './regression-diagnostics-option'

type Series = { id: string; data: number[][] }
const series = (o: unknown) => (o as { series: Series[] }).series

/** A two-factor fit as the engine returns it: no one-predictor plot, residual views and coefficients. */
function factorFit(): RegressionResult {
  const base = syntheticLinearRegression()
  const coef = (name: string, estimate: number, se: number) => ({
    name,
    estimate,
    standardError: se,
    statistic: estimate / se,
    pValue: 0.01,
    ci95: [estimate - 2 * se, estimate + 2 * se] as [number, number],
  })
  return {
    ...base,
    predictors: ['site', 'x'],
    coefficients: [
      coef('(Intercept)', 10, 1),
      coef('site = B', -2, 0.5),
      coef('site = C', 1, 0.8),
      coef('x', 0.3, 0.1),
    ],
    plot: null,
    residuals: {
      kind: 'standardized',
      fitted: [1, 2, 3, 4],
      residual: [0.5, -1, 1.5, -0.2],
      qq: { theoretical: [-1.15, -0.32, 0.32, 1.15], sample: [-1, -0.2, 0.5, 1.5] },
    },
  }
}

describe('regression residual and coefficient views', () => {
  it('draws standardized residuals against fitted values for several predictors', () => {
    const option = buildResidualOption(factorFit())
    expect(series(option).map((s) => s.id)).toEqual(['zero', 'residuals'])
    expect(series(option)[1].data).toEqual([
      [1, 0.5],
      [2, -1],
      [3, 1.5],
      [4, -0.2],
    ])
    expect(renderSvg(option ?? {})).toContain('Standardized residual')
  })

  it('falls back to a one-predictor plot’s residuals and has nothing to draw without either', () => {
    const old = { ...syntheticLinearRegression(), residuals: undefined }
    expect(series(buildResidualOption(old))[1].data).toHaveLength(old.plot!.residuals.fitted.length)
    expect(buildResidualOption({ ...old, plot: null })).toBeNull()
    expect(buildResidualQqOption({ ...old, plot: null })).toBeNull()
  })

  it('draws the residual Q-Q against y = x', () => {
    const option = buildResidualQqOption(factorFit())
    const [line, points] = series(option)
    expect(line.data).toEqual([
      [-1.15, -1.15],
      [1.5, 1.5],
    ])
    expect(points.data[3]).toEqual([1.15, 1.5])
    expect(renderSvg(option ?? {})).toContain('Standard normal quantile')
  })

  it('plots each coefficient but the intercept with its 95% interval, in table order', () => {
    const option = buildCoefficientOption(factorFit()) as { yAxis: { data: string[] }; series: Series[] }
    expect(option.yAxis.data).toEqual(['site = B', 'site = C', 'x'])
    const intervals = option.series.find((s) => s.id === 'intervals')!
    expect(intervals.data[0]).toEqual([-3, -1, 0])
    expect(renderSvg(option)).toContain('site = C')
    const interceptOnly = { ...factorFit(), coefficients: factorFit().coefficients.slice(0, 1) }
    expect(buildCoefficientOption(interceptOnly)).toBeNull()
  })
})
