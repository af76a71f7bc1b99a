import { describe, expect, it } from 'vitest'
import { orderStatistics } from './residuals'

function lcg(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (Math.imul(1664525, s) + 1013904223) >>> 0
    return s / 4294967296
  }
}

/** The ranks the Q-Q plot asks for: m evenly spaced over 0..n-1. */
const spread = (n: number, m: number) =>
  Array.from({ length: m }, (_, k) => (m === n ? k : Math.floor((k * (n - 1)) / (m - 1))))

describe('orderStatistics = the full sort at the wanted ranks', () => {
  const rand = lcg(17)
  const cases: [string, Float64Array][] = [
    ['uniform', Float64Array.from({ length: 100_000 }, () => rand() - 0.5)],
    [
      'heavy tails (Cauchy)',
      Float64Array.from({ length: 100_000 }, () => Math.tan(Math.PI * (rand() - 0.5))),
    ],
    ['one far outlier', Float64Array.from({ length: 50_000 }, (_, i) => (i === 7 ? 1e300 : rand()))],
    ['many ties', Float64Array.from({ length: 50_000 }, () => Math.floor(rand() * 5) - 2)],
    ['both signs of zero', Float64Array.from({ length: 1000 }, (_, i) => (i % 2 ? 0 : -0))],
    ['constant', new Float64Array(3000).fill(2.5)],
    ['fewer values than ranks', Float64Array.from([3, -1, 2])],
    ['huge range', Float64Array.from({ length: 1000 }, (_, i) => (i % 2 ? 1.7e308 : -1.7e308) * rand())],
  ]
  it.each(cases)('%s', (_, values) => {
    const ranks = spread(values.length, Math.min(values.length, 2000))
    const sorted = Float64Array.from(values).sort()
    expect(orderStatistics(values, ranks)).toEqual(ranks.map((k) => sorted[k]))
  })

  it('falls back to a full sort when a value is not finite', () => {
    const values = Float64Array.from([1, Infinity, -2, 0.5, -Infinity])
    expect(orderStatistics(values, [0, 2, 4])).toEqual([-Infinity, 0.5, Infinity])
    expect(orderStatistics(Float64Array.from([1, NaN, -2, 0.5]), [0, 1, 3])).toEqual([-2, 0.5, NaN])
  })
})
