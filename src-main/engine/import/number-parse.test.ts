import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  COMMA,
  POINT,
  isDateText,
  parseBooleanWord,
  parseNumber,
  parseNumberIn,
  trimCell,
} from './number-parse'

describe('parseNumber', () => {
  // Expected values are exact decimal literals: the parser must give the same double as JavaScript's.
  it.each([
    ['0', 0],
    ['-0', -0],
    ['42', 42],
    ['-17', -17],
    ['+3.5', 3.5],
    ['3.', 3],
    ['.25', 0.25],
    ['-.5', -0.5],
    ['0.1', 0.1],
    ['1e3', 1000],
    ['1.5E-3', 0.0015],
    ['  12.5  ', 12.5],
    ['12.5\r', 12.5],
    ['123456789012345', 123456789012345],
    // Beyond 15 digits (expected values: the nearest doubles, from Python's float()).
    ['1234567890123456789', 1.2345678901234568e18],
    ['0.000001234567890123456789', 1.2345678901234567e-6],
    ['9007199254740993', 9007199254740992],
    ['1e-320', 1e-320],
    ['1,234.5', 1234.5],
    ['12,345,678.25', 12345678.25],
    ['1 234.5', 1234.5],
    ['-2,000', -2000],
    ['\u22125', -5],
    ['\u22120.25e\u22122', -0.0025],
    ['\u22121234567890123456789', -1.2345678901234568e18],
  ])('reads %j with a point decimal as %d', (text, expected) => {
    expect(Object.is(parseNumber(text, POINT), expected)).toBe(true)
  })

  it.each([
    ['1,5', 1.5],
    ['1.234,5', 1234.5],
    ['1 234,5', 1234.5],
    ['1\u00a0234,5', 1234.5],
    ['12.345.678,25', 12345678.25],
    ['-0,5', -0.5],
    ['2,5e3', 2500],
  ])('reads %j with a comma decimal as %d', (text, expected) => {
    expect(Object.is(parseNumber(text, COMMA), expected)).toBe(true)
  })

  it.each([
    ['', POINT],
    [' ', POINT],
    ['-', POINT],
    ['.', POINT],
    ['e5', POINT],
    ['1e', POINT],
    ['1e+', POINT],
    ['0x10', POINT],
    ['Infinity', POINT],
    ['1e400', POINT],
    ['1.2.3', POINT],
    ['12,34.5', POINT],
    ['1,2345', POINT],
    ['1,5', POINT],
    ['1.5', COMMA],
    ['1.234.5', COMMA],
    ['1, 234', POINT],
    ['abc', POINT],
    ['12abc', POINT],
    ['--1', POINT],
  ])('rejects %j (decimal code %i)', (text, decimal) => {
    expect(parseNumber(text, decimal)).toBeNaN()
  })

  it('is bit-identical to Number(text) on every decimal number form', () => {
    const digits = (min: number, max: number) =>
      fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max })
    const numberText = fc
      .tuple(
        fc.constantFrom('', '-', '+'),
        digits(0, 20),
        fc.option(digits(0, 20)),
        fc.option(fc.tuple(fc.constantFrom('e', 'E'), fc.constantFrom('', '-', '+'), digits(1, 3))),
      )
      .map(([sign, int, frac, exp]) => {
        let s = sign + int
        if (frac !== null) s += `.${frac}`
        if (exp !== null) s += exp.join('')
        return s
      })
      .filter((s) => /\d/.test(s.split(/e/i)[0]))
    fc.assert(
      fc.property(numberText, (text) => {
        const expected = Number(text)
        const got = parseNumber(text)
        if (Number.isFinite(expected)) return Object.is(got, expected)
        return Number.isNaN(got)
      }),
      { numRuns: 20000 },
    )
  })

  it('is bit-identical to Number(String(x)) for random doubles', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const text = String(x)
        return Object.is(parseNumber(text), Number(text))
      }),
      { numRuns: 20000 },
    )
  })

  it('reads full-precision cells (over 15 digits) in a range, with either separator and sign', () => {
    // More digits than a double holds: the expected value is JavaScript's rounding of the same text.
    const long = '-1234567.890123456789'
    const line = `x;0.30000000000000004;${long};1.2345678901234566e-7;y`
    expect(parseNumberIn(line, 2, 21, POINT)).toBe(0.30000000000000004)
    expect(parseNumberIn(line, 22, 22 + long.length, POINT)).toBe(Number(long))
    expect(parseNumberIn(line, 23 + long.length, 44 + long.length, POINT)).toBe(1.2345678901234566e-7)
    expect(parseNumber(long.replace('.', ','), COMMA)).toBe(Number(long))
    expect(parseNumber(`\u2212${long.slice(1)}e-2`)).toBe(Number(`${long}e-2`))
    expect(parseNumber(`1,234,567.${long.split('.')[1]}`)).toBe(-Number(long))
    expect(parseNumber('9'.repeat(400))).toBeNaN()
    expect(parseNumber(`0.${'0'.repeat(30)}12345678901234567`)).toBe(Number('1.2345678901234567e-31'))
  })

  it('reads a range of a longer string without making the substring', () => {
    const line = 'ab,12.5,-3,x'
    expect(parseNumberIn(line, 3, 7, POINT)).toBe(12.5)
    expect(parseNumberIn(line, 8, 10, POINT)).toBe(-3)
    expect(parseNumberIn(line, 0, 2, POINT)).toBeNaN()
  })
})

describe('cell words', () => {
  it.each([
    ['true', 1],
    ['TRUE', 1],
    ['Yes', 1],
    ['false', 0],
    ['No', 0],
    ['y', NaN],
    ['truth', NaN],
  ])('reads %j as boolean %d', (text, expected) => {
    expect(Object.is(parseBooleanWord(text), expected)).toBe(true)
  })

  it.each([
    ['2024-01-31', true],
    ['2024-01-31T08:15:00Z', true],
    ['2024-01-31 08:15', true],
    ['2024-03-01T00:00:00+01:00', true],
    ['31/01/2024', true],
    ['1.2.2024', true],
    ['08:15:30.5', true],
    ['8:15 PM', true],
    ['2024', false],
    ['12.5', false],
    ['abc', false],
    ['2024-01-31x', false],
  ])('isDateText(%j) is %s', (text, expected) => {
    expect(isDateText(text)).toBe(expected)
  })

  it('trims blanks without copying clean cells', () => {
    const clean = 'abc'
    expect(trimCell(clean)).toBe(clean)
    expect(trimCell('  a b \r')).toBe('a b')
    expect(trimCell('\u00a0x')).toBe('x')
    expect(trimCell('')).toBe('')
  })
})
