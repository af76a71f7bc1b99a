import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { acceleration, quantileType7, quantityInterval } from './intervals'

interface ScipyCase {
  n: number
  level: number
  data: number[]
  replicates: number[]
  BCa: [number, number]
  percentile: [number, number]
}
const fixture = JSON.parse(
  readFileSync(join(__dirname, '../../../test/fixtures/bootstrap/scipy-bca.json'), 'utf8'),
) as { cases: ScipyCase[] }

const rate = (x: number[]) => x.length / x.reduce((s, v) => s + v, 0)
/** Leave-one-out values of the exponential rate's MLE (1 / mean). */
const leaveOneOut = (x: number[]) => x.map((_, i) => rate(x.filter((_, j) => j !== i)))

describe('bootstrap interval arithmetic', () => {
  it.each(fixture.cases)(
    'matches scipy.stats.bootstrap (BCa and percentile) on its own replicates, n = $n, level $level',
    ({ data, replicates, level, BCa, percentile }) => {
      const jack = { values: leaveOneOut(data), weights: data.map(() => 1) }
      const got = quantityInterval(replicates, rate(data), jack, level)
      for (let k = 0; k < 2; k++) {
        expect(got.percentile![k]).toBeCloseTo(percentile[k], 12)
        expect(got.bca![k]).toBeCloseTo(BCa[k], 12)
      }
    },
  )

  it('takes type-7 quantiles of a known set', () => {
    const set = [5, 1, 4, 2, 3].sort((a, b) => a - b)
    expect(quantileType7(set, 0)).toBe(1)
    expect(quantileType7(set, 1)).toBe(5)
    expect(quantileType7(set, 0.5)).toBe(3)
    expect(quantileType7(set, 0.1)).toBeCloseTo(1.4, 14)
    const got = quantityInterval([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 5, null, 0.8)
    expect(got.percentile).toEqual([1.9, 9.1].map((x) => expect.closeTo(x, 12)) as unknown as number[])
    expect(got.median).toBe(5.5)
    expect(got.bca).toBeNull()
  })

  it('counts tied jackknife values by their weights', () => {
    const values = [1, 1, 1, 2, 5]
    const spread = acceleration({ values, weights: values.map(() => 1) })
    expect(acceleration({ values: [1, 2, 5], weights: [3, 1, 1] })).toBeCloseTo(spread!, 14)
    expect(acceleration({ values: [2, 2], weights: [1, 1] })).toBeNull()
  })

  it('gives no BCa when every replicate lies on one side of the estimate', () => {
    const jack = { values: [1, 2, 3], weights: [1, 1, 1] }
    expect(quantityInterval([2, 3, 4], 1, jack, 0.95).bca).toBeNull()
    expect(quantityInterval([2, 3, 4], 1, jack, 0.95).z0).toBeNull()
  })
})
