import { describe, expect, it } from 'vitest'
import { moments, sortedMad, sortedMedian } from './sample-stats'
import { seededUniform } from './family-cases'

/** Reference MAD: sort the absolute deviations. */
function madBySorting(sorted: Float64Array): number {
  const med = sortedMedian(sorted)
  const dev = Float64Array.from(sorted, (x) => Math.abs(x - med)).sort()
  return sortedMedian(dev)
}

describe('sample statistics', () => {
  it('the O(n) MAD equals the sort-based one on odd, even, tied and skewed samples', () => {
    const rnd = seededUniform(7)
    const sets = [[1], [1, 2], [3, 3, 3, 3], [1, 2, 3, 4, 100], [0, 0, 1, 5, 5, 5, 9, 20]]
    for (let n = 2; n < 60; n++) sets.push(Array.from({ length: n }, () => Math.floor(rnd() * 10) ** 2))
    for (const s of sets) {
      const sorted = Float64Array.from(s).sort()
      expect(sortedMad(sorted), s.join(',')).toBe(madBySorting(sorted))
    }
  })

  it('moments stay finite and exact for values near 1e308 and 1e-300', () => {
    const big = moments(Float64Array.from([1e308, 1.5e308, 1.7e308]))
    expect(Math.abs(big.mean - 1.4e308)).toBeLessThanOrEqual(1e308 * 4 * Number.EPSILON)
    // sd = sqrt(((-0.4)^2 + 0.1^2 + 0.3^2) / 3) e308 = sqrt(0.26 / 3) e308.
    expect(Math.abs(big.sd / (Math.sqrt(0.26 / 3) * 1e308) - 1)).toBeLessThanOrEqual(1e-14)
    const tiny = moments(Float64Array.from([1e-300, 3e-300]))
    expect(Math.abs(tiny.sd / 1e-300 - 1)).toBeLessThanOrEqual(1e-14)
    expect(moments(Float64Array.from([2, 2, 2])).sd).toBe(0)
  })
})
