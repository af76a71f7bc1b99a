import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { sortFinite } from './sort-values'

/** Exactly the same doubles in the same places (-0 and +0 told apart). */
function expectSameOrder(got: Float64Array, want: Float64Array): void {
  expect(got.length).toBe(want.length)
  for (let i = 0; i < want.length; i++)
    if (!Object.is(got[i], want[i])) expect([i, got[i]]).toEqual([i, want[i]])
}

const special = [
  0,
  -0,
  1,
  -1,
  Number.MIN_VALUE,
  -Number.MIN_VALUE,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  2.2250738585072014e-308,
  0.1,
  -0.1,
  1e300,
  -1e-300,
]

describe('sortFinite', () => {
  it('gives the order of Float64Array.prototype.sort for any finite doubles, small or large', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 0, maxLength: 300 }),
        fc.integer({ min: 1, max: 40 }),
        (base, copies) => {
          // Repeated blocks take the array past the radix threshold and make ties.
          const values = Float64Array.from({ length: base.length * copies + special.length }, (_, i) =>
            i < special.length ? special[i] : base[(i - special.length) % base.length],
          )
          expectSameOrder(sortFinite(values.slice()), values.slice().sort())
        },
      ),
      { numRuns: 200 },
    )
  })

  it('sorts a large column of like values (passes on shared digits skipped) and a view into a buffer', () => {
    const n = 50_000
    const whole = new Float64Array(n + 10)
    for (let i = 0; i < n; i++) whole[i + 5] = i % 3 === 0 ? 1000 + (i % 97) : -(i % 13) * 0.5
    const view = whole.subarray(5, 5 + n)
    const want = view.slice().sort()
    expect(sortFinite(view)).toBe(view)
    expectSameOrder(view, want)
    expect(whole[0]).toBe(0)
    expect(whole[n + 9]).toBe(0)
  })
})
