import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { RegressionModel } from '../../../src-shared/contract'
import { importCsv } from '../import/csv-import'
import { fitRegression } from './fit-regression'
import { reducedStart } from './model-tests'

const MTCARS = join(__dirname, 'fixtures', 'mtcars.csv')
const WARPBREAKS = join(__dirname, 'fixtures', 'warpbreaks.csv')

describe('drop-one term tests', () => {
  // The tests reuse the full fit (no refit for linear; warm-started Newton with the term held at 0 for
  // GLMs): each statistic must equal 2 (logLik - logLik of the model fitted without the term).
  it.each<[RegressionModel, string, string[]]>([
    ['linear', 'mpg', ['wt', 'hp', 'gears', 'wt:hp']],
    ['logistic', 'am', ['wt', 'hp']],
    ['logistic', 'vs', ['mpg', 'transmission']],
    ['poisson', 'cyl', ['wt', 'hp', 'gears']],
  ])('%s %s ~ %s equals explicit refits without each term', async (model, response, predictors) => {
    const dataset = await importCsv(MTCARS)
    const full = await fitRegression(dataset, { model, response, predictors })
    for (const test of full.termTests!) {
      if (test.containedIn !== null) continue
      const without = await fitRegression(dataset, {
        model,
        response,
        predictors: predictors.filter((t) => t !== test.term),
      })
      const expected = 2 * (full.logLikelihood - without.logLikelihood)
      expect(Math.abs(test.statistic - expected)).toBeLessThan(1e-8 * Math.max(1, expected))
    }
  })

  // Negative binomial: alternating IRLS/theta on the full design with the term's coefficients held at 0
  // must land where a fit of the design without the term does (R's glm.nb(breaks ~ wool + tension)).
  it('negbin breaks ~ wool + tension equals explicit refits without each term', async () => {
    const dataset = await importCsv(WARPBREAKS)
    const request = { model: 'negbin', response: 'breaks' } as const
    const predictors = ['wool', 'tension']
    const full = await fitRegression(dataset, { ...request, predictors })
    expect(full.termTests).toHaveLength(2)
    for (const test of full.termTests!) {
      const without = await fitRegression(dataset, {
        ...request,
        predictors: predictors.filter((t) => t !== test.term),
      })
      expect(without.converged).toBe(true)
      const expected = 2 * (full.logLikelihood - without.logLikelihood)
      expect(expected).toBeGreaterThan(1)
      expect(Math.abs(test.statistic - expected)).toBeLessThan(1e-9 * Math.max(1, expected))
    }
  })

  it("predicts the reduced least-squares fit exactly from (X'X)^-1", () => {
    // X = [1, t] for t = 0, 1, 2: (X'X)^-1 = [[5, -3], [-3, 3]] / 6; y = 1 + 2t gives beta = (1, 2), and
    // without t the fit is the mean of y, 3.
    const v = Float64Array.from([5 / 6, -3 / 6, -3 / 6, 3 / 6])
    const start = reducedStart(v, Float64Array.from([1, 2]), [1])!
    expect(start[0]).toBeCloseTo(3, 14)
    expect(reducedStart(Float64Array.from([1, 0, 0, -1]), Float64Array.from([1, 2]), [1])).toBeNull()
  })
})
