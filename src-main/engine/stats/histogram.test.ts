import { describe, expect, it } from 'vitest'
import { binCount, histogram, integerHistogram } from './histogram'

/** 0, 1, ..., n - 1. */
const ramp = (n: number) => Float64Array.from({ length: n }, (_, i) => i)

describe('bin rules', () => {
  // n = 1000 values 0..999: IQR = 499.5 (type 7), sd = sqrt(1000 * 1001 / 12) = 288.8194...
  const data = ramp(1000)
  const table: [string, Parameters<typeof binCount>[1], number][] = [
    // Freedman-Diaconis: width 2 * 499.5 / 10 = 99.9, range 999 -> ceil(10.0) = 10.
    ['fd', 'fd', 10],
    // Sturges: ceil(log2 1000) + 1 = 11.
    ['sturges', 'sturges', 11],
    // Scott: width 3.49 * 288.8194 / 10 = 100.798, range 999 -> ceil(9.911) = 10.
    ['scott', 'scott', 10],
    ['a count', 25, 25],
    ['a count is clamped to 200', 5000, 200],
    ['a count below 1 becomes 1', 0, 1],
  ]
  for (const [name, rule, expected] of table) it(name, () => expect(binCount(data, rule)).toBe(expected))

  it('histogram counts every value once and densities integrate to 1', () => {
    const bins = histogram(data, 7)
    expect(bins.reduce((s, b) => s + b.count, 0)).toBe(1000)
    expect(bins.reduce((s, b) => s + b.density * (b.x1 - b.x0), 0)).toBeCloseTo(1, 12)
    expect(bins.at(-1)!.x1).toBe(999)
  })

  it('integer data: one bar per integer, density = frequency; too wide a range falls back', () => {
    const bars = integerHistogram(new Float64Array([0, 0, 1, 3, 3, 3]))!
    expect(bars.map((b) => [b.x0, b.count, b.density])).toEqual([
      [-0.5, 2, 2 / 6],
      [0.5, 1, 1 / 6],
      [1.5, 0, 0],
      [2.5, 3, 3 / 6],
    ])
    expect(integerHistogram(new Float64Array([0, 1e6]))).toBeNull()
  })
})
