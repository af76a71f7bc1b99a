import { describe, expect, it } from 'vitest'
import type { FitResult, GroupFitResult } from '../../contract'
import { syntheticNormalFit } from '../../../test/support/renderer/synthetic-fits'
import { columnFormat } from '../format'
import { groupRows } from './group-rows'

/** The normal fit with mu, its interval and the log-likelihood set. */
function normal(mu: number, interval: [number, number], logLikelihood: number): FitResult {
  const fit = syntheticNormalFit('weight')
  return {
    ...fit,
    logLikelihood,
    estimates: fit.estimates.map((e) =>
      e.name === 'mu' ? { ...e, estimate: mu, profile95: interval, wald95: interval } : e,
    ),
  }
}

const data = { rows: 10, used: 10 }
const result: GroupFitResult = {
  column: 'weight',
  by: 'site',
  groups: [
    { group: 'north', data, fits: [normal(112.345678, [101.2, 123.5], -40.1234)], notApplicable: [] },
    { group: 'south', data, fits: [], notApplicable: [{ dist: 'normal', reason: 'too small' }] },
    { group: 'west', data, fits: [normal(3.5, [2.91234567, 4.1], -40.1249)], notApplicable: [] },
  ],
  pooled: { data, fits: [normal(57.8912345, [50, 65.25], -95.5)], notApplicable: [] },
  tests: [],
  skipped: [],
  exclusions: [],
}

describe('groupRows', () => {
  it('gives each parameter one number of decimals in every group, its interval too', () => {
    const mu = groupRows(result, 'normal').filter((r) => r.param === 'μ')
    // 6 significant digits on the largest (112.346): 3 decimals for every group's mu.
    expect(mu.map((r) => r.estimate)).toEqual(['112.346', '3.500', '57.891'])
    expect(mu.map((r) => r.ci)).toEqual(['101.200 – 123.500', '2.912 – 4.100', '50.000 – 65.250'])
    // Log-likelihoods that would print alike at 2 decimals get more, all of them.
    const ll = groupRows(result, 'normal').filter((r) => r.ll !== '')
    expect(ll.map((r) => r.ll)).toEqual(['-40.123', '-40.125', '-95.500'])
    expect(groupRows(result, 'normal').find((r) => r.group === 'south')?.estimate).toBe('too small')
  })
})

describe('columnFormat', () => {
  it('uses formatNumber when the largest value is outside the plain range, and says — for NaN', () => {
    expect(columnFormat([2e9, 3])(2e9)).toBe('2.00000e+9')
    expect(columnFormat([2e9, 3])(3)).toBe('3')
    expect(columnFormat([NaN])(NaN)).toBe('—')
    expect(columnFormat([0.00123, -0.0004])(-0.0004)).toBe('-0.00040000')
    expect(columnFormat([1, -0.0000001])(-0.0000001)).toBe('0.00000')
  })
})
