import { describe, expect, it } from 'vitest'
import { DEFAULT_MISSING_TOKENS } from './number-parse'
import { CELL_DATE, CELL_NUMBER, CELL_TEXT, SheetRow } from './spreadsheet-cells'
import { detectHeader } from './spreadsheet-header'

const MISSING = new Set(DEFAULT_MISSING_TOKENS)

/** Rows from a compact picture: row number -> cells (numbers as numbers, dates as Date-like 'D:...'). */
function rows(spec: Record<number, (string | number | null)[]>): SheetRow[] {
  return Object.entries(spec).map(([r, cells]) => {
    const row = new SheetRow()
    row.reset(Number(r))
    cells.forEach((v, c) => {
      if (v === null) return
      if (typeof v === 'number') row.push(c + 1, CELL_NUMBER, String(v))
      else if (v.startsWith('D:')) row.push(c + 1, CELL_DATE, v.slice(2))
      else row.push(c + 1, CELL_TEXT, v)
    })
    return row
  })
}

const guess = (spec: Record<number, (string | number | null)[]>) => {
  const g = detectHeader(rows(spec), MISSING)
  return { header: g.headerRow, first: g.firstDataRow, titles: g.titleRows.map((r) => r.row) }
}

describe('detectHeader: where the table starts', () => {
  it('a plain table: header in row 1', () => {
    expect(guess({ 1: ['x', 'y'], 2: [1, 2], 3: [3, 4] })).toEqual({ header: 1, first: 2, titles: [] })
  })

  it('no header: the data start in row 1', () => {
    expect(guess({ 1: [1, 2], 2: [3, 4] })).toEqual({ header: 0, first: 1, titles: [] })
  })

  it('a title and a blank row above the header, even when the title holds a date', () => {
    expect(
      guess({ 1: ['Report of', 'D:2024-05-03'], 3: ['a', 'b', 'c', 'd'], 4: [1, 2, 3, 4], 5: [5, 6, 7, 8] }),
    ).toEqual({
      header: 3,
      first: 4,
      titles: [1],
    })
  })

  it('one column: the text row just above the numbers is the header, the ones above are titles', () => {
    expect(guess({ 1: ['Eruption data'], 2: ['eruptions'], 3: [3.6], 4: [1.8] })).toEqual({
      header: 2,
      first: 3,
      titles: [1],
    })
  })

  it('data rows with missing tokens or empty cells above the first number stay data', () => {
    expect(
      guess({ 1: ['id', 'value'], 2: ['a1', 'n/a'], 3: ['a2', null], 4: ['a3', 3.5], 5: ['a4', 4] }),
    ).toEqual({
      header: 1,
      first: 2,
      titles: [],
    })
  })

  it('a table without header below a title: the title is skipped', () => {
    expect(guess({ 1: ['Measurements'], 2: [1, 2, 3], 3: [4, 5, 6] })).toEqual({
      header: 0,
      first: 2,
      titles: [1],
    })
  })

  it('text only: the first wide row names the columns', () => {
    expect(guess({ 1: ['Notes'], 2: ['name', 'comment'], 3: ['a', 'b'] })).toEqual({
      header: 2,
      first: 3,
      titles: [1],
    })
    expect(guess({ 1: ['only'] })).toEqual({ header: 0, first: 1, titles: [] })
  })
})
