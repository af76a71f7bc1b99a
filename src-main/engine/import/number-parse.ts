/** Tokens read as missing values (compared after trimming, case-sensitive as analysts write them). */
export const DEFAULT_MISSING_TOKENS: readonly string[] = [
  '',
  'NA',
  'N/A',
  '#N/A',
  'NaN',
  'nan',
  'null',
  'NULL',
  '-',
  '?',
  '.',
]

// Decimal numbers with optional sign and exponent; no hex, no Infinity, no thousands separators yet.
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/

/** Parses a trimmed cell as a finite number, or returns NaN. */
export function parseNumber(text: string): number {
  if (!NUMBER.test(text)) return NaN
  const v = Number(text)
  return Number.isFinite(v) ? v : NaN
}
