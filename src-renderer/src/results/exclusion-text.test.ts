import { describe, expect, it } from 'vitest'
import { describeRule, parseRowList, removedBy } from './exclusion-text'

describe('exclusion rules as people write them', () => {
  it('reads rows and spans, and says what is wrong', () => {
    expect(parseRowList('3, 7-9')).toEqual({
      rule: {
        kind: 'rows',
        rows: [
          [3, 3],
          [7, 9],
        ],
      },
    })
    expect(parseRowList('')).toEqual({ problem: 'Give row numbers, e.g. 3, 7-9.' })
    expect(parseRowList('9-7')).toMatchObject({ problem: expect.stringContaining('“9-7”') })
    expect(parseRowList('0')).toMatchObject({ problem: expect.stringContaining('“0”') })
  })

  it('describes a rule and finds what the last result says it removed', () => {
    const rule = { kind: 'rows' as const, rows: [[3, 3]] as [number, number][] }
    expect(describeRule(rule)).toBe('row 3')
    expect(describeRule({ kind: 'category', column: 'g', value: 'b' })).toBe('rows where “g” is “b”')
    expect(removedBy(rule, [{ rule: 'row 3', rows: 1, exclude: rule }])).toBe(1)
    expect(removedBy(rule, [{ rule: 'values of "x" above 9', rows: 4 }])).toBeNull()
    expect(removedBy(rule, undefined)).toBeNull()
  })
})
