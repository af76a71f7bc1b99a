import { describe, expect, it } from 'vitest'
import { columnHistogram } from './column-histogram'
import { binCount, histogram, integerHistogram } from './histogram'

describe('the cached column histogram equals a fresh one', () => {
  const sorted = Float64Array.from({ length: 5000 }, (_, i) => Math.sqrt(i) * 1.7).sort()
  const counts = Float64Array.from({ length: 3000 }, (_, i) => i % 13).sort()
  const cases: [string, Float64Array, boolean, 'fd' | 'sturges' | 'scott' | number | undefined][] = [
    ['continuous, default rule', sorted, false, undefined],
    ['continuous, sturges', sorted, false, 'sturges'],
    ['continuous, 17 bins', sorted, false, 17],
    ['counts, integer bars', counts, true, undefined],
  ]
  for (const [name, data, discrete, rule] of cases) {
    it(name, () => {
      const fresh = discrete
        ? (integerHistogram(data) ?? histogram(data, binCount(data, rule)))
        : histogram(data, binCount(data, rule))
      const first = columnHistogram(data, discrete, rule)
      const second = columnHistogram(data, discrete, rule)
      expect(first).toEqual(fresh)
      expect(second).toEqual(fresh)
      // Each caller owns its bins: changing one result does not change the next.
      first[0].count = -1
      expect(columnHistogram(data, discrete, rule)[0].count).toBe(fresh[0].count)
    })
  }
})
