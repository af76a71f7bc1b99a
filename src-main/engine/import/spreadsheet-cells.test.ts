import { describe, expect, it } from 'vitest'
import {
  cellRef,
  columnLetters,
  columnNumber,
  isDateFormat,
  isoDateText,
  isoDurationClock,
  rangeRef,
  serialToIso,
} from './spreadsheet-cells'

describe('cell references', () => {
  it('column letters and numbers both ways', () => {
    for (const [letters, n] of [
      ['A', 1],
      ['Z', 26],
      ['AA', 27],
      ['XFD', 16384],
      ['ZZZZ', 475254],
    ] as const) {
      expect(columnNumber(letters)).toBe(n)
      expect(columnLetters(n)).toBe(letters)
    }
  })

  it('cells and ranges, with or without $', () => {
    expect(cellRef('B12')).toEqual([12, 2])
    expect(cellRef('$C$3')).toEqual([3, 3])
    expect(cellRef('12')).toEqual([0, 0])
    expect(rangeRef('A1:G1')).toEqual({ r0: 1, c0: 1, r1: 1, c1: 7 })
    expect(rangeRef('D4')).toEqual({ r0: 4, c0: 4, r1: 4, c1: 4 })
    expect(rangeRef('nonsense')).toBeNull()
  })
})

describe('dates', () => {
  it('number formats that show dates or times, and those that do not', () => {
    for (const code of [
      'yyyy-mm-dd',
      'd/m/yy',
      'mmm yyyy',
      'h:mm AM/PM',
      'mm:ss',
      '[$-409]d-mmm-yy',
      'dd/mm/yyyy hh:mm',
    ]) {
      expect(isDateFormat(164, code)).toBe(true)
    }
    for (const code of ['0.00', 'General', '#,##0', '0.00E+00', '[h]:mm:ss', '"Day "0', '[Red]0.0', '0%']) {
      expect(isDateFormat(164, code)).toBe(false)
    }
    expect(isDateFormat(14, undefined)).toBe(true)
    expect(isDateFormat(2, undefined)).toBe(false)
  })

  it('Excel serials as ISO text in both date systems (Excel and LibreOffice agree on these)', () => {
    expect(serialToIso(45292, false)).toBe('2024-01-01')
    expect(serialToIso(45292.34375, false)).toBe('2024-01-01 08:15:00')
    expect(serialToIso(1, false)).toBe('1900-01-01')
    expect(serialToIso(59, false)).toBe('1900-02-28')
    expect(serialToIso(61, false)).toBe('1900-03-01')
    expect(serialToIso(0.5, false)).toBe('12:00:00')
    expect(serialToIso(43830, true)).toBe('2024-01-01')
    expect(serialToIso(-1, false)).toBeNull()
    expect(serialToIso(3e6, false)).toBeNull()
  })

  it('ODS date and time values', () => {
    expect(isoDateText('2024-01-31')).toBe('2024-01-31')
    expect(isoDateText('2024-01-31T00:00:00')).toBe('2024-01-31')
    expect(isoDateText('2024-01-31T08:15:00.1234')).toBe('2024-01-31 08:15:00.123')
    expect(isoDurationClock('PT08H15M30S')).toBe('08:15:30')
    expect(isoDurationClock('junk')).toBe('junk')
  })
})
