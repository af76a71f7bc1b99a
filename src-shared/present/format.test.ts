import { describe, expect, it } from 'vitest'
import {
  criterionDecimals,
  fitLabel,
  formatCriterion,
  formatPValue,
  formatShort,
  formatStatistic,
  pClause,
} from './format'

describe('the formatting policy', () => {
  it('gives criteria fixed 2 decimals so AIC and AICc differ when they do', () => {
    // 2 parameters, n = 200,000: AICc - AIC = 12 / 199,997 = 6e-5, invisible at 6 significant digits.
    const aic = 2168960.373
    expect(formatCriterion(aic)).toBe('2168960.37')
    expect(formatCriterion(aic + 2)).not.toBe(formatCriterion(aic))
    expect(formatCriterion(-0.001)).toBe('0.00')
    expect(formatCriterion(NaN)).toBe('—')
    expect(formatCriterion(null)).toBe('—')
  })

  it('adds decimals until AIC and AICc differ in print', () => {
    const aic = 2168960.373
    const aicc = aic + 12 / 199997
    const d = criterionDecimals([aic, aicc, aic + 30])
    expect(d).toBe(4)
    expect(formatCriterion(aic, d)).not.toBe(formatCriterion(aicc, d))
    expect(criterionDecimals([10, 10, 20.5])).toBe(2)
  })

  it('writes small p-values as below a floor, never "p = 0" or 0.000999001', () => {
    expect(formatPValue(0)).toBe('< 1e-16')
    expect(formatPValue(1e-20)).toBe('< 1e-16')
    expect(formatPValue(1 / 1001)).toBe('< 0.001')
    expect(formatPValue(0.001)).toBe('0.001')
    expect(formatPValue(0.012345)).toBe('0.0123')
    expect(formatPValue(0.5)).toBe('0.5')
    expect(formatPValue(1)).toBe('1')
    expect(formatPValue(null)).toBe('—')
    expect(pClause(0.0004)).toBe('p < 0.001')
    expect(pClause(0.25)).toBe('p = 0.25')
  })

  it('shows an undefined statistic as a dash, never as −∞ or NaN', () => {
    expect(formatStatistic(-Infinity)).toBe('—')
    expect(formatStatistic(NaN)).toBe('—')
    expect(formatStatistic(1.23456789)).toBe('1.23457')
  })

  it('labels a fit with its family and 3-significant-digit parameters', () => {
    const gamma = {
      distLabel: 'Gamma',
      estimates: [
        { symbol: 'k', estimate: 7.96931 },
        { symbol: 'β', estimate: 2.28412 },
      ],
    }
    expect(fitLabel(gamma)).toBe('Gamma (k = 7.97, β = 2.28)')
    expect(formatShort(1234567)).toBe('1.23e+6')
    expect(formatShort(0.000123)).toBe('1.23e-4')
  })
})
