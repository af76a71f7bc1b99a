import { describe, expect, it } from 'vitest'
import { headerNames } from './header-names'

describe('headerNames', () => {
  it.each([
    [['a', 'b'], 2, ['a', 'b']],
    [[' a ', 'b'], 2, ['a', 'b']],
    [['a', 'a', 'a'], 3, ['a', 'a_2', 'a_3']],
    [['a', 'a', 'a_2'], 3, ['a', 'a_3', 'a_2']],
    [['', 'x', ''], 3, ['column 1', 'x', 'column 3']],
    [['column 2', ''], 2, ['column 2', 'column 2_2']],
    [['a'], 3, ['a', 'column 2', 'column 3']],
    [[], 2, ['column 1', 'column 2']],
  ])('%j for %i columns gives %j', (header, count, names) => {
    expect(headerNames(header, count).names).toEqual(names)
  })

  it('says which names were empty or repeated', () => {
    expect(headerNames(['x', 'x', ''], 3).warnings).toEqual([
      'The header has 1 empty name; named "column 3".',
      'The header repeats a name; renamed: "x" in column 2 became "x_2".',
    ])
    expect(headerNames(['a', 'b'], 2).warnings).toEqual([])
  })
})
