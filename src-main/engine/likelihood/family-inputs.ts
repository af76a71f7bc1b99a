import type { Distribution, FamilyContext, Params } from '../distributions/types'
import { FitError, RequestError } from '../errors'

/** What the user fixes besides parameters: binomial trials, a threshold for peaks-over-threshold families. */
export interface ContextInput {
  trials?: number
  threshold?: number
}

/** Validated family context: the number of trials or the threshold for families that need them, else nothing. */
export function familyContext(dist: Distribution, input: ContextInput): FamilyContext {
  const ctx: FamilyContext = {}
  if (dist.needsTrials) {
    const { trials } = input
    if (trials === undefined) {
      throw new FitError(`${dist.label} needs the number of trials: give trials (a whole number >= 1).`)
    }
    if (!Number.isInteger(trials) || trials < 1) {
      throw new FitError(`The number of trials must be a whole number >= 1 (got ${trials}).`)
    }
    ctx.trials = trials
  }
  if (dist.needsThreshold) {
    const { threshold } = input
    if (threshold === undefined || !Number.isFinite(threshold)) {
      throw new FitError(
        `${dist.label} needs a threshold: give threshold (a number; the fit uses the values above it).`,
      )
    }
    ctx.threshold = threshold
  }
  return ctx
}

/**
 * The family with the number of components the request asks for (a mixture; its parameter list depends
 * on it), or the family itself. Other families ignore `components`; `auto` is chosen before this
 * (fit/choose-components.ts).
 */
export function resolveFamily(dist: Distribution, components?: number | 'auto'): Distribution {
  if (!dist.components || components === undefined) return dist
  if (components === 'auto') {
    throw new RequestError(`components "auto" is chosen by fitting each K; give a number here.`)
  }
  if (!(Number.isInteger(components) && components >= 1 && components <= dist.components.max)) {
    throw new RequestError(`${dist.label} has 1 to ${dist.components.max} components (got ${components}).`)
  }
  return dist.components.of(components)
}

/** Fewest exceedances a threshold family is fitted to. */
const MIN_EXCEEDANCES = 3

/**
 * The values a family is fitted to: for a threshold family only those above the threshold (its
 * exceedances, still sorted), else all of them. Throws FitError when too few values exceed it.
 */
export function familyValues(dist: Distribution, sorted: Float64Array, ctx: FamilyContext): Float64Array {
  if (!dist.needsThreshold || ctx.threshold === undefined) return sorted
  const u = ctx.threshold
  let first = sorted.length
  while (first > 0 && sorted[first - 1] > u) first--
  const used = sorted.subarray(first)
  if (used.length < MIN_EXCEEDANCES) {
    throw new FitError(
      `Only ${used.length} value${used.length === 1 ? '' : 's'} exceed${used.length === 1 ? 's' : ''} the threshold ${u}: ${dist.label} needs at least ${MIN_EXCEEDANCES}. Choose a lower threshold.`,
    )
  }
  return used
}

const DOMAIN_WORDS = {
  real: 'a finite number',
  positive: 'a number > 0',
  'unit-interval': 'a number between 0 and 1',
} as const

/** Checks user-given parameter values (fixed or start): known names, finite values inside each domain. */
export function validateFixed(
  dist: Distribution,
  fixed: Record<string, number> = {},
  role: 'Fixed' | 'Start' = 'Fixed',
): Params {
  const out: Params = {}
  for (const [name, value] of Object.entries(fixed)) {
    const spec = dist.params.find((p) => p.name === name)
    if (!spec) {
      throw new RequestError(
        `${dist.label} has no parameter "${name}" (its parameters: ${dist.params.map((p) => p.name).join(', ')}).`,
      )
    }
    if (spec.derived) {
      throw new RequestError(`${role} ${name} cannot be given: the other parameters determine it.`)
    }
    const ok =
      Number.isFinite(value) &&
      (spec.domain === 'real' || (spec.domain === 'positive' ? value > 0 : value > 0 && value < 1))
    if (!ok) throw new RequestError(`${role} ${name} must be ${DOMAIN_WORDS[spec.domain]} (got ${value}).`)
    out[name] = value
  }
  return out
}

/**
 * The frequency weights of `familyValues`: the kept values are the sorted column's largest ones (a suffix),
 * so their weights are the same suffix of the column's sorted weights.
 */
export function familyWeights(
  sortedWeights: Float64Array | undefined | null,
  sorted: Float64Array,
  used: Float64Array,
): Float64Array | undefined {
  if (!sortedWeights) return undefined
  return used === sorted ? sortedWeights : sortedWeights.subarray(sorted.length - used.length)
}
