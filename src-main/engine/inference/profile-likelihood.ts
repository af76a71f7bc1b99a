import { SILENT_CONTROL, type WorkControl } from '../control/work-control'
import type { Params } from '../distributions/types'
import type { LikelihoodModel } from '../likelihood/likelihood-model'
import { fromUnconstrained, toUnconstrained } from '../likelihood/reparametrize'
import { newtonRaphson } from '../optimize/newton'

/** chi-square(1) 95% quantile: the profile interval is where 2 (ll_max - ll_profile) <= 3.841. */
export const CHI2_1_95 = 3.841458820694124
const ROOT_ITERATIONS = 60
/** Stop when the log-likelihood is within this of the threshold (moves an end by ~1e-7 SE). */
const ROOT_TOLERANCE = 1e-7
const MAX_EXPANSIONS = 40

/** f(psi) = ll_p(psi) - threshold: positive inside the interval, <= 0 (or -Infinity) outside. */
type Drop = (psi: number) => Promise<number>

/** A bracket of one end: psi inside (f > 0) and outside (f <= 0), with f at each. */
interface Bracket {
  inside: number
  fInside: number
  outside: number
  fOutside: number
}

/**
 * Steps out from the optimum along `direction` on the unconstrained scale until f drops to <= 0. Null when
 * it never does within a factor e^30 (log/logit scales) or 1e6 data spreads (that side is unbounded, e.g.
 * negative_binomial size on data without over-dispersion).
 */
async function bracketEnd(
  f: Drop,
  center: number,
  levels: { maxLogLik: number; target: number },
  step: number,
  direction: 1 | -1,
  limit: number,
  control: WorkControl,
): Promise<Bracket | null> {
  const { maxLogLik, target } = levels
  let inside = center
  let fInside = maxLogLik - target
  let delta = step
  for (let e = 0; e < MAX_EXPANSIONS; e++) {
    await control.checkpoint()
    if (delta > limit) return null
    const psi = center + direction * delta
    const value = await f(psi)
    if (!(value > 0))
      return { inside, fInside, outside: psi, fOutside: Number.isNaN(value) ? -Infinity : value }
    inside = psi
    fInside = value
    // Next try from the quadratic model D(delta) ~ c delta² through this point (exact for large n),
    // overshooting by 5% so the root is usually bracketed on the next evaluation.
    const deviance = 2 * (maxLogLik - (value + target))
    const grow = deviance > 0 ? 1.05 * Math.sqrt(CHI2_1_95 / deviance) : 2
    delta *= Math.min(Math.max(grow, 1.1), 4)
  }
  return null
}

/**
 * Illinois (modified regula falsi) inside a bracket: superlinear, a handful of profile fits per end;
 * bisection while the outer value is -Infinity (parameters the data rule out). Returns the psi with the
 * smallest |f| seen.
 */
async function illinois(f: Drop, b: Bracket): Promise<number> {
  let { inside, fInside, outside, fOutside } = b
  let side = 0
  let best = Math.abs(fInside) <= Math.abs(fOutside) ? inside : outside
  let bestF = Math.min(Math.abs(fInside), Math.abs(fOutside))
  for (let it = 0; it < ROOT_ITERATIONS; it++) {
    const psi =
      Number.isFinite(fOutside) && fInside - fOutside > 0
        ? (inside * fOutside - outside * fInside) / (fOutside - fInside)
        : 0.5 * (inside + outside)
    if (!(psi !== inside && psi !== outside)) break
    const value = await f(psi)
    if (Math.abs(value) < bestF) {
      best = psi
      bestF = Math.abs(value)
    }
    if (value > 0) {
      inside = psi
      fInside = value
      if (side === 1 && Number.isFinite(fOutside)) fOutside /= 2
      side = 1
    } else {
      outside = psi
      fOutside = Number.isNaN(value) ? -Infinity : value
      if (side === -1) fInside /= 2
      side = -1
    }
    if (
      Math.abs(value) <= ROOT_TOLERANCE ||
      Math.abs(outside - inside) <= 1e-12 * Math.max(1, Math.abs(inside))
    )
      break
  }
  return best
}

/** First step out, on the unconstrained scale: the Wald half-width, or a small move without an SE. */
function initialStep(model: LikelihoodModel, name: string, value: number, seHint: number | null): number {
  const domain = model.domains[model.names.indexOf(name)]
  if (seHint !== null && seHint > 0) {
    const slope = domain === 'positive' ? value : domain === 'unit-interval' ? value * (1 - value) : 1
    return (1.96 * seHint) / slope
  }
  return domain === 'real' ? 0.1 * model.scale : 0.1
}

/**
 * 95% profile-likelihood interval of one free parameter: the set where 2 (ll_max - ll_p(psi)) <= 3.841,
 * ll_p(psi) maximizing over the other free parameters with psi held fixed (the family's exact shortcut, or
 * Newton warm-started from the last inner fit). Each end is found by stepping out on the unconstrained scale
 * until the drop exceeds the threshold, then Illinois root finding; an end is null where it cannot be
 * bracketed (the profile stays within 1.92 of its maximum up to the domain's edge: a one-sided interval,
 * Student t nu towards infinity). Null when no end can be searched for.
 */
export async function profileEnds(
  model: LikelihoodModel,
  optimum: Params,
  maxLogLik: number,
  name: string,
  seHint: number | null,
  control: WorkControl = SILENT_CONTROL,
): Promise<[number | null, number | null] | null> {
  const index = model.names.indexOf(name)
  const domain = model.domains[index]
  const others = model.free.filter((i) => i !== index)
  const target = maxLogLik - CHI2_1_95 / 2
  let warm: Params = { ...optimum }
  const drop: Drop = async (psi) => {
    const value = fromUnconstrained(domain, psi)
    if (others.length === 0) return model.logLikelihood({ ...optimum, [name]: value }) - target
    const exact =
      others.length === 1 ? model.dist.profileShortcut?.(model.sample, name, value, optimum) : null
    if (exact) return (exact.logLikelihood ?? model.logLikelihood(exact.params)) - target
    const inner = model.holding({ [name]: value })
    const r = await newtonRaphson(
      inner,
      { ...warm, [name]: value },
      { maxIterations: 100, tolerance: 1e-12, control, recorder: null },
    )
    if (Number.isFinite(r.logLikelihood)) warm = r.params
    return r.logLikelihood - target
  }
  const center = toUnconstrained(domain, optimum[name])
  const step = initialStep(model, name, optimum[name], seHint)
  if (!(step > 0) || !Number.isFinite(step)) return null
  const limit = domain === 'real' ? 1e6 * model.scale : 30
  const end = async (direction: 1 | -1): Promise<number | null> => {
    warm = { ...optimum }
    const bracket = await bracketEnd(drop, center, { maxLogLik, target }, step, direction, limit, control)
    if (!bracket) return null
    const value = fromUnconstrained(domain, await illinois(drop, bracket))
    return Number.isFinite(value) ? value : null
  }
  return [await end(-1), await end(1)]
}
