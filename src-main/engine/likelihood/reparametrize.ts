import type { ParamDomain } from '../distributions/types'

/** Unconstrained value theta of a parameter: identity (real), log (positive), logit (unit interval). */
export function toUnconstrained(domain: ParamDomain, p: number): number {
  if (domain === 'positive') return Math.log(p)
  if (domain === 'unit-interval') return Math.log(p) - Math.log1p(-p)
  return p
}

/** The parameter from its unconstrained value: identity, exp, or the logistic function. */
export function fromUnconstrained(domain: ParamDomain, t: number): number {
  if (domain === 'positive') return Math.exp(t)
  if (domain === 'unit-interval') return t >= 0 ? 1 / (1 + Math.exp(-t)) : Math.exp(t) / (1 + Math.exp(t))
  return t
}

/** dp/dtheta at parameter value p: 1, p, or p (1 - p). */
export function firstDerivative(domain: ParamDomain, p: number): number {
  if (domain === 'positive') return p
  if (domain === 'unit-interval') return p * (1 - p)
  return 1
}

/** d2p/dtheta2 at parameter value p: 0, p, or p (1 - p) (1 - 2p). */
export function secondDerivative(domain: ParamDomain, p: number): number {
  if (domain === 'positive') return p
  if (domain === 'unit-interval') return p * (1 - p) * (1 - 2 * p)
  return 0
}
