import { describe, expect, it } from 'vitest'
import { seededRandom } from '../random/seeded-random'
import { sortedMad, sortedMedian } from './order-statistics'
import { Sample } from './sample'
import { moments as momentsOf } from './sample-moments'

const moments = (values: Float64Array) => momentsOf(Sample.unsorted(values))

/** Reference MAD: sort the absolute deviations. */
function madBySorting(sorted: Float64Array): number {
  const med = sortedMedian(sorted)
  const dev = Float64Array.from(sorted, (x) => Math.abs(x - med)).sort()
  return sortedMedian(dev)
}

describe('sample statistics', () => {
  it('the O(log n) MAD equals the sort-based one on odd, even, tied and skewed samples', () => {
    const rnd = seededRandom(7).uniform
    const sets = [[1], [1, 2], [3, 3, 3, 3], [1, 2, 3, 4, 100], [0, 0, 1, 5, 5, 5, 9, 20]]
    for (let n = 2; n < 60; n++) sets.push(Array.from({ length: n }, () => Math.floor(rnd() * 10) ** 2))
    for (const s of sets) {
      const sorted = Float64Array.from(s).sort()
      expect(sortedMad(sorted), s.join(',')).toBe(madBySorting(sorted))
    }
  })

  it('the O(log n) MAD equals the sort-based one on continuous, signed and one-sided samples', () => {
    const rnd = seededRandom(11).uniform
    for (let t = 0; t < 400; t++) {
      const n = 1 + Math.floor(rnd() * 300)
      const shift = t % 3 === 0 ? -5 : t % 3 === 1 ? 0 : 50
      const s = Array.from({ length: n }, () => shift + (rnd() - 0.5) * 10 * rnd())
      // Some samples all on one side of a repeated median value.
      if (t % 7 === 0) s.push(...Array.from({ length: n }, () => shift))
      const sorted = Float64Array.from(s).sort()
      expect(sortedMad(sorted), `n = ${sorted.length}, t = ${t}`).toBe(madBySorting(sorted))
    }
  })

  it('moments of an unsorted array (ends not its extremes) match the sorted one: the second-pass path', () => {
    for (const scale of [1, 1e300, 1e-300]) {
      const values = [3, 1e-3, 7.5, 2, 1.7e8 / 1e8, 4].map((v) => v * scale)
      const unsorted = Float64Array.from(values)
      const sorted = Float64Array.from(values).sort()
      const a = moments(unsorted)
      const b = moments(sorted)
      expect(a.min).toBe(b.min)
      expect(a.max).toBe(b.max)
      expect(Math.abs(a.mean - b.mean)).toBeLessThanOrEqual(8 * Number.EPSILON * Math.abs(b.mean))
      expect(Math.abs(a.sd - b.sd)).toBeLessThanOrEqual(8 * Number.EPSILON * b.sd)
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
