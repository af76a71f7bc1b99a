import { describe, expect, it } from 'vitest'
import type { RegressionModel } from '../../../src-shared/contract'
import { RequestError } from '../errors'
import { fitRegression } from './fit-regression'
import { inMemoryDataset } from '../../../test/support/in-memory-dataset'
import { regressionGrid } from './regression-grid'

const EPS = Number.EPSILON
const x = [0.5, 1.2, 1.9, 2.4, 3.1, 3.3, 4.0, 4.8, 5.5, 6.1, 6.7, 7.2]
const dataset = inMemoryDataset({
  x,
  lin: [1.1, 2.9, 3.2, 5.8, 6.1, 7.9, 8.2, 10.8, 11.1, 12.9, 14.2, 15.1],
  bin: [0, 0, 1, 0, 0, 1, 0, 1, 1, 0, 1, 1],
  cnt: [0, 1, 0, 2, 1, 3, 2, 4, 3, 6, 5, 8],
})

/** Negative log-likelihood computed row by row, independently of the grid code. */
function nll(model: RegressionModel, y: number[], a: number, b: number): number {
  let s = 0
  if (model === 'linear') {
    let rss = 0
    for (let i = 0; i < x.length; i++) rss += (y[i] - a - b * x[i]) ** 2
    const n = x.length
    return (n / 2) * (Math.log((2 * Math.PI * rss) / n) + 1)
  }
  for (let i = 0; i < x.length; i++) {
    const eta = a + b * x[i]
    if (model === 'logistic') s -= y[i] * eta - Math.log(1 + Math.exp(eta))
    else {
      let logFactorial = 0
      for (let k = 2; k <= y[i]; k++) logFactorial += Math.log(k)
      s -= y[i] * eta - Math.exp(eta) - logFactorial
    }
  }
  return s
}

describe.each([
  { model: 'linear', response: 'lin' },
  { model: 'logistic', response: 'bin' },
  { model: 'poisson', response: 'cnt' },
] as const)('regressionGrid $model', ({ model, response }) => {
  it('matches the row-by-row NLL and is smallest next to the MLE', async () => {
    const fit = await fitRegression(dataset, { model, response, predictors: ['x'] })
    const [a0, b0] = fit.coefficients.map((c) => c.estimate)
    const [sa, sb] = fit.coefficients.map((c) => c.standardError)
    const grid = regressionGrid(dataset, {
      request: { model, response, predictors: ['x'] },
      intercept: { min: a0 - 3 * sa, max: a0 + 3 * sa, steps: 41 },
      slope: { min: b0 - 3 * sb, max: b0 + 3 * sb, steps: 41 },
    })
    expect(grid.axes.map((a) => a.name)).toEqual(['(Intercept)', 'x'])
    expect(grid.z.length).toBe(41)
    expect(grid.z[0].length).toBe(41)
    const y = (dataset.columns.find((c) => c.info.name === response)?.values ?? []) as ArrayLike<number>
    const ys = Array.from(y)
    for (const [i, j] of [
      [0, 0],
      [7, 33],
      [40, 12],
    ]) {
      const expected = nll(model, ys, grid.axes[0].values[i], grid.axes[1].values[j])
      expect(Math.abs(grid.z[j][i] - expected)).toBeLessThan(1e3 * EPS * Math.abs(expected))
    }
    // The centre (20, 20) is the MLE: the grid minimum, equal to -logLikelihood.
    let best = Infinity
    for (const row of grid.z) for (const v of row) best = Math.min(best, v)
    expect(grid.z[20][20]).toBe(best)
    expect(Math.abs(grid.z[20][20] + fit.logLikelihood)).toBeLessThan(1e3 * EPS * Math.abs(fit.logLikelihood))
  })
})

describe('regressionGrid requests', () => {
  it.each([
    [{ predictors: ['x', 'lin'] }, /exactly one predictor/],
    [{ intercept: false }, /exactly one predictor and the intercept/],
  ])('refuses %o', (change, message) => {
    expect(() =>
      regressionGrid(dataset, {
        request: { model: 'linear', response: 'cnt', predictors: ['x'], ...change },
        intercept: { min: 0, max: 1, steps: 3 },
        slope: { min: 0, max: 1, steps: 3 },
      }),
    ).toThrow(message)
  })
  it('refuses a bad axis', () => {
    expect(() =>
      regressionGrid(dataset, {
        request: { model: 'linear', response: 'lin', predictors: ['x'] },
        intercept: { min: 1, max: 0, steps: 3 },
        slope: { min: 0, max: 1, steps: 3 },
      }),
    ).toThrow(RequestError)
  })
})

describe('regressionGrid work limit', () => {
  it('refuses a logistic surface that would take too long, saying how many steps fit', () => {
    const n = 100_000
    const big = inMemoryDataset({
      x: Array.from({ length: n }, (_, i) => i / n),
      y: Array.from({ length: n }, (_, i) => i % 2),
    })
    const request = { model: 'logistic' as const, response: 'y', predictors: ['x'] }
    expect(() =>
      regressionGrid(big, {
        request,
        intercept: { min: -1, max: 1, steps: 50 },
        slope: { min: -1, max: 1, steps: 50 },
      }),
    ).toThrow(/use at most 44 x 44 steps/)
  })
})
