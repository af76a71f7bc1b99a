import type { HealthCode } from '../../../src-shared/contract'
import type { LikelihoodModel } from '../likelihood/likelihood-model'
import { fitHealth } from './fit-health'
import type { Inference, Optimum } from './infer'
import { informationCriteria } from './information-criteria'
import { derivedErrors, observedInformation, type InformationSummary } from './standard-errors'

/** What the result says about a maximum-product-of-spacings fit, beside its numbers. */
export const SPACINGS_NOTE =
  'Maximum product of spacings (Cheng & Amin 1983), not maximum likelihood: it maximizes the sum of the log gaps of the fitted CDF between sorted values, which stays bounded where the likelihood of a threshold family grows without bound as the threshold reaches the smallest value, and agrees with maximum likelihood in large samples where that is regular. The log-likelihood, AIC and BIC shown are the true ones at these estimates; the spacings objective is shown apart. No profile-likelihood intervals or likelihood-ratio tests (they assume the likelihood maximum); goodness-of-fit p-values are asymptotic.'

function withoutErrors(info: InformationSummary): InformationSummary {
  return { ...info, covariance: null, standardErrors: info.standardErrors.map(() => null) }
}

/**
 * The infer stage of an MPS fit: standard errors from the observed information of the likelihood at
 * the estimates (MPS is asymptotically equivalent to maximum likelihood where that is regular), omitted
 * with the reason where the family says the likelihood is not regular there; no profiles, no nested
 * test; the likelihood's score is not zero at an MPS estimate by design, so that finding is left out.
 */
export function inferSpacings(model: LikelihoodModel, optimum: Optimum): Inference {
  const { params } = optimum
  const n = model.sample.n
  const regular = model.dist.nonRegular?.(params, n, model.freeNames) ?? null
  const observed = observedInformation(model, params)
  const info = regular ? withoutErrors(observed) : observed
  const health = fitHealth(model, params, info, optimum.converged, false, optimum.message)
  const codes: HealthCode[] = health.codes ?? []
  const keep = codes.map((code) => code !== 'score-not-zero')
  health.notes = health.notes.filter((_, i) => keep[i])
  health.codes = codes.filter((_, i) => keep[i])
  const add = (code: HealthCode, note: string) => {
    health.notes.push(note)
    health.codes?.push(code)
  }
  add('mps-method', SPACINGS_NOTE)
  if (regular) {
    // The family's own note speaks of its maximum-likelihood estimate; a caution says why in general.
    const why = 'caution' in regular ? ` ${regular.caution}` : ''
    add(
      'non-regular',
      `Standard errors are omitted: they would come from the observed information of the likelihood, which is not regular at these estimates (unbounded or not smooth near them).${why}`,
    )
  }
  const k = model.free.length
  return {
    info,
    derivedErrors: derivedErrors(model, params, info.covariance),
    profiles: [],
    ...informationCriteria(optimum.logLikelihood, k, n),
    health,
  }
}
