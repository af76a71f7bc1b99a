import { describe, expect, it } from 'vitest'
import { autoLogX, histogramSkewness, resolveScale } from './axis-scale'

describe('the automatic log x rule', () => {
  it('picks log for positive data spanning more than 2 decades', () => {
    expect(autoLogX({ min: 1, max: 263, skewness: 1 })).toBe(true)
    expect(autoLogX({ min: 1, max: 99, skewness: 1 })).toBe(false)
  })

  it('picks log for skewness above 3 even within 2 decades', () => {
    expect(autoLogX({ min: 10, max: 500, skewness: 3.1 })).toBe(true)
    expect(autoLogX({ min: 10, max: 500, skewness: 2.9 })).toBe(false)
  })

  it('never picks log when a value is zero or negative, whatever the user asked', () => {
    expect(autoLogX({ min: 0, max: 1e6, skewness: 18 })).toBe(false)
    expect(resolveScale('log', { min: -1, max: 10, skewness: 0 })).toBe('linear')
    expect(resolveScale('linear', { min: 1, max: 1e6, skewness: 18 })).toBe('linear')
    expect(resolveScale('auto', { min: 1, max: 1e6, skewness: 18 })).toBe('log')
  })

  it('tolerates an undefined skewness (constant column)', () => {
    expect(autoLogX({ min: 5, max: 5, skewness: NaN })).toBe(false)
  })

  it('estimates skewness from a histogram: 0 when symmetric, positive for a right tail', () => {
    const bin = (x0: number, count: number) => ({ x0, x1: x0 + 1, count })
    expect(histogramSkewness([bin(0, 1), bin(1, 2), bin(2, 1)])).toBeCloseTo(0, 12)
    expect(histogramSkewness([bin(0, 10), bin(1, 3), bin(9, 1)])).toBeGreaterThan(1)
    expect(histogramSkewness([bin(0, 1)])).toBeNaN()
  })
})
