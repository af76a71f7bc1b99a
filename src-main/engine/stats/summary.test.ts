import { describe, expect, it } from 'vitest'
import { summarize } from './summary'
import { freedmanDiaconisBinCount, histogram } from './histogram'

// Reference moments for the data 1, 2, 3, 4, 10 worked out by hand (and checked in Python).
describe('summarize', () => {
  it('matches moment formulas (skewness g1, excess kurtosis g2, sd with n - 1)', () => {
    const s = summarize('x', new Float64Array([1, 2, 3, 4, 10]))
    expect(s.n).toBe(5)
    expect(s.mean).toBe(4)
    expect(s.sd).toBeCloseTo(Math.sqrt(12.5), 14)
    expect(s.min).toBe(1)
    expect(s.max).toBe(10)
    // Central moments dividing by n: m2 = 10, m3 = 36, m4 = 278.8; g1 = m3 / m2^1.5, g2 = m4 / m2^2 - 3.
    expect(s.skewness).toBeCloseTo(36 / Math.pow(10, 1.5), 13)
    expect(s.kurtosis).toBeCloseTo(278.8 / 100 - 3, 13)
    expect(s.integer).toBe(true)
  })
  it('keeps precision when the mean is huge relative to the spread', () => {
    const s = summarize('x', new Float64Array([1e9 + 1, 1e9 + 2, 1e9 + 3]))
    expect(s.sd).toBeCloseTo(1, 12)
  })
  it('gives NaN, not an exception, where a statistic does not exist', () => {
    const one = summarize('x', new Float64Array([5]))
    expect(one.sd).toBeNaN()
    expect(one.skewness).toBeNaN()
    expect(summarize('x', new Float64Array([])).mean).toBeNaN()
  })
  it('lists the distinct values of a column with at most two (a status column’s codes), none with more', () => {
    expect(summarize('status', new Float64Array([2, 1, 2, 2, 1])).values).toEqual([1, 2])
    expect(summarize('status', new Float64Array([1, 1])).values).toEqual([1])
    expect(summarize('x', new Float64Array([0, 1, 2, 1])).values).toBeUndefined()
    expect(summarize('x', new Float64Array([1, 2, 3, 4, 10]))).not.toHaveProperty('values')
  })
})

describe('histogram', () => {
  it('uses Freedman-Diaconis widths and counts every value once', () => {
    const data = Float64Array.from({ length: 1000 }, (_, i) => i / 10).sort()
    const k = freedmanDiaconisBinCount(data)
    // IQR = 49.95, width = 2 * 49.95 / 10 = 9.99, range 99.9 -> 10 bins.
    expect(k).toBe(10)
    const bins = histogram(data)
    expect(bins.reduce((s, b) => s + b.count, 0)).toBe(1000)
    const area = bins.reduce((s, b) => s + b.density * (b.x1 - b.x0), 0)
    expect(area).toBeCloseTo(1, 12)
  })
  it('draws a single bar for a constant column', () => {
    expect(histogram(new Float64Array([2, 2, 2]))).toEqual([{ x0: 1.5, x1: 2.5, count: 3, density: 1 }])
  })
})
