import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { RegressionModel } from '../../../src-shared/contract'
import { importCsv } from '../import/csv-import'
import { fitRegression } from './fit-regression'

interface Fit {
  name: string
  file: string
  model: RegressionModel
  response: string
  predictors: string[]
  reference?: Record<string, string>
  intercept?: boolean
  rNames: string[]
  coefficients: number[]
  se: number[]
  logLik: number
  n: number
  adjRSquared?: number
  rSquared?: number
  fStatistic?: number
  fDf?: [number, number]
  fPValue?: number
  deviance?: number
  nullDeviance?: number
  dfResidual?: number
  dfNull?: number
  theta?: number
  thetaSE?: number
  lrTests: { term: string; df: number; statistic: number; pValue: number }[]
}

// R's lm/glm/MASS::glm.nb on R datasets written as CSV (fixtures/make-factor-fixtures.R).
const fits = (
  JSON.parse(readFileSync(join(__dirname, 'fixtures', 'factor-reference.json'), 'utf8')) as { fits: Fit[] }
).fits
const TOL = 1e-6

function close(actual: number, expected: number, tol = TOL): void {
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(
    tol * Math.abs(expected),
  )
}

/** R's coefficient name ("woolB:tensionM") from ours ("wool = B:tension = M"). */
const rName = (name: string) => name.replace(/ = /g, '')

describe.each(fits)('$name', (ref) => {
  it('matches R: coefficients, SEs, log-likelihood, model tests and drop-one LR tests', async () => {
    const dataset = await importCsv(join(__dirname, 'fixtures', ref.file))
    const r = await fitRegression(dataset, {
      model: ref.model,
      response: ref.response,
      predictors: ref.predictors,
      reference: ref.reference,
      intercept: ref.intercept,
    })
    expect(r.converged).toBe(true)
    expect(r.coefficients.map((c) => rName(c.name))).toEqual(ref.rNames)
    r.coefficients.forEach((c, j) => {
      close(c.estimate, ref.coefficients[j])
      close(c.standardError, ref.se[j])
    })
    close(r.logLikelihood, ref.logLik, 1e-8)
    if (ref.model === 'linear') {
      close(r.linear!.adjustedRSquared, ref.adjRSquared!)
      close(r.linear!.fTest.statistic, ref.fStatistic!)
      expect([r.linear!.fTest.df1, r.linear!.fTest.df2]).toEqual(ref.fDf)
      close(r.linear!.fTest.pValue, ref.fPValue!)
    } else {
      close(r.deviance, ref.deviance!)
      close(r.glm!.nullDeviance, ref.nullDeviance!)
      expect([r.glm!.dfResidual, r.glm!.dfNull]).toEqual([ref.dfResidual, ref.dfNull])
    }
    if (ref.model === 'negbin') {
      close(r.negbin!.theta, ref.theta!)
      close(r.negbin!.thetaStandardError, ref.thetaSE!)
    }
    // Residual views: squared deviance residuals sum to the deviance; squared scaled residuals to n - p.
    const squares = r.residuals!.residual.reduce((t, e) => t + e * e, 0)
    close(squares, ref.model === 'linear' ? r.n - r.coefficients.length : r.deviance, 1e-9)
    expect(r.residuals!.qq.sample).toEqual([...r.residuals!.residual].sort((a, b) => a - b))
    const tested = r.termTests!.filter((t) => t.containedIn === null)
    expect(tested.map((t) => t.term)).toEqual(ref.lrTests.map((t) => t.term))
    tested.forEach((t, k) => {
      expect(t.df).toBe(ref.lrTests[k].df)
      close(t.statistic, ref.lrTests[k].statistic)
      close(t.pValue, ref.lrTests[k].pValue, 1e-5)
    })
  })
})
