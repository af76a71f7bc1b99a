import { parseNumber } from './number-parse'

/**
 * How a number was dressed when a spreadsheet exported it as text: a percent sign, a currency sign, or
 * accounting parentheses for a negative amount. Index into `FormattedCounts`.
 */
export const FORMAT_PERCENT = 0
export const FORMAT_CURRENCY = 1
export const FORMAT_PARENTHESES = 2

/** A formatted cell's value and how it was written, or null when the text is no formatted number. */
export interface FormattedNumber {
  value: number
  format: number
}

// Signs written before or after an amount. ISO codes (USD 5) are left alone: they collide with text.
const CURRENCY = new Set(['$', '€', '£', '¥', '₹', '₩', '₽', '₺', '₪', '₫', '฿', '₱', '₴', '₦', '¢'])

/**
 * Reads a cell the way a spreadsheet showed it: `5%` (0.05, as spreadsheets store it), `$1,200.50`,
 * `1.200,50 €`, `-$5`, `(1.5)` and `($1,200)` (accounting negatives). Anything else: null.
 *
 * Why: CSV files saved from Excel or LibreOffice write each cell as formatted, so a column of amounts or
 * rates arrives as text that no plain number parser takes. The caller only asks for cells that are not
 * plain numbers, so the hot path never comes here.
 */
export function parseFormattedNumber(text: string, decimal: number): FormattedNumber | null {
  // Text columns send every cell here: a cell starting with a letter (most words) is no formatted number.
  if (startsWithLetter(text)) return null
  let body = text.trim()
  const parentheses = body.length >= 3 && body.startsWith('(') && body.endsWith(')')
  if (parentheses) body = body.slice(1, -1).trim()
  let sign = leadingSign(body)
  body = body.slice(sign.length).trim()
  const percent = body.endsWith('%')
  if (percent) body = body.slice(0, -1).trim()
  const amount = stripCurrency(body)
  if (amount !== null) body = amount
  if (amount === null && !percent && !parentheses) return null
  // A sign may also follow the currency sign ($-5), but never twice and never inside parentheses.
  const inner = leadingSign(body)
  if (inner !== '') {
    if (sign !== '') return null
    sign = inner
    body = body.slice(1).trim()
  }
  if ((parentheses && sign !== '') || !startsLikeDigits(body, decimal)) return null
  const magnitude = percent ? percentOf(body, decimal) : parseNumber(body, decimal)
  if (magnitude !== magnitude) return null
  const negative = parentheses || sign === '-'
  return {
    value: negative ? -magnitude : magnitude,
    format: percent ? FORMAT_PERCENT : amount !== null ? FORMAT_CURRENCY : FORMAT_PARENTHESES,
  }
}

/** `body` percent as a fraction, rounded once from the decimal text (0.1% is the double nearest 0.001). */
function percentOf(body: string, decimal: number): number {
  return /[eE]/.test(body) ? parseNumber(body, decimal) / 100 : parseNumber(`${body}e-2`, decimal)
}

function startsWithLetter(text: string): boolean {
  const c = text.charCodeAt(0) | 32
  return c >= 97 && c <= 122
}

function leadingSign(body: string): string {
  const c = body.charAt(0)
  return c === '-' || c === '+' ? c : c === '\u2212' ? '-' : ''
}

/** True when `body` starts with a digit or the decimal separator (no sign, no letter, nothing else). */
function startsLikeDigits(body: string, decimal: number): boolean {
  const c = body.charCodeAt(0)
  return (c >= 48 && c <= 57) || c === decimal
}

/** The amount without its leading or trailing currency sign (and the blank next to it), or null. */
function stripCurrency(body: string): string | null {
  const first = body.charAt(0)
  if (CURRENCY.has(first)) return body.slice(1).trim()
  const last = body.charAt(body.length - 1)
  if (CURRENCY.has(last)) return body.slice(0, -1).trim()
  return null
}

const READ_AS = [
  ['written as percentages', 'read as fractions'],
  ['written with a currency sign', 'read as plain amounts'],
  ['written in parentheses', 'read as negative numbers'],
]

/** The column's note about one format: how many cells, the first one, and what it was read as. */
export function formattedNote(
  column: string,
  format: number,
  seen: { count: number; first: { row: number; value: string; read: number } },
): string {
  const [written, read] = READ_AS[format]
  const cells = `${seen.count.toLocaleString('en-US')} ${seen.count === 1 ? 'cell' : 'cells'}`
  const { row, value } = seen.first
  return `Column "${column}": ${cells} ${written} (row ${row}: "${value.trim()}") ${seen.count === 1 ? 'was' : 'were'} ${read} (${seen.first.read}).`
}
