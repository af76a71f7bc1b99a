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

/**
 * 95% profile-likelihood interval of one free parameter: the set where 2 (ll_max - ll_p(psi)) <= 3.841,
 * ll_p(psi) maximizing over the other free parameters with psi held fixed (Newton, warm-started). Each end
 * is found by stepping out on the unconstrained scale until the drop exceeds the threshold, then Illinois root finding.
 * Null when an end cannot be bracketed (the likelihood stays high up to the domain's edge).
 */
export async function profileInterval(
  model: LikelihoodModel,
  optimum: Params,
  maxLogLik: number,
  name: string,
  seHint: number | null,
  control: WorkControl = SILENT_CONTROL,
): Promise<[number, number] | null> {
  const index = model.names.indexOf(name)
  const domain = model.domains[index]
  const others = model.free.filter((i) => i !== index)
  const target = maxLogLik - CHI2_1_95 / 2
  let warm: Params = { ...optimum }
  const profile = async (psi: number): Promise<number> => {
    const value = fromUnconstrained(domain, psi)
    if (others.length === 0) return model.logLikelihood({ ...optimum, [name]: value })
    const exact =
      others.length === 1 ? model.dist.profileShortcut?.(model.sample, name, value, optimum) : null
    if (exact) return model.logLikelihood(exact)
    const inner = model.holding({ [name]: value })
    const r = await newtonRaphson(
      inner,
      { ...warm, [name]: value },
      { maxIterations: 100, tolerance: 1e-12, control, recorder: null },
    )
    if (Number.isFinite(r.logLikelihood)) warm = r.params
    return r.logLikelihood
  }
  const center = toUnconstrained(domain, optimum[name])
  // Initial step: the Wald half-width on the unconstrained scale, or a small relative move without an SE.
  let step = 0.1
  if (seHint !== null && seHint > 0) {
    const own = optimum[name]
    const slope = domain === 'positive' ? own : domain === 'unit-interval' ? own * (1 - own) : 1
    step = (1.96 * seHint) / slope
  } else if (domain === 'real') {
    step = 0.1 * model.scale
  }
  if (!(step > 0) || !Number.isFinite(step)) return null
  const end = async (direction: 1 | -1): Promise<number | null> => {
    warm = { ...optimum }
    // f(psi) = ll_p(psi) - target: positive inside the interval, <= 0 (or -Infinity) outside.
    let inside = center
    let fInside = maxLogLik - target
    let delta = step
    let outside = NaN
    let fOutside = NaN
    for (let e = 0; e < MAX_EXPANSIONS; e++) {
      await control.checkpoint()
      // Beyond a factor e^30 (log/logit scales) or 1e6 data spreads the likelihood never drops enough:
      // that side is unbounded (e.g. negative_binomial size on data without over-dispersion).
      if (delta > (domain === 'real' ? 1e6 * model.scale : 30)) return null
      const psi = center + direction * delta
      const f = (await profile(psi)) - target
      if (!(f > 0)) {
        outside = psi
        fOutside = Number.isNaN(f) ? -Infinity : f
        break
      }
      inside = psi
      fInside = f
      // Next try from the quadratic model D(delta) ~ c delta² through this point (exact for large n),
      // overshooting by 5% so the root is usually bracketed on the next evaluation.
      const deviance = 2 * (maxLogLik - (f + target))
      const grow = deviance > 0 ? 1.05 * Math.sqrt(CHI2_1_95 / deviance) : 2
      delta *= Math.min(Math.max(grow, 1.1), 4)
    }
    if (Number.isNaN(outside)) return null
    // Illinois (modified regula falsi): superlinear, a handful of profile fits per end; bisection while
    // the outer value is -Infinity (parameters the data rule out).
    let side = 0
    let best = Math.abs(fInside) <= Math.abs(fOutside) ? inside : outside
    let bestF = Math.min(Math.abs(fInside), Math.abs(fOutside))
    for (let it = 0; it < ROOT_ITERATIONS; it++) {
      const psi =
        Number.isFinite(fOutside) && fInside - fOutside > 0
          ? (inside * fOutside - outside * fInside) / (fOutside - fInside)
          : 0.5 * (inside + outside)
      if (!(psi !== inside && psi !== outside)) break
      const f = (await profile(psi)) - target
      if (Math.abs(f) < bestF) {
        best = psi
        bestF = Math.abs(f)
      }
      if (f > 0) {
        inside = psi
        fInside = f
        if (side === 1 && Number.isFinite(fOutside)) fOutside /= 2
        side = 1
      } else {
        outside = psi
        fOutside = Number.isNaN(f) ? -Infinity : f
        if (side === -1) fInside /= 2
        side = -1
      }
      if (
        Math.abs(f) <= ROOT_TOLERANCE ||
        Math.abs(outside - inside) <= 1e-12 * Math.max(1, Math.abs(inside))
      )
        break
    }
    const value = fromUnconstrained(domain, best)
    return Number.isFinite(value) ? value : null
  }
  const lower = await end(-1)
  const upper = await end(1)
  if (lower === null || upper === null) return null
  return [lower, upper]
}
