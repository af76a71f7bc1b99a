import type { ColumnSummary, DistributionInfo } from '../../../src-shared/contract'

/** Whether a family can fit the column, and if not, a sentence saying why. */
export interface Applicability {
  ok: boolean
  reason: string | null
}

/** Bounds read from a support text: lower/upper with strictness; null where unbounded or unknown. */
export interface SupportBounds {
  lower: { value: number; strict: boolean } | null
  upper: { value: number; strict: boolean } | null
  /** A finite set such as {0, 1}. */
  set: number[] | null
  /** The text named a parameter (e.g. `x ≥ xm`) or could not be read: no check possible. */
  unknown: boolean
}

const NUM = String.raw`[-+]?\d+(?:\.\d+)?`

/**
 * Reads the engine's plain-words support (`any real x`, `x > 0`, `x ≥ 0`, `0 < x < 1`, `0 ≤ x ≤ 1`,
 * `x in {0, 1}`, `x = 0, 1, 2, …`, `x = 0, 1, …, n`). Unreadable texts give `unknown`: never block a fit
 * on a text we cannot parse.
 */
export function parseSupport(text: string): SupportBounds {
  const t = text.replace(/>=/g, '≥').replace(/<=/g, '≤').replace(/\s+/g, ' ').trim()
  const none: SupportBounds = { lower: null, upper: null, set: null, unknown: false }
  if (/\b(any|all) real\b|^-?∞ < x < \+?∞$|^real$/i.test(t)) return none
  const set = t.match(/x (?:in|∈) \{([^}]*)\}/)
  if (set) {
    const values = set[1].split(',').map((v) => Number(v.trim()))
    return values.every(Number.isFinite) ? { ...none, set: values } : { ...none, unknown: true }
  }
  const list = t.match(new RegExp(`x = (${NUM}), (${NUM}),`))
  if (list) {
    // Non-negative integers, or 0..n with the trials as upper end (checked by the trials field instead).
    return { ...none, lower: { value: Number(list[1]), strict: false } }
  }
  const between = t.match(new RegExp(`^(${NUM}) (<|≤) x (<|≤) (${NUM})$`))
  if (between) {
    return {
      ...none,
      lower: { value: Number(between[1]), strict: between[2] === '<' },
      upper: { value: Number(between[4]), strict: between[3] === '<' },
    }
  }
  const one = t.match(new RegExp(`^x (>|≥|<|≤) (${NUM})$`))
  if (one) {
    const bound = { value: Number(one[2]), strict: one[1] === '>' || one[1] === '<' }
    return one[1] === '>' || one[1] === '≥' ? { ...none, lower: bound } : { ...none, upper: bound }
  }
  return { ...none, unknown: true }
}

/**
 * Can `dist` fit the column summarized by `summary`? Discrete families need whole numbers; every family
 * needs the data inside its support (checked with the column's min and max).
 */
export function familyApplicability(dist: DistributionInfo, summary: ColumnSummary | null): Applicability {
  if (!summary) return { ok: true, reason: null }
  if (summary.n === 0) return { ok: false, reason: `${summary.column} has no numeric values.` }
  if (dist.discrete && !summary.integer) {
    return {
      ok: false,
      reason: `${dist.label} needs whole numbers (counts); ${summary.column} has fractions.`,
    }
  }
  const s = parseSupport(dist.support)
  if (s.unknown) return { ok: true, reason: null }
  const fmt = (v: number) => Number(v.toPrecision(6)).toString()
  if (
    s.set &&
    !(
      s.set.includes(summary.min) &&
      s.set.includes(summary.max) &&
      summary.integer &&
      s.set.length >= summary.max - summary.min + 1
    )
  ) {
    return {
      ok: false,
      reason: `${dist.label} needs ${dist.support}; ${summary.column} ranges ${fmt(summary.min)} to ${fmt(summary.max)}.`,
    }
  }
  if (s.lower && (summary.min < s.lower.value || (s.lower.strict && summary.min === s.lower.value))) {
    return {
      ok: false,
      reason: `${dist.label} needs ${dist.support}; the smallest value of ${summary.column} is ${fmt(summary.min)}.`,
    }
  }
  if (s.upper && (summary.max > s.upper.value || (s.upper.strict && summary.max === s.upper.value))) {
    return {
      ok: false,
      reason: `${dist.label} needs ${dist.support}; the largest value of ${summary.column} is ${fmt(summary.max)}.`,
    }
  }
  return { ok: true, reason: null }
}
