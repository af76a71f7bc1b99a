import type { SupportRange } from '../../../src-shared/contract'
import type { Distribution, FamilyContext } from './types'

/** The real line: normal, logistic, cauchy, ... */
export const REAL_LINE: SupportRange = {
  lower: -Infinity,
  upper: Infinity,
  lowerClosed: false,
  upperClosed: false,
  integer: false,
  upperIsTrials: false,
  estimatedEnds: false,
}

/** x > 0. */
export const POSITIVE: SupportRange = { ...REAL_LINE, lower: 0 }

/** x >= 0. */
export const NON_NEGATIVE: SupportRange = { ...POSITIVE, lowerClosed: true }

/** Counts 0, 1, 2, ... */
export const COUNTS: SupportRange = { ...NON_NEGATIVE, integer: true }

/** Whether a binomial trials count is usable: a positive integer below 2^53. */
export function isTrials(n: number | undefined): n is number {
  return n !== undefined && n >= 1 && n <= Number.MAX_SAFE_INTEGER && Math.floor(n) === n
}

/** Whether x is a count: a non-negative integer below 2^53. */
export function isCount(x: number): boolean {
  return x >= 0 && x <= Number.MAX_SAFE_INTEGER && Math.floor(x) === x
}

/** The upper end in force: the trials count when the range ends there and it is known. */
function upperEnd(range: SupportRange, ctx?: FamilyContext): number {
  return range.upperIsTrials && isTrials(ctx?.trials) ? ctx.trials : range.upper
}

/**
 * The membership test of a family's support as one closure (built once per scan of a column): whether x
 * can be a draw for some valid parameters. Whole numbers stop at 2^53; infinities are never in a support.
 */
export function supportTest(dist: Distribution, ctx?: FamilyContext): (x: number) => boolean {
  const { lower, lowerClosed, upperClosed, integer } = dist.support
  const upper = upperEnd(dist.support, ctx)
  const top = integer ? Math.min(upper, Number.MAX_SAFE_INTEGER) : upper
  return (x) =>
    (lowerClosed ? x >= lower : x > lower) &&
    (upperClosed || integer ? x <= top : x < top) &&
    x < Infinity &&
    x > -Infinity &&
    (!integer || Math.floor(x) === x)
}

/** Whether x is in the family's support (see supportTest). */
export function inSupport(dist: Distribution, x: number, ctx?: FamilyContext): boolean {
  return supportTest(dist, ctx)(x)
}

/** Plain-words support for messages and the picker: `x > 0`, `0 < x < 1`, `x = 0, 1, 2, …`. */
export function supportText(range: SupportRange): string {
  const { lower, upper, lowerClosed, upperClosed } = range
  if (range.integer) {
    if (range.upperIsTrials) return `x = ${lower}, ${lower + 1}, …, trials`
    if (upper === lower + 1) return `x = ${lower} or ${upper}`
    if (upper === Infinity) return `x = ${lower}, ${lower + 1}, ${lower + 2}, …`
    return `x = ${lower}, ${lower + 1}, …, ${upper}`
  }
  const below = lower === -Infinity ? '' : `${lower} ${lowerClosed ? '≤' : '<'} `
  const above = upper === Infinity ? '' : ` ${upperClosed ? '≤' : '<'} ${upper}`
  if (!below && !above) return 'any real x'
  if (!below) return `x${above}`
  if (!above) return `x ${lowerClosed ? '≥' : '>'} ${lower}`
  return `${below}x${above}`
}

/** The values a one-sided support rules out, for messages: `<= 0` for x > 0, `< 0` for x ≥ 0. */
export function complementText(range: SupportRange): string {
  if (range.integer || range.upper !== Infinity || range.lower === -Infinity) return 'outside it'
  return range.lowerClosed ? `< ${range.lower}` : `<= ${range.lower}`
}
