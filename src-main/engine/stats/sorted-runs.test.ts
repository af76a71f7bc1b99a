import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { runEnd } from './sorted-runs'

/** The plain scan runEnd replaces. */
function scanEnd(sorted: Float64Array, i: number): number {
  let j = i
  while (j < sorted.length && sorted[j] === sorted[i]) j++
  return j
}

describe('runEnd', () => {
  it('is where the run of equal values ends, as a scan finds it', () => {
    const sortedArrays = fc
      .array(fc.integer({ min: -3, max: 40 }), { maxLength: 300 })
      .map((xs) => Float64Array.from(xs).sort())
    fc.assert(
      fc.property(sortedArrays, (sorted) => {
        for (let i = 0; i < sorted.length; i++) expect(runEnd(sorted, i)).toBe(scanEnd(sorted, i))
      }),
    )
  })

  it('takes one run of a million values and runs of one alike', () => {
    expect(runEnd(new Float64Array(1_000_000).fill(3), 0)).toBe(1_000_000)
    expect(runEnd(Float64Array.from([1, 2, 3]), 1)).toBe(2)
  })
})
