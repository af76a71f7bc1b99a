import { describe, expect, it } from 'vitest'
import { binCount, histogram, integerHistogram, logHistogram } from './histogram'

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

describe('histogram counts by bisection equal the per-value loop', () => {
  /** The straightforward count: every value into bin min(bins - 1, floor((x - min) / width)). */
  function loopCounts(sorted: Float64Array, bins: number): number[] {
    const min = sorted[0]
    const width = (sorted[sorted.length - 1] - min) / bins
    const counts = new Array<number>(bins).fill(0)
    for (const x of sorted) counts[Math.min(bins - 1, Math.floor((x - min) / width))]++
    return counts
  }
  let seed = 3
  const rnd = () => {
    seed = (Math.imul(1664525, seed) + 1013904223) >>> 0
    return seed / 4294967296
  }
  const cases: [string, Float64Array, number][] = [
    ['values on bin edges (0.1 steps, 10 bins)', Float64Array.from({ length: 101 }, (_, i) => i / 10), 10],
    ['ties and gaps', Float64Array.from([1, 1, 1, 2, 2, 9, 9, 9, 10, 10]), 7],
    [
      'skewed random values, 200 bins',
      Float64Array.from({ length: 5000 }, () => rnd() ** 4 * 1e3).sort(),
      200,
    ],
    ['two values, many bins', Float64Array.from([-3, 5]), 50],
  ]
  for (const [name, sorted, bins] of cases) {
    it(name, () => expect(histogram(sorted, bins).map((b) => b.count)).toEqual(loopCounts(sorted, bins)))
  }
})

describe('log-spaced bins (a log x axis)', () => {
  // A lognormal-like sample spanning four decades, deterministic (quantiles of exp of a normal).
  const sorted = Float64Array.from({ length: 400 }, (_, i) =>
    Math.exp(4 * Math.sin(((i + 0.5) / 400 - 0.5) * Math.PI)),
  )
  sorted.sort()

  it('has bins equally wide in log x, covering the data, whose densities integrate to 1', () => {
    const bins = logHistogram(sorted, 20)!
    expect(bins).toHaveLength(20)
    expect(bins[0].x0).toBe(sorted[0])
    expect(bins[19].x1).toBe(sorted[399])
    const logWidths = bins.map((b) => Math.log(b.x1 / b.x0))
    for (const w of logWidths) expect(w).toBeCloseTo(logWidths[0], 9)
    expect(bins.reduce((s, b) => s + b.count, 0)).toBe(400)
    expect(bins.reduce((s, b) => s + b.density * (b.x1 - b.x0), 0)).toBeCloseTo(1, 12)
    // Each bar's density is its share of n over its width on the original scale.
    for (const b of bins) expect(b.density).toBeCloseTo(b.count / (400 * (b.x1 - b.x0)), 12)
  })

  it('weighs frequency weights, takes the rule on log x, and refuses values <= 0', () => {
    const weights = Float64Array.from(sorted, (_, i) => 1 + (i % 3))
    const bins = logHistogram(sorted, 'fd', weights)!
    const total = weights.reduce((s, w) => s + w, 0)
    expect(bins.reduce((s, b) => s + b.count, 0)).toBe(total)
    expect(bins.reduce((s, b) => s + b.density * (b.x1 - b.x0), 0)).toBeCloseTo(1, 12)
    expect(logHistogram(sorted, 'sturges')).toHaveLength(binCount(sorted.map(Math.log), 'sturges'))
    expect(logHistogram(Float64Array.from([0, 1, 2]), 'fd')).toBeNull()
  })
})
