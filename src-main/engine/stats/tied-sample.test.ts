import { describe, expect, it } from 'vitest'
import { Sample } from './sample'
import { likelihoodSample, TIED_FRACTION, TIED_MIN_ROWS } from './tied-sample'

/** `rows` values cycling through `distinct` levels, sorted. */
function levels(rows: number, distinct: number): Float64Array {
  return Float64Array.from({ length: rows }, (_, i) => (i % distinct) / 10).sort()
}

describe('likelihoodSample', () => {
  it('auto: the distinct values with their counts when ties are many, the same object on every call', () => {
    const column = Sample.sorted(levels(1000, 7))
    const tied = likelihoodSample(column)
    expect(Array.from(tied.values)).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6])
    expect(Array.from(tied.weights!)).toEqual([143, 143, 143, 143, 143, 143, 142])
    expect(tied.n).toBe(1000)
    expect(likelihoodSample(column)).toBe(tied)
  })

  it('auto leaves a column alone with too few rows or too many distinct values', () => {
    const small = Sample.sorted(levels(TIED_MIN_ROWS - 1, 3))
    expect(likelihoodSample(small)).toBe(small)
    const spread = Sample.sorted(levels(1000, Math.floor(1000 * TIED_FRACTION) + 1))
    expect(likelihoodSample(spread)).toBe(spread)
    const atLimit = Sample.sorted(levels(1000, Math.floor(1000 * TIED_FRACTION)))
    expect(likelihoodSample(atLimit).values.length).toBe(500)
  })

  it('sums the frequency weights of equal values; `rows` and `distinct` force either form', () => {
    const weighted = Sample.sorted(
      Float64Array.from([1, 1, 2, 5, 5, 5]),
      Float64Array.from([2, 0.5, 1, 1, 3, 4]),
    )
    const distinct = likelihoodSample(weighted, 'distinct')
    expect(Array.from(distinct.values)).toEqual([1, 2, 5])
    expect(Array.from(distinct.weights!)).toEqual([2.5, 1, 8])
    expect(distinct.n).toBe(weighted.n)
    expect(likelihoodSample(weighted, 'rows')).toBe(weighted)
  })
})
