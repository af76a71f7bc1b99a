import { describe, expect, it } from 'vitest'
import type { RegressionRequest } from '../../../src-shared/contract'
import { syntheticLinearRegression } from '../../../test/support/renderer/synthetic-fits'
import {
  describeRegressionRequest,
  fitInputsChange,
  regressionOutOfDate,
  requestOfRegression,
} from './fitted-with'

const linear: RegressionRequest = {
  model: 'linear',
  response: 'waiting',
  predictors: ['eruptions'],
  intercept: true,
  exposure: null,
  method: 'newton',
}

describe('regression inputs', () => {
  it('describes a request as the panel shows it', () => {
    expect(describeRegressionRequest(linear)).toBe('linear, waiting ~ eruptions')
    expect(
      describeRegressionRequest({
        ...linear,
        model: 'poisson',
        predictors: ['a', 'b'],
        intercept: false,
        exposure: 'days',
        method: 'gradient',
      }),
    ).toBe('poisson, waiting ~ a + b, no intercept, exposure days, gradient ascent')
  })

  it('is out of date exactly when the controls describe another model', () => {
    expect(regressionOutOfDate(linear, { ...linear })).toBeNull()
    expect(regressionOutOfDate(linear, { ...linear, model: 'logistic' })).toBe(
      'Out of date: fitted with linear, waiting ~ eruptions; the controls now say logistic, waiting ~ ' +
        'eruptions. Press Fit regression to update.',
    )
    expect(regressionOutOfDate(linear, null)).toMatch(/now say no complete model/)
    expect(regressionOutOfDate(null, linear)).toBeNull()
  })

  it('reads the request back from a saved result', () => {
    const r = syntheticLinearRegression()
    expect(requestOfRegression(r)).toEqual({
      model: 'linear',
      response: r.response,
      predictors: r.predictors,
      intercept: r.intercept,
      exposure: null,
      method: 'newton',
    })
  })
})

describe('fit inputs', () => {
  it('lists only what changed, with defaults spelled out', () => {
    const made = { column: 'x', dist: 'normal', method: 'newton' as const, bins: 'fd' as const }
    expect(fitInputsChange(made, { ...made })).toBeNull()
    expect(
      fitInputsChange(made, { ...made, method: 'lbfgs', options: { tolerance: 1e-9 }, fixed: { mu: 2 } }),
    ).toBe(
      'fitted with method newton, tolerance (default), mu free; the controls now say ' +
        'method lbfgs, tolerance 1e-9, mu held at 2',
    )
    // A fit-all request has no family and no held parameters.
    expect(fitInputsChange({ column: 'x', bootstrap: 99 }, { column: 'x' })).toBe(
      'fitted with bootstrap 99; the controls now say bootstrap (default)',
    )
  })
})
