import type { FitHealth } from '../../../src-shared/contract'
import { SILENT_CONTROL, type WorkControl } from '../control/work-control'
import type { Params } from '../distributions/types'
import type { LikelihoodModel } from '../likelihood/likelihood-model'
import { fitHealth } from './fit-health'
import { informationCriteria } from './information-criteria'
import { nestedTest } from './nested-test'
import { adjustNonRegular } from './non-regular'
import { profileEnds } from './profile-likelihood'
import { derivedErrors, observedInformation, type InformationSummary } from './standard-errors'

/** Profile intervals are computed for families with at most this many free parameters. */
const PROFILE_MAX_FREE = 2

/** Where the optimizer ended, as the infer stage needs it. */
export interface Optimum {
  params: Params
  logLikelihood: number
  converged: boolean
  /** The optimizer's message (the reason when not converged). */
  message?: string
}

export interface InferOptions {
  /** Profile-likelihood intervals wanted (they also need a definite information and n > free parameters). */
  profiles: boolean
  /** The estimate is a gradient-ascent end point, not the optimum (no profiles; health says why). */
  gradient: boolean
  control?: WorkControl
}

/** What the infer stage knows about the estimate's uncertainty and quality. */
export interface Inference {
  /** SEs and covariance of the free parameters (own scale); SEs null at bounds. */
  info: InformationSummary
  /** SEs of the family's derived parameters (a mixture's last weight) by name, own scale; null if none. */
  derivedErrors: Record<string, number | null>
  /** 95% profile interval per free parameter (null at an open end: one-sided), or null if not computed. */
  profiles: ([number | null, number | null] | null)[]
  aic: number
  /** null when n <= k + 1. */
  aicc: number | null
  bic: number
  health: FitHealth
}

/**
 * An estimate exactly on the edge of its domain (poisson lambda = 0 for all-zero counts, geometric p = 1)
 * is the exact answer, but the likelihood has no derivatives there: no information, no intervals.
 */
function edgeParameters(model: LikelihoodModel, params: Params): string[] {
  return model.freeNames.filter((name, j) => {
    const domain = model.domains[model.free[j]]
    const v = params[name]
    return (domain === 'positive' && v === 0) || (domain === 'unit-interval' && (v === 0 || v === 1))
  })
}

/** The information at the optimum, adjusted where the family's likelihood is not regular, with notes. */
function information(model: LikelihoodModel, params: Params): { info: InformationSummary; notes: string[] } {
  const freeNames = model.freeNames
  const onEdge = edgeParameters(model, params)
  if (onEdge.length === 0) {
    return adjustNonRegular(model.dist, params, model.sample.n, freeNames, observedInformation(model, params))
  }
  return {
    info: {
      score: freeNames.map(() => 0),
      covariance: null,
      standardErrors: freeNames.map(() => null),
      positiveDefinite: false,
      hessian: null,
    },
    notes: onEdge.map(
      (name) =>
        `${name} = ${params[name]} lies on the edge of its domain (the data allow nothing else): the estimate is exact but has no standard error or interval.`,
    ),
  }
}

async function profiles(
  model: LikelihoodModel,
  optimum: Optimum,
  info: InformationSummary,
  control: WorkControl,
): Promise<{ intervals: ([number | null, number | null] | null)[]; oneSided: string[] }> {
  control.flush()
  const { dist } = model
  control.report({
    task: 'fit',
    fraction: null,
    message: `${dist.label}: profile-likelihood intervals`,
    dist: dist.id,
  })
  const intervals: ([number | null, number | null] | null)[] = []
  const oneSided: string[] = []
  const names = model.freeNames
  for (let j = 0; j < names.length; j++) {
    if (!profiled(model, names[j])) {
      intervals.push(null)
      continue
    }
    const se = info.standardErrors[j]
    const ends = await profileEnds(model, optimum.params, optimum.logLikelihood, names[j], se, control)
    intervals.push(ends && (ends[0] !== null || ends[1] !== null) ? ends : null)
    const note = ends ? oneSidedNote(model, names[j], ends) : null
    if (note) oneSided.push(note)
  }
  return { intervals, oneSided }
}

/**
 * Profiles are computed for families with at most PROFILE_MAX_FREE free parameters, and for the parameter
 * of a family's limit (Student t nu, whose likelihood is often flat towards infinity) in any family.
 */
function profiled(model: LikelihoodModel, name: string): boolean {
  return model.free.length <= PROFILE_MAX_FREE || (model.dist.limitAdvice ?? []).some((a) => a.param === name)
}

/**
 * Says so when the profile is flat towards one edge of the parameter's domain (the likelihood stays
 * within 1.92 of its maximum all the way): the 95% interval is one-sided, bounded only on the other side.
 */
function oneSidedNote(
  model: LikelihoodModel,
  name: string,
  [lower, upper]: [number | null, number | null],
): string | null {
  if ((lower === null) === (upper === null)) return null
  const domain = model.domains[model.names.indexOf(name)]
  const edge =
    upper === null ? (domain === 'unit-interval' ? '1' : 'infinity') : domain === 'real' ? '-infinity' : '0'
  const bound = upper === null ? `${name} >= ${lower!.toPrecision(4)}` : `${name} <= ${upper.toPrecision(4)}`
  return `Profile flat towards the boundary: the interval is one-sided. The likelihood of ${name} stays within 1.92 of its maximum as ${name} goes to ${edge}, so the 95% profile interval is ${bound} with no ${upper === null ? 'upper' : 'lower'} end.`
}

/**
 * The infer stage: observed-information standard errors and covariance (adjusted for estimates on a
 * domain edge or a support boundary), 95% profile-likelihood intervals, AIC/AICc/BIC and the fit's
 * health notes. Parameters at a bound of their domain lose their standard error.
 */
export async function infer(
  model: LikelihoodModel,
  optimum: Optimum,
  options: InferOptions,
): Promise<Inference> {
  const control = options.control ?? SILENT_CONTROL
  const { params } = optimum
  const { info, notes } = information(model, params)
  const k = model.free.length
  const n = model.sample.n
  const wanted =
    options.profiles &&
    !options.gradient &&
    model.freeNames.some((name) => profiled(model, name)) &&
    info.positiveDefinite &&
    n > k
  const { intervals, oneSided } = wanted
    ? await profiles(model, optimum, info, control)
    : { intervals: [], oneSided: [] }
  const health = fitHealth(model, params, info, optimum.converged, options.gradient, optimum.message)
  health.notes.push(...oneSided)
  health.codes?.push(...oneSided.map(() => 'profile-one-sided' as const))
  const codes = health.codes ?? []
  const onEdge = edgeParameters(model, params)
  if (onEdge.length > 0) {
    // The generic "not positive definite" advice does not apply to an exact boundary answer.
    const keep = codes.map((code) => code !== 'information-not-positive-definite')
    health.notes = health.notes.filter((_, i) => keep[i])
    health.codes = codes.filter((_, i) => keep[i])
    health.atBound.push(...onEdge.filter((name) => !health.atBound.includes(name)))
  }
  health.notes.push(...notes)
  health.codes?.push(
    ...notes.map(() => (onEdge.length > 0 ? ('domain-edge' as const) : ('non-regular' as const))),
  )
  if (model.dist.likelihoodNote && optimum.converged) {
    // Beside the family's own non-regular note (the GEV's caution below xi = -0.5), one entry says both.
    const at = health.codes?.indexOf('non-regular') ?? -1
    if (at >= 0) health.notes[at] = `${health.notes[at]} ${model.dist.likelihoodNote}`
    else {
      health.notes.push(model.dist.likelihoodNote)
      health.codes?.push('non-regular')
    }
  }
  if (!options.gradient) {
    const comparison = await nestedTest(model, optimum, control)
    if (comparison) {
      health.notes.push(comparison)
      health.codes?.push('nested-model')
    }
  }
  // A parameter at the edge of its domain has no meaningful standard error.
  for (const name of health.atBound) {
    const j = model.freeNames.indexOf(name)
    if (j >= 0) info.standardErrors[j] = null
  }
  return {
    info,
    derivedErrors: derivedErrors(model, params, info.covariance),
    profiles: intervals,
    ...informationCriteria(optimum.logLikelihood, k, n),
    health,
  }
}
