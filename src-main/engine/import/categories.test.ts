import { describe, expect, it } from 'vitest'
import { CategoryRecorder, MAX_CATEGORIES } from './categories'
import { ColumnBuilder } from './column-builder'

const RULES = { decimal: 46, missing: new Set(['', 'NA']), missingFirst: false }

function build(cells: string[]) {
  const b = new ColumnBuilder(4)
  cells.forEach((c, i) => b.add(c, i + 1, RULES))
  return b.finish(0, 'g')
}

describe('categories of text columns', () => {
  it('keeps each row code, numbers in a text column by their value, missing as -1', () => {
    const built = build(['a', ' b ', 'NA', 'a', '2', 'yes', '2.50'])
    expect(built.info.type).toBe('text')
    expect(built.categories!.labels).toEqual(['a', 'b', 'yes', '2', '2.5'])
    expect(Array.from(built.categories!.codes)).toEqual([0, 1, -1, 0, 3, 2, 4])
  })

  it('numeric columns keep none (their values are the categories)', () => {
    expect(build(['1', '2', '3']).categories).toBeUndefined()
  })

  it('a column with more distinct texts than MAX_CATEGORIES keeps no codes, only the fact', () => {
    const recorder = new CategoryRecorder()
    for (let i = 0; i <= MAX_CATEGORIES; i++) recorder.record(i, `id${i}`)
    expect(recorder.finish(MAX_CATEGORIES + 1, () => null)).toEqual({
      labels: [],
      codes: new Int32Array(0),
      overflow: true,
    })
  })
})
