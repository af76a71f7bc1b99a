/** Tokens read as missing values (compared after trimming, case-sensitive as analysts write them). */
export const DEFAULT_MISSING_TOKENS: readonly string[] = [
  '',
  'NA',
  'N/A',
  'n/a',
  '#N/A',
  'NaN',
  'null',
  'NULL',
  '-',
  '?',
  '.',
]

/** Character codes of the decimal separator: `.` (point) or `,` (comma). */
export const POINT = 46
export const COMMA = 44

const ZERO = 48
const NINE = 57
const SPACE = 32
const TAB = 9
const CR = 13
const NBSP = 0xa0
const NARROW_NBSP = 0x202f
const MINUS_SIGN = 0x2212

/** Exact powers of ten: every 10^k with k <= 22 is a double without rounding (5^22 < 2^53). */
export const POW10 = new Float64Array(23)
for (let k = 0, p = 1; k <= 22; k++, p *= 10) POW10[k] = p

// Mantissas up to 15 significant digits are below 2^53, so they and one multiply/divide by an exact
// power of ten give the correctly rounded double (Clinger's fast path), bit-identical to Number(text).
const MAX_FAST_DIGITS = 15

function isBlank(c: number): boolean {
  return c === SPACE || c === TAB || c === CR || c === NBSP || c === NARROW_NBSP
}

/** True when `c` may group thousands for this decimal separator (`1,234.5`, `1.234,5`, `1 234,5`). */
function isGroupChar(c: number, decimal: number): boolean {
  if (c === SPACE || c === NBSP || c === NARROW_NBSP || c === 39 /* ' */) return true
  return decimal === POINT ? c === COMMA : c === POINT
}

/**
 * Parses one cell as a finite decimal number, or returns NaN. Accepts surrounding blanks, a sign (`-`,
 * `+` or the minus sign U+2212), digits with an optional decimal separator (`decimal`: POINT or COMMA
 * char code), thousands groups of exactly three digits in the integer part, and an exponent (`1.5e-3`).
 * No hex, no Infinity.
 * With a point decimal and no groups the result is bit-identical to `Number(text)`.
 */
export function parseNumber(text: string, decimal: number = POINT): number {
  return parseNumberIn(text, 0, text.length, decimal)
}

/** parseNumber on `text.slice(from, to)` without making the substring (the import's hot path). */
export function parseNumberIn(text: string, from: number, to: number, decimal: number): number {
  // Fast path for the common cell: optional minus, at most 15 digits with one decimal separator, nothing
  // else. The mantissa is then an exact integer below 2^53 and one division by an exact power of ten
  // rounds correctly. Anything else (blanks, groups, exponent, more digits) takes the general path.
  let i = from
  let negative = false
  if (i < to && text.charCodeAt(i) === 45) {
    negative = true
    i++
  }
  let mantissa = 0
  let digits = 0
  let scale = 0
  let d = 0
  for (; i < to; i++) {
    d = text.charCodeAt(i) - ZERO
    if (d < 0 || d > 9) break
    mantissa = mantissa * 10 + d
    digits++
  }
  const separator = i
  if (i < to && d === decimal - ZERO) {
    for (i++; i < to; i++) {
      d = text.charCodeAt(i) - ZERO
      if (d < 0 || d > 9) break
      mantissa = mantissa * 10 + d
      digits++
      scale++
    }
  }
  if (i < to || digits === 0) return parseGeneral(text, from, to, decimal)
  if (digits <= MAX_FAST_DIGITS) {
    const v = scale === 0 ? mantissa : mantissa / POW10[scale]
    return negative ? -v : v
  }
  return plainDecimal(text, from, separator, to, decimal)
}

/**
 * A cell of only a minus, digits and one separator, with over 15 digits (the shortest round trip of most
 * doubles, as pandas and R at full precision write them: 17 digits). `Number` of the text with a point is
 * correctly rounded; given the text as it is (a slice, no copy per character) it is ~5x faster than
 * building a normalized string.
 */
function plainDecimal(text: string, from: number, separator: number, to: number, decimal: number): number {
  // A long enough run of digits is over the largest double: NaN, as every non-finite cell.
  if (decimal === POINT || separator === to) return finiteOrNaN(Number(text.slice(from, to)))
  return finiteOrNaN(Number(`${text.slice(from, separator)}.${text.slice(separator + 1, to)}`))
}

// Every accepted form: blanks, sign, thousands groups, exponent, any number of digits.
function parseGeneral(text: string, from: number, to: number, decimal: number): number {
  let end = to
  let i = from
  while (i < end && isBlank(text.charCodeAt(i))) i++
  while (end > i && isBlank(text.charCodeAt(end - 1))) end--
  if (i === end) return NaN
  const start = i
  let negative = false
  let c = text.charCodeAt(i)
  // U+2212 is the minus sign of typeset text and of some locales' spreadsheet exports (Swedish Excel).
  if (c === 45 /* - */ || c === 43 /* + */ || c === MINUS_SIGN) {
    negative = c !== 43
    i++
  }
  let mantissa = 0
  let significant = 0
  let exponent = 0
  let digits = 0
  // Thousands groups: digits since the last group separator, and which separator was used.
  let groupChar = -1
  let groupDigits = 0
  let slow = false

  for (; i < end; i++) {
    c = text.charCodeAt(i)
    if (c >= ZERO && c <= NINE) {
      digits++
      groupDigits++
      if (significant > 0 || c !== ZERO) {
        if (significant < MAX_FAST_DIGITS) mantissa = mantissa * 10 + (c - ZERO)
        else slow = true
        significant++
      }
      continue
    }
    if (isGroupChar(c, decimal) && digits > 0 && i + 1 < end) {
      if (groupChar === -1) {
        if (groupDigits > 3) return NaN
        groupChar = c
      } else if (c !== groupChar || groupDigits !== 3) return NaN
      groupDigits = 0
      continue
    }
    break
  }
  if (groupChar !== -1 && groupDigits !== 3) return NaN
  if (i < end && c === decimal) {
    i++
    for (; i < end; i++) {
      c = text.charCodeAt(i)
      if (c < ZERO || c > NINE) break
      digits++
      if (significant > 0 || c !== ZERO) {
        if (significant < MAX_FAST_DIGITS) {
          mantissa = mantissa * 10 + (c - ZERO)
          exponent--
        } else slow = true
        significant++
      } else exponent--
    }
  }
  if (digits === 0) return NaN
  if (i < end && (c === 101 || c === 69) /* e E */) {
    i++
    let expNegative = false
    if (i < end) {
      c = text.charCodeAt(i)
      if (c === 45 || c === 43 || c === MINUS_SIGN) {
        expNegative = c !== 43
        i++
      }
    }
    let expValue = 0
    let expDigits = 0
    for (; i < end; i++) {
      c = text.charCodeAt(i)
      if (c < ZERO || c > NINE) break
      if (expValue < 100000) expValue = expValue * 10 + (c - ZERO)
      expDigits++
    }
    if (expDigits === 0) return NaN
    exponent += expNegative ? -expValue : expValue
  }
  if (i !== end) return NaN

  if (!slow) {
    if (mantissa === 0) return negative ? -0 : 0
    let v: number
    if (exponent === 0) v = mantissa
    else if (exponent > 0 && exponent <= 22) v = mantissa * POW10[exponent]
    else if (exponent < 0 && exponent >= -22) v = mantissa / POW10[-exponent]
    else return correctlyRounded(text, start, end, decimal, groupChar !== -1)
    return negative ? -v : v
  }
  return correctlyRounded(text, start, end, decimal, groupChar !== -1)
}

/**
 * JavaScript's correctly rounded parse of an accepted cell (trimmed to start..end). Text JavaScript reads
 * as it is (a point decimal, no groups, no U+2212) goes as a slice: the shortest round trip of a small
 * double has an exponent and 17 digits (`1.2345678901234567e-5`), common enough to be worth it.
 */
function correctlyRounded(text: string, start: number, end: number, decimal: number, grouped: boolean) {
  const plain = decimal === POINT && !grouped && !hasMinusSign(text, start, end)
  const js = plain ? text.slice(start, end) : normalized(text, start, end, decimal)
  return finiteOrNaN(Number(js))
}

function hasMinusSign(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (text.charCodeAt(i) === MINUS_SIGN) return true
  return false
}

function finiteOrNaN(v: number): number {
  return v - v === 0 ? v : NaN
}

// Rare path (more than 15 significant digits or a large exponent): hand JavaScript's correctly rounded
// parser the text without group separators and with a point decimal.
function normalized(text: string, start: number, end: number, decimal: number): string {
  let out = ''
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i)
    if (c === decimal) out += '.'
    else if (c === MINUS_SIGN) out += '-'
    else if ((c >= ZERO && c <= NINE) || c === 45 || c === 43 || c === 101 || c === 69) out += text[i]
  }
  return out
}

/** 1 for true/yes, 0 for false/no (any letter case), NaN for anything else. Blanks already trimmed. */
export function parseBooleanWord(text: string): number {
  const n = text.length
  if (n < 2 || n > 5) return NaN
  const lower = text.toLowerCase()
  if (lower === 'true' || lower === 'yes') return 1
  if (lower === 'false' || lower === 'no') return 0
  return NaN
}

// ISO dates with optional time (2024-01-31, 2024-01-31T12:00:00Z, 2024/01/31 08:15), day-first or
// month-first with / . or - (31/01/2024, 1.2.2024), and bare times (08:15, 08:15:30.5).
const DATE =
  /^(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?: ?(?:Z|[AaPp][Mm]|[+-]\d{2}:?\d{2}))?)?$|^\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?: ?[AaPp][Mm])?$/

/** True when a trimmed cell reads as a date, a date-time or a time of day. */
export function isDateText(text: string): boolean {
  const n = text.length
  if (n < 4 || n > 40) return false
  const c = text.charCodeAt(0)
  if (c < ZERO || c > NINE) return false
  return DATE.test(text)
}

/** The cell without surrounding blanks; returns the same string when there are none (no allocation). */
export function trimCell(text: string): string {
  const n = text.length
  if (n === 0) return text
  if (!isBlank(text.charCodeAt(0)) && !isBlank(text.charCodeAt(n - 1))) return text
  let i = 0
  let end = n
  while (i < end && isBlank(text.charCodeAt(i))) i++
  while (end > i && isBlank(text.charCodeAt(end - 1))) end--
  return text.slice(i, end)
}
