import type { Distribution, FamilyContext } from '../distributions/types'

/** Families that need the number of trials from the user. */
const NEEDS_TRIALS = new Set(['binomial'])

/** True for families whose context must carry `trials`. */
export function needsTrials(dist: Distribution): boolean {
  return NEEDS_TRIALS.has(dist.id)
}

/** "values <= 0" for support "x > 0", "values < 0" for "x ≥ 0", else "values outside it". */
function complement(supportText: string): string {
  const strict = /^x\s*>\s*(.+)$/.exec(supportText)
  if (strict) return `<= ${strict[1]}`
  const loose = /^x\s*(?:≥|>=)\s*(.+)$/.exec(supportText)
  if (loose) return `< ${loose[1]}`
  return 'outside it'
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`
}

function show(v: number): string {
  return Number.isInteger(v) || Math.abs(v) >= 1e-4 ? String(v) : v.toPrecision(6)
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
  // Continuous supports are intervals: when the smallest and largest values are inside, all are, and
  // the row-by-row scan (which finds the first offending row) is only needed when one is not.
  if (!dist.discrete && sorted && sorted.length > 0) {
    if (dist.inSupport(sorted[0], ctx) && dist.inSupport(sorted[sorted.length - 1], ctx)) return null
  }
  if (needsTrials(dist) && !(ctx.trials !== undefined && Number.isInteger(ctx.trials) && ctx.trials >= 1)) {
    return ctx.trials === undefined
      ? `${dist.id} needs the number of trials: give trials (a whole number >= 1).`
      : `${dist.id} needs the number of trials as a whole number >= 1 (got ${ctx.trials}).`
  }
  if (dist.discrete) {
    let count = 0
    let first = -1
    for (let i = 0; i < rows.length; i++) {
      const x = rows[i]
      if (Number.isFinite(x) && !Number.isInteger(x)) {
        if (count === 0) first = i
        count++
      }
    }
    if (count > 0) {
      return `${dist.id} needs whole numbers (counts): ${plural(count, 'value')} ${count === 1 ? 'is' : 'are'} not whole, first at row ${first + 1} (${show(rows[first])}).`
    }
  }
  let count = 0
  let first = -1
  for (let i = 0; i < rows.length; i++) {
    const x = rows[i]
    if (Number.isFinite(x) && !dist.inSupport(x, ctx)) {
      if (count === 0) first = i
      count++
    }
  }
  if (count === 0) return null
  const support = needsTrials(dist) ? `whole numbers 0..${ctx.trials}` : dist.supportText
  const what = needsTrials(dist) ? 'outside it' : complement(dist.supportText)
  return `${dist.id} needs ${support}: ${plural(count, 'value')} ${what}, first at row ${first + 1} (${show(rows[first])}).`
}
