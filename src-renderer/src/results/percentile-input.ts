import { MAX_PERCENTILE_ROWS } from '../../../src-shared/shapes/percentiles'

/** What the user typed, read as numbers, or what is wrong with it in plain words. */
export type ParsedList = { ok: true; values: number[] } | { ok: false; message: string }

/** Splits "0.995, 99.9%  0.001" on commas and spaces; empty text is an empty list. */
function words(text: string): string[] {
  return text.split(/[\s,;]+/).filter((w) => w !== '')
}

function tooMany(n: number): ParsedList | null {
  return n > MAX_PERCENTILE_ROWS
    ? { ok: false, message: `At most ${MAX_PERCENTILE_ROWS} values (got ${n}).` }
    : null
}

/**
 * Probabilities for the percentile table: each a number between 0 and 1 (0.995) or a percentage with
 * its sign (99.5%). Returned sorted, duplicates removed.
 */
export function parseProbabilities(text: string): ParsedList {
  const list = words(text)
  const values: number[] = []
  for (const w of list) {
    const percent = w.endsWith('%')
    // 99.9% is 0.999, not 0.9990000000000001.
    const v = percent ? Number((Number(w.slice(0, -1)) / 100).toPrecision(12)) : Number(w)
    if (w === '%' || !Number.isFinite(v) || v <= 0 || v >= 1) {
      return {
        ok: false,
        message: `"${w}" is not a probability: give values between 0 and 1 (0.995) or percentages (99.5%).`,
      }
    }
    values.push(v)
  }
  return tooMany(list.length) ?? { ok: true, values: [...new Set(values)].sort((a, b) => a - b) }
}

/** Values x for P(X > x): any finite numbers, kept in the order given, duplicates removed. */
export function parseValues(text: string): ParsedList {
  const list = words(text)
  const values: number[] = []
  for (const w of list) {
    const v = Number(w)
    if (!Number.isFinite(v)) return { ok: false, message: `"${w}" is not a number.` }
    values.push(v)
  }
  return tooMany(list.length) ?? { ok: true, values: [...new Set(values)] }
}
