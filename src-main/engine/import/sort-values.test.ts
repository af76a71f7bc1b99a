import { describe, expect, it } from 'vitest'
import { sortValues } from './sort-values'

/** Deterministic values of every kind the radix keys must order: signs, zeros, subnormals, huge, ties. */
function mixed(n: number): Float64Array {
  let s = 7
  const next = () => (s = (Math.imul(1664525, s) + 1013904223) >>> 0) / 4294967296
  const special = [
    0,
    -0,
    5e-324,
    -5e-324,
    1.7976931348623157e308,
    -1.7976931348623157e308,
    Infinity,
    -Infinity,
  ]
  return Float64Array.from({ length: n }, (_, i) =>
    i % 97 === 0
      ? special[i % special.length]
      : i % 13 === 0
        ? Math.round(next() * 10) - 5
        : (next() - 0.5) * 10 ** Math.floor(next() * 40 - 20),
  )
}

describe('sortValues', () => {
  it.each([10, 8192, 100_003])('orders %i values exactly as Float64Array.prototype.sort', (n) => {
    const values = mixed(n)
    const expected = values.slice().sort()
    const actual = sortValues(values)
    expect(actual).toBe(values)
    // Object.is tells -0 from +0.
    expect(Array.from(actual).every((v, i) => Object.is(v, expected[i]))).toBe(true)
  })

  it('falls back to the built-in order with NaN present', () => {
    const values = mixed(20_000)
    values[5] = NaN
    values[77] = -NaN
    const expected = values.slice().sort()
    expect(Array.from(sortValues(values))).toEqual(Array.from(expected))
  })
})
