import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import * as XLSX from '@e965/xlsx'
import { describe, expect, it } from 'vitest'
import { mayHaveRangeFormulas } from './spreadsheet-xls-formulas'

const DIR = join(__dirname, 'fixtures/spreadsheets')

/** The Workbook stream of a fixture .xls. */
function workbookStream(name: string): Uint8Array {
  const cfb = XLSX.CFB.read(readFileSync(join(DIR, name)), { type: 'buffer' })
  return Uint8Array.from(XLSX.CFB.find(cfb, 'Workbook')!.content as Uint8Array)
}

/** A BIFF record: type, length, data. */
const record = (type: number, data: number[]) => [
  type & 255,
  type >> 8,
  data.length & 255,
  data.length >> 8,
  ...data,
]
const BOF8 = record(0x0809, [0x00, 0x06, 0x10, 0x00, 0, 0, 0, 0])
/** A FORMULA record (row 1, column 2) whose parsed formula is `rgce`. */
const formula = (rgce: number[]) =>
  record(0x0006, [1, 0, 2, 0, 15, 0, ...Array<number>(8).fill(0), 0, 0, 0, 0, 0, 0, rgce.length, 0, ...rgce])
const stream = (...records: number[][]) => Uint8Array.from(records.flat())

const B2 = [0x24, 1, 0, 1, 0xc0] // PtgRef B2 (relative)
const TWO = [0x1e, 2, 0] // PtgInt 2
const B2_B11 = [0x25, 1, 0, 10, 0, 1, 0xc0, 1, 0xc0] // PtgArea B2:B11
const SUM_ATTR = [0x19, 0x10, 0, 0] // tAttrSum

describe('which .xls workbooks need their formula texts (totals rows)', () => {
  it('fixtures: totals.xls has SUM(B2:B11); survey.xls only per-row formulas (=D*2, =A/B)', () => {
    expect(mayHaveRangeFormulas(workbookStream('totals.xls'))).toBe(true)
    expect(mayHaveRangeFormulas(workbookStream('survey.xls'))).toBe(false)
  })

  it('a range token in any formula, or a token the scan does not know, means yes', () => {
    expect(mayHaveRangeFormulas(stream(BOF8, formula([...B2, ...TWO, 0x05])))).toBe(false)
    expect(mayHaveRangeFormulas(stream(BOF8, formula([...B2_B11, ...SUM_ATTR])))).toBe(true)
    expect(mayHaveRangeFormulas(stream(BOF8, formula([...B2, ...B2, 0x11])))).toBe(true)
    expect(mayHaveRangeFormulas(stream(BOF8, formula([0x18, 0, 0])))).toBe(true)
    // A string constant is sized by its length: its characters are not read as tokens.
    expect(mayHaveRangeFormulas(stream(BOF8, formula([0x17, 2, 0, 0x25, 0x25])))).toBe(false)
  })

  it('yes for anything it cannot read: BIFF5, encryption, a record cut short', () => {
    const bof5 = record(0x0809, [0x00, 0x05, 0x10, 0x00])
    expect(mayHaveRangeFormulas(stream(bof5, formula([...B2, ...TWO, 0x05])))).toBe(true)
    expect(mayHaveRangeFormulas(stream(BOF8, record(0x002f, [0, 0]), formula([...B2])))).toBe(true)
    expect(mayHaveRangeFormulas(stream(BOF8, record(0x0006, [1, 0, 2])))).toBe(true)
  })
})
