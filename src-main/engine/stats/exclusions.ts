import type { Exclusion, ValueRange } from '../../../src-shared/contract'
import { RequestError } from '../errors'

/** A column's row values with the exclusion rules applied (NaN where excluded), and the rules' counts. */
export interface Excluded {
  rows: Float64Array
  exclusions: Exclusion[]
}

/**
 * Applies a value-range exclusion (MATLAB's term) to one value per data row: values below `min` or above
 * `max` become NaN (excluded, like missing cells) and the rule says how many rows it removed. A range
 * with min > max, or one that removes every value, is a RequestError saying so.
 */
export function excludeOutside(rows: Float64Array, column: string, range: ValueRange): Excluded {
  const lo = range.min ?? -Infinity
  const hi = range.max ?? Infinity
  if (lo > hi)
    throw new RequestError(`The value range of "${column}" is empty: min ${lo} is above max ${hi}.`)
  const out = new Float64Array(rows.length)
  let removed = 0
  let kept = 0
  for (let i = 0; i < rows.length; i++) {
    const x = rows[i]
    if (x < lo || x > hi) {
      out[i] = NaN
      removed++
    } else {
      out[i] = x
      if (Number.isFinite(x)) kept++
    }
  }
  const rule = describeRange(column, lo, hi)
  if (kept === 0)
    throw new RequestError(`Excluding ${rule} leaves no value to fit (it removed ${removed} rows).`)
  return { rows: out, exclusions: [{ rule, rows: removed, range }] }
}

/** "values of "x" outside [0, 10]", with an open end as "below 0" / "above 10". */
function describeRange(column: string, lo: number, hi: number): string {
  if (lo === -Infinity) return `values of "${column}" above ${hi}`
  if (hi === Infinity) return `values of "${column}" below ${lo}`
  return `values of "${column}" outside [${lo}, ${hi}]`
}

/** Row spans as people write them: "3, 7-9". */
export function describeRows(spans: readonly (readonly [number, number])[]): string {
  return spans.map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`)).join(', ')
}

/**
 * Applies one exclusion rule that picks rows (by number or by another column's value): `excluded(i)` says
 * whether 0-based row i goes; its value becomes NaN. Counts only rows that still had a value, so each
 * rule's count is what it removed from the fit and a row is never counted twice.
 */
export function excludeWhere(
  rows: Float64Array,
  excluded: (row: number) => boolean,
  rule: Omit<Exclusion, 'rows'>,
): Excluded {
  const out = Float64Array.from(rows)
  let removed = 0
  let kept = 0
  for (let i = 0; i < out.length; i++) {
    if (out[i] !== out[i]) continue
    if (excluded(i)) {
      out[i] = NaN
      removed++
    } else kept++
  }
  if (kept === 0)
    throw new RequestError(`Excluding ${rule.rule} leaves no value to fit (it removed ${removed} rows).`)
  return { rows: out, exclusions: [{ ...rule, rows: removed }] }
}
