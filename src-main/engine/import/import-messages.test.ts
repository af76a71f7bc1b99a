import { describe, expect, it } from 'vitest'
import type { ColumnInfo } from '../../../src-shared/contract'
import { notNumericMessage } from './import-messages'

const column = (type: ColumnInfo['type'], count: number, nonNumeric: number): ColumnInfo => ({
  index: 0,
  name: 'x',
  numeric: false,
  type,
  count,
  missing: 2,
  nonNumeric,
  nonNumericExamples: [],
})

describe('notNumericMessage', () => {
  it('says which of the three it is: no values at all, dates, or text (counting the cells)', () => {
    expect(notNumericMessage(column('empty', 0, 0))).toBe('Column "x" has no values: every cell is missing.')
    expect(notNumericMessage(column('date', 1200, 1200))).toBe(
      'Column "x" holds dates (1,200 cells), not numbers.',
    )
    expect(notNumericMessage(column('text', 1, 1))).toBe(
      'Column "x" is not numeric: it was read as text (1 cell).',
    )
  })
})
