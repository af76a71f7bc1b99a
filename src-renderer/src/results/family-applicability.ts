import type { ColumnSummary, DistributionInfo, SupportRange } from '../../../src-shared/contract'

/** Whether a family can fit the column, and if not, a sentence saying why. */
export interface Applicability {
  ok: boolean
  reason: string | null
}

const OK: Applicability = { ok: true, reason: null }

/** A finite end of the support; null for an unbounded one (±Infinity, or null after a JSON transport). */
function finiteEnd(value: number | null): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null
}

const fmt = (v: number) => Number(v.toPrecision(6)).toString()

/**
 * The support as a condition on x, for messages. Families whose support moves with an estimated parameter
 * are described by the fixed ends that can be checked before fitting, with the family's own words after.
 */
function supportWords(dist: DistributionInfo): string {
  if (!dist.supportRange.estimatedEnds) return dist.support
  const r = dist.supportRange
  const lower = finiteEnd(r.lower)
  const upper = finiteEnd(r.upper)
  const ends = [
    lower === null ? null : `x ${r.lowerClosed ? '≥' : '>'} ${fmt(lower)}`,
    upper === null ? null : `x ${r.upperClosed ? '≤' : '<'} ${fmt(upper)}`,
  ].filter((s) => s !== null)
  return `${ends.join(' and ')} (support ${dist.support})`
}

/** Which end of `range` the column's values cross, if any: the data's extreme that lies outside. */
function crossedEnd(range: SupportRange, summary: ColumnSummary): 'lower' | 'upper' | null {
  const lower = finiteEnd(range.lower)
  const upper = finiteEnd(range.upper)
  if (lower !== null && (summary.min < lower || (!range.lowerClosed && summary.min === lower))) return 'lower'
  // The binomial's upper end is the number of trials, which the engine checks once the user gives it.
  if (range.upperIsTrials || upper === null) return null
  if (summary.max > upper || (!range.upperClosed && summary.max === upper)) return 'upper'
  return null
}

/**
 * Can `dist` fit the column summarized by `summary`? Whole-number families need whole numbers; every
 * family needs the data inside the fixed ends of its support (checked with the column's min and max).
 */
export function familyApplicability(
  dist: DistributionInfo,
  summary: ColumnSummary | null,
  censored = false,
): Applicability {
  // The engine says which families censored data rule out (and why): those are not offered then.
  if (censored && dist.censoredProblem) return { ok: false, reason: dist.censoredProblem }
  if (!summary) return OK
  if (summary.n === 0) return { ok: false, reason: `${summary.column} has no numeric values.` }
  // Families without supportRange (an engine older than the field) are never blocked here.
  const range = dist.supportRange as SupportRange | undefined
  if ((range?.integer ?? dist.discrete) && !summary.integer) {
    return {
      ok: false,
      reason: `${dist.label} needs whole numbers (counts); ${summary.column} has fractions.`,
    }
  }
  const crossed = range ? crossedEnd(range, summary) : null
  if (crossed === null) return OK
  const [which, value] = crossed === 'lower' ? ['smallest', summary.min] : ['largest', summary.max]
  return {
    ok: false,
    reason: `${dist.label} needs ${supportWords(dist)}; the ${which} value of ${summary.column} is ${fmt(value)}.`,
  }
}
