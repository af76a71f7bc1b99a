import { describe, expect, it } from 'vitest'
import { finiteSortedValues, finiteValues } from './dataset'

describe('finiteValues', () => {
  it('is the column itself when every value is finite (no copy)', () => {
    const v = new Float64Array([3, 1, 2])
    expect(finiteValues(v)).toBe(v)
  })
  it('copies the finite values in row order otherwise', () => {
    const v = new Float64Array([3, NaN, 1, -Infinity, 2])
    const finite = finiteValues(v)
    expect(finite).not.toBe(v)
    expect([...finite]).toEqual([3, 1, 2])
  })
})

describe('finiteSortedValues', () => {
  it('sorts a new array and leaves the column in row order, whether or not it holds a missing value', () => {
    for (const values of [
      [3, 1, 2],
      [3, NaN, 1, 2],
    ]) {
      const v = new Float64Array(values)
      const sorted = finiteSortedValues(v)
      expect(sorted).not.toBe(v)
      expect([...sorted]).toEqual([1, 2, 3])
      expect([...v]).toEqual(values)
    }
  })
})
