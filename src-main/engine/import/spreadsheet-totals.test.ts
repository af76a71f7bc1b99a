import { describe, expect, it } from 'vitest'
import { CELL_ERROR, CELL_NUMBER, CELL_TEXT, SheetRow } from './spreadsheet-cells'
import { odsFormula } from './spreadsheet-ods'
import { aggregatesAbove, columnAggregates, fillsDown, totalsNote, totalsOf } from './spreadsheet-totals'
import { shiftFormula } from './spreadsheet-xlsx'

/** Row `n` from its cells: text, a number, or { f: formula, v?: value } (no value: not calculated). */
function row(n: number, cells: (string | number | { f: string; v?: number | string } | null)[]): SheetRow {
  const r = new SheetRow()
  r.reset(n)
  cells.forEach((cell, i) => {
    const col = i + 1
    if (cell === null) return
    if (typeof cell === 'string') r.push(col, CELL_TEXT, cell)
    else if (typeof cell === 'number') r.push(col, CELL_NUMBER, String(cell))
    else {
      r.pushFormula(col, cell.f)
      if (typeof cell.v === 'number') r.push(col, CELL_NUMBER, String(cell.v))
      else if (cell.v !== undefined) r.push(col, CELL_ERROR, cell.v)
    }
  })
  return r
}

/** Data in rows 2-9 (the header in row 1). */
const DATA = { first: 2, last: 9 }

describe('totals rows', () => {
  it('a label beside sums of each column above is a totals row, named by its first formula', () => {
    const r = row(1002, ['Total', { f: 'SUM(B2:B1001)', v: 5 }, { f: 'SUM(C2:C1001)', v: 7 }])
    expect(totalsOf(r, { first: 2, last: 1001 })).toBe('=SUM(B2:B1001)')
  })

  it('any aggregate, any letter case, _xlfn. prefixes, SUBTOTAL codes, absolute references, ODS separators', () => {
    for (const f of [
      'sum(B2:B9)',
      '_xlfn.STDEV.S(B2:B9)',
      'SUBTOTAL(109,B2:B9)',
      'AGGREGATE(9,4,$B$2:$B$9)',
      'SUBTOTAL(9;B2:B9)',
      'CountA(B2:B9)',
      'MEDIAN( B2:B9 )',
      'VAR.P(B2:B9)',
    ]) {
      expect(aggregatesAbove(f, 2, 10, DATA), f).toBe(true)
    }
  })

  it('blank rows may stand between the data and the totals; the range must reach the last data row', () => {
    expect(aggregatesAbove('SUM(B2:B9)', 2, 12, DATA)).toBe(true)
    expect(aggregatesAbove('SUM(B2:B5)', 2, 12, DATA)).toBe(false)
  })

  it('not totals: another column, a range reaching the row itself, several ranges, other functions, other sheets', () => {
    for (const f of [
      'SUM(B3:B9)',
      'SUM(C2:C9)',
      'SUM(B2:C9)',
      'SUM(B2:B10)',
      'SUM(B:B)',
      'SUM(B2:B5,B6:B9)',
      'ROUND(B2:B9)',
      'B9*2',
      'SUM(Other!B2:B9)',
      'SUM(B2:B9)*2',
    ]) {
      expect(aggregatesAbove(f, 2, 10, DATA), f).toBe(false)
    }
  })

  it('a plain number or a per-row formula beside a sum keeps the row as data; text and empty cells do not', () => {
    expect(totalsOf(row(10, ['Note', 5, { f: 'SUM(C2:C9)', v: 1 }]), DATA)).toBeNull()
    expect(
      totalsOf(
        row(10, [
          { f: 'A9+1', v: 3 },
          { f: 'SUM(B2:B9)', v: 1 },
        ]),
        DATA,
      ),
    ).toBeNull()
    expect(totalsOf(row(10, [3, { f: 'B9*2', v: 6 }]), DATA)).toBeNull()
    expect(totalsOf(row(10, [null, { f: 'SUM(B2:B9)', v: 1 }, null, 'n = 8']), DATA)).toBe('=SUM(B2:B9)')
  })

  it('an aggregate whose result is an error, or was never calculated, still marks the row', () => {
    expect(totalsOf(row(10, ['Mean', { f: 'AVERAGE(B2:B9)', v: '#DIV/0!' }]), DATA)).toBe('=AVERAGE(B2:B9)')
    expect(totalsOf(row(10, ['Total', { f: 'SUM(B2:B9)' }]), DATA)).toBe('=SUM(B2:B9)')
    expect(totalsOf(row(10, ['Total']), DATA)).toBeNull()
  })

  it("an Excel table's totals row, with or without a formula", () => {
    const r = row(7, ['Total', { f: 'SUBTOTAL(109,Scores[x])', v: 15 }])
    r.tableTotals = 'Scores'
    expect(totalsOf(r, { first: 2, last: 6 })).toBe(
      'the totals row of table "Scores", =SUBTOTAL(109,Scores[x])',
    )
    const label = row(7, ['Total'])
    label.tableTotals = 'Scores'
    expect(totalsOf(label, { first: 2, last: 6 })).toBe('the totals row of table "Scores"')
  })

  it('a row repeating the aggregates of the row above filled down: running totals, moving sums', () => {
    const at = (n: number, f: string) => row(n, ['x', { f, v: 1 }])
    const fills = (a: SheetRow, b: SheetRow) =>
      fillsDown(columnAggregates(b), b.row, columnAggregates(a), a.row)
    expect(fills(at(4, 'SUM(B$2:B3)'), at(5, 'SUM(B$2:B4)'))).toBe(true)
    expect(fills(at(4, 'SUM(B2:B3)'), at(5, 'SUM(B3:B4)'))).toBe(true)
    // Stacked totals of one range, another function, or after a blank row: not filled down.
    expect(fills(at(12, 'SUM(B2:B11)'), at(13, 'SUM(B2:B11)'))).toBe(false)
    expect(fills(at(12, 'SUM(B2:B11)'), at(13, 'AVERAGE(B2:B12)'))).toBe(false)
    expect(fills(at(9, 'SUM(B$2:B8)'), at(11, 'SUM(B2:B9)'))).toBe(false)
    expect(
      columnAggregates(
        row(5, [
          { f: 'B4*2', v: 2 },
          { f: 'SUM(A2:A4)', v: 1 },
        ]),
      ),
    ).toEqual([])
  })

  it('the note names the row and the formula, or the first three of several', () => {
    expect(totalsNote(0, [])).toEqual([])
    expect(totalsNote(1, [[1002, '=SUM(B2:B1001)']])).toEqual([
      'Row 1002 holds totals (=SUM(B2:B1001)) and was left out.',
    ])
    const first: [number, string][] = [
      [12, '=SUBTOTAL(9,B2:B11)'],
      [24, '=SUBTOTAL(9,B13:B23)'],
      [36, '=SUBTOTAL(9,B25:B35)'],
    ]
    expect(totalsNote(4, first)).toEqual([
      '4 rows hold totals and were left out: row 12 (=SUBTOTAL(9,B2:B11)), row 24 (=SUBTOTAL(9,B13:B23)), row 36 (=SUBTOTAL(9,B25:B35)) and 1 more.',
    ])
  })
})

describe('formula text from the readers', () => {
  it("xlsx shared formulas: relative references move with the cell, absolute ones stay, names and calls don't", () => {
    expect(shiftFormula('SUM(B2:B11)', 0, 1)).toBe('SUM(C2:C11)')
    expect(shiftFormula('SUM($B2:B$11)', 3, 2)).toBe('SUM($B5:D$11)')
    expect(shiftFormula('LOG10(A1)+Sheet1!A1', 1, 0)).toBe('LOG10(A2)+Sheet1!A2')
  })

  it('ODS formulas in A1 syntax: prefix and = dropped, same-sheet references unbracketed', () => {
    expect(odsFormula('of:=SUM([.B2:.B1001])')).toBe('SUM(B2:B1001)')
    expect(odsFormula('of:=SUBTOTAL(9;[.$C$2:.$C$11])')).toBe('SUBTOTAL(9;$C$2:$C$11)')
    expect(odsFormula('of:=[.A2]*2')).toBe('A2*2')
    expect(odsFormula("of:=SUM(['Other'.B2:.B9])")).toBe("SUM(['Other'.B2:.B9])")
  })
})
