import type { Distribution, FamilyContext, Params } from '../distributions/types'
import { FitError, RequestError } from '../errors'

/** Validated family context: the number of trials for families that need it, else nothing. */
export function familyContext(dist: Distribution, trials: number | undefined): FamilyContext {
  if (!dist.needsTrials) return {}
  if (trials === undefined) {
    throw new FitError(`${dist.label} needs the number of trials: give trials (a whole number >= 1).`)
  }
  if (!Number.isInteger(trials) || trials < 1) {
    throw new FitError(`The number of trials must be a whole number >= 1 (got ${trials}).`)
  }
  return { trials }
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
    const ok =
      Number.isFinite(value) &&
      (spec.domain === 'real' || (spec.domain === 'positive' ? value > 0 : value > 0 && value < 1))
    if (!ok) throw new RequestError(`${role} ${name} must be ${DOMAIN_WORDS[spec.domain]} (got ${value}).`)
    out[name] = value
  }
  return out
}
