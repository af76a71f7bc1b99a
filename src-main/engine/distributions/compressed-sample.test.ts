import { describe, expect, it } from 'vitest'
import { seededRandom } from '../random/seeded-random'
import { Sample } from '../stats/sample'
import { compressSample } from './compressed-sample'
import { findDistribution } from './registry'

const relative = (a: number, b: number) => Math.abs(a - b) / Math.abs(b)

/** sum w x^k log^j x, j = 0, 1, 2, over points and weights (the Weibull's sums at scale 1). */
function powerSums(points: Float64Array, weights: Float64Array | null, k: number): number[] {
  const sums = [0, 0, 0]
  points.forEach((x, i) => {
    const w = weights ? weights[i] : 1
    const l = Math.log(x)
    const z = w * Math.exp(k * l)
    sums[0] += z
    sums[1] += z * l
    sums[2] += z * l * l
  })
  return sums
}

describe('compressSample', () => {
  const weibull = findDistribution('weibull')!
  it.each([0.3, 1.7, 20])('keeps the sums of x^k log^j x at shape %s (runs of width 0.01 / k)', (k) => {
    const sorted = weibull.sample(200_000, { shape: k, scale: 3 }, seededRandom(3)).sort()
    const weights = Float64Array.from(sorted, (_, i) => 1 + (i % 5))
    for (const w of [null, weights]) {
      const sample = Sample.sorted(sorted, w)
      const c = compressSample(sample, 0.01 / k, 8192)!
      expect(c.points.length).toBeLessThan(8000)
      expect(c.n).toBe(sample.n)
      expect(
        relative(
          c.weights.reduce((s, v) => s + v, 0),
          sample.n,
        ),
      ).toBeLessThan(1e-14)
      const exact = powerSums(sorted, w, k)
      const approx = powerSums(c.points, c.weights, k)
      // Measured 1e-12 .. 1.2e-9 (widest runs at shape 0.3); Weibull's near start needs far less (1e-5).
      // |sum x^k log x| can be near 0 (logs of both signs): against the sum of its absolute terms.
      expect(relative(approx[0], exact[0])).toBeLessThan(3e-9)
      expect(Math.abs(approx[1] - exact[1]) / exact[2]).toBeLessThan(3e-9)
      expect(relative(approx[2], exact[2])).toBeLessThan(3e-9)
    }
  })

  it('keeps tied and isolated values as they are', () => {
    const c = compressSample(Sample.sorted(Float64Array.from([1, 1, 1, 5, 100])), 0.01, 10)!
    expect([...c.points]).toEqual([1, 5, 100])
    expect([...c.weights]).toEqual([3, 1, 1])
  })

  it('refuses values that are not positive, and more runs than allowed', () => {
    expect(compressSample(Sample.sorted(Float64Array.from([0, 1, 2])), 0.01, 10)).toBeNull()
    expect(compressSample(Sample.sorted(Float64Array.from([-1, 1, 2])), 0.01, 10)).toBeNull()
    expect(compressSample(Sample.sorted(Float64Array.from([1, 2, 3, 4])), 0.01, 3)).toBeNull()
    expect(compressSample(Sample.sorted(new Float64Array(0)), 0.01, 3)).toBeNull()
  })

  it('compresses an unsorted sample in sorted order: a run as mean ± sd with half its weight each', () => {
    const values = Float64Array.from([3, 1, 2, 1.001])
    const c = compressSample(Sample.unsorted(values, Float64Array.from([1, 2, 3, 4])), 0.01, 10)!
    // The run {1 (weight 2), 1.001 (weight 4)}, then 2 and 3 alone.
    const mean = (2 * 1 + 4 * 1.001) / 6
    const sd = Math.sqrt((2 * (1 - mean) ** 2 + 4 * (1.001 - mean) ** 2) / 6)
    expect(c.points.length).toBe(4)
    expect(relative(c.points[0], mean - sd)).toBeLessThan(1e-12)
    expect(relative(c.points[1], mean + sd)).toBeLessThan(1e-12)
    expect([...c.points.slice(2)]).toEqual([2, 3])
    expect([...c.weights]).toEqual([3, 3, 3, 1])
  })
})
