import type { Distribution, FamilyContext } from '../distributions/types'
import { complementText, isTrials, supportTest, supportText } from '../distributions/support'
import { runEnd } from '../stats/sorted-runs'

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`
}

function show(v: number): string {
  return Number.isInteger(v) || Math.abs(v) >= 1e-4 ? String(v) : v.toPrecision(6)
}

/** Where rows fail a check: how many, and the row (0-based) of the first. */
interface Offenders {
  count: number
  first: number
}

/** Finite values that are not whole numbers (one tight loop: columns can have millions of rows). */
function fractionalRows(rows: Float64Array): Offenders {
  let count = 0
  let first = -1
  for (let i = 0; i < rows.length; i++) {
    const x = rows[i]
    if (Number.isFinite(x) && !Number.isInteger(x)) {
      if (count === 0) first = i
      count++
    }
  }
  return { count, first }
}

/** Whether every sorted value is whole: one test per run of equal values (`supportProblem`'s shortcut). */
function allWhole(sorted: Float64Array): boolean {
  for (let i = 0; i < sorted.length; i = runEnd(sorted, i))
    if (Math.floor(sorted[i]) !== sorted[i]) return false
  return true
}

/** Finite values outside the support (`within` is the family's membership test). */
function rowsOutside(rows: Float64Array, within: (x: number) => boolean): Offenders {
  let count = 0
  let first = -1
  for (let i = 0; i < rows.length; i++) {
    const x = rows[i]
    if (Number.isFinite(x) && !within(x)) {
      if (count === 0) first = i
      count++
    }
  }
  return { count, first }
}

/** A trials problem of a family that needs the number of trials, or null. */
function trialsProblem(dist: Distribution, ctx: FamilyContext): string | null {
  if (!dist.needsTrials || isTrials(ctx.trials)) return null
  return ctx.trials === undefined
    ? `${dist.id} needs the number of trials: give trials (a whole number >= 1).`
    : `${dist.id} needs the number of trials as a whole number >= 1 (got ${ctx.trials}).`
}

/**
 * Why a family cannot describe a column, or null when every value is in its support. `rows` holds one
 * value per data row (NaN where missing), so the message can point at the first offending row (1-based):
 * "gamma needs x > 0: 3 values <= 0, first at row 17". Nothing is ever dropped to make a family fit.
 * `sorted` (the finite values, ascending) enables the interval shortcut for continuous families.
 */
export function supportProblem(
  dist: Distribution,
  rows: Float64Array,
  ctx: FamilyContext,
  sorted?: Float64Array,
): string | null {
  const within = supportTest(dist, ctx)
  // Supports are intervals (of whole numbers for discrete families): when the smallest and largest values
  // are inside, all are (once each is whole), and the row-by-row scans (which find the first offending
  // row) are only needed when one is not.
  const trials = dist.discrete ? trialsProblem(dist, ctx) : null
  if (trials) return trials
  if (sorted && sorted.length > 0 && within(sorted[0]) && within(sorted[sorted.length - 1])) {
    if (!dist.support.integer || allWhole(sorted)) return null
  }
  if (dist.support.integer) {
    const fractional = fractionalRows(rows)
    if (fractional.count > 0) {
      const { count, first } = fractional
      return `${dist.id} needs whole numbers (counts): ${plural(count, 'value')} ${count === 1 ? 'is' : 'are'} not whole, first at row ${first + 1} (${show(rows[first])}).`
    }
  }
  const { count, first } = rowsOutside(rows, within)
  if (count === 0) return null
  const support = dist.support.upperIsTrials
    ? `whole numbers ${dist.support.lower}..${ctx.trials}`
    : supportText(dist.support)
  const what = dist.support.upperIsTrials ? 'outside it' : complementText(dist.support)
  return `${dist.id} needs ${support}: ${plural(count, 'value')} ${what}, first at row ${first + 1} (${show(rows[first])}).`
}
