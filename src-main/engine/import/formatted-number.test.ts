import { describe, expect, it } from 'vitest'
import { FORMAT_CURRENCY, FORMAT_PARENTHESES, FORMAT_PERCENT, parseFormattedNumber } from './formatted-number'
import { COMMA, POINT } from './number-parse'

describe('parseFormattedNumber', () => {
  it.each([
    ['5%', POINT, 0.05, FORMAT_PERCENT],
    ['12.5 %', POINT, 0.125, FORMAT_PERCENT],
    // Rounded once from the decimal: the double nearest 0.001, not 0.1 / 100.
    ['0.1%', POINT, 0.001, FORMAT_PERCENT],
    ['-2,5%', COMMA, -0.025, FORMAT_PERCENT],
    ['(5%)', POINT, -0.05, FORMAT_PERCENT],
    ['$1,200.50', POINT, 1200.5, FORMAT_CURRENCY],
    ['1.200,50 €', COMMA, 1200.5, FORMAT_CURRENCY],
    ['€ 3', POINT, 3, FORMAT_CURRENCY],
    ['-$5', POINT, -5, FORMAT_CURRENCY],
    ['$-5', POINT, -5, FORMAT_CURRENCY],
    ['\u2212$5', POINT, -5, FORMAT_CURRENCY],
    ['+£2', POINT, 2, FORMAT_CURRENCY],
    ['($1,200)', POINT, -1200, FORMAT_CURRENCY],
    ['¥100', POINT, 100, FORMAT_CURRENCY],
    ['(1.5)', POINT, -1.5, FORMAT_PARENTHESES],
    [' ( 7 ) ', POINT, -7, FORMAT_PARENTHESES],
  ])('reads %j as %d', (text, decimal, value, format) => {
    expect(parseFormattedNumber(text, decimal)).toEqual({ value, format })
  })

  it.each([
    '5', // a plain number is the plain parser's
    '$',
    '%',
    '()',
    '(-5)',
    '-(5)',
    '--5',
    '$$5',
    '$-+5',
    'USD 5',
    '(12) 555',
    '5 apples',
    'abc%',
    '$1,20',
  ])('leaves %j alone', (text) => {
    expect(parseFormattedNumber(text, POINT)).toBeNull()
  })
})
