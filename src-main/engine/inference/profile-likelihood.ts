import type { Params } from '../distributions/types'
import { LikelihoodModel } from '../fit/likelihood-model'
import { SILENT_CONTROL, type FitControl } from '../fit/fit-control'
import { newtonRaphson } from '../fit/newton'
import { fromUnconstrained, toUnconstrained } from '../fit/reparametrize'

/** chi-square(1) 95% quantile: the profile interval is where 2 (ll_max - ll_profile) <= 3.841. */
export const CHI2_1_95 = 3.841458820694124
const BISECTIONS = 60
const MAX_EXPANSIONS = 40

/**
 * 95% profile-likelihood interval of one free parameter: the set where 2 (ll_max - ll_p(psi)) <= 3.841,
 * ll_p(psi) maximizing over the other free parameters with psi held fixed (Newton, warm-started). Each end
 * is found by stepping out on the unconstrained scale until the drop exceeds the threshold, then bisection.
 * Null when an end cannot be bracketed (the likelihood stays high up to the domain's edge).
 */
export async function profileInterval(
  model: LikelihoodModel,
  optimum: Params,
  maxLogLik: number,
  name: string,
  seHint: number | null,
  control: FitControl = SILENT_CONTROL,
): Promise<[number, number] | null> {
  const index = model.names.indexOf(name)
  const domain = model.domains[index]
  const others = model.free.filter((i) => i !== index)
  const target = maxLogLik - CHI2_1_95 / 2
  let warm: Params = { ...optimum }
  const profile = async (psi: number): Promise<number> => {
    const value = fromUnconstrained(domain, psi)
    if (others.length === 0) return model.logLikelihood({ ...optimum, [name]: value })
    const inner = new LikelihoodModel(model.dist, model.data, model.ctx, { ...model.fixed, [name]: value })
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
    let inside = center
    let delta = step
    let outside = NaN
    for (let e = 0; e < MAX_EXPANSIONS; e++) {
      await control.checkpoint()
      const psi = center + direction * delta
      const ll = await profile(psi)
      if (!(ll > target)) {
        outside = psi
        break
      }
      inside = psi
      delta *= 2
    }
    if (Number.isNaN(outside)) return null
    for (let b = 0; b < BISECTIONS; b++) {
      const mid = 0.5 * (inside + outside)
      if (mid === inside || mid === outside) break
      const ll = await profile(mid)
      if (ll > target) inside = mid
      else outside = mid
      if (Math.abs(outside - inside) <= 1e-10 * Math.max(1, Math.abs(inside))) break
    }
    const value = fromUnconstrained(domain, 0.5 * (inside + outside))
    return Number.isFinite(value) ? value : null
  }
  const lower = await end(-1)
  const upper = await end(1)
  if (lower === null || upper === null) return null
  return [lower, upper]
}
