import { limitsPassed, UNIT_EDGE } from '../distributions/limits'
import type { LimitAdvice, Params } from '../distributions/types'
import type { LikelihoodModel } from '../likelihood/likelihood-model'
import { cholesky, choleskySolve, type Matrix } from '../linear-algebra/cholesky'
import type { OptimizeResult, ShownValue } from './optimizer-types'

/**
 * Largest predicted gain (log-likelihood units) still called a maximum: far below anything a likelihood
 * ratio can see (a 95% interval spans 1.92 units), above the rounding of the log-likelihood's own sums.
 */
const GAIN_ABSOLUTE = 1e-6
const GAIN_RELATIVE = 1e-10

/** What the final check found at an optimizer's end point. */
export type MaximumCheck =
  | { ok: true; gain: number }
  | {
      ok: false
      gain: number
      reason: 'not-a-maximum' | 'short' | 'no-finite-maximum' | 'unrepresentable'
      message: string
    }

const negate = (m: Matrix): Matrix => m.map((row) => row.map((h) => -h))

/** Cholesky of -H in theta: the analytic Hessian, else differences of the score (see newton.ts). */
function negativeHessianFactor(model: LikelihoodModel, params: Params, hessian: Matrix): Matrix | null {
  const analytic = cholesky(negate(hessian))
  if (analytic) return analytic
  const numeric = model.thetaHessianFromScores(params)
  return numeric ? cholesky(negate(numeric)) : null
}

const asIs: ShownValue = (_name, value) => value

const limitMessage = (advice: LimitAdvice, params: Params, shown: ShownValue) =>
  `No finite maximum: the likelihood keeps rising as ${advice.param} grows (${advice.param} = ${shown(advice.param, params[advice.param]).toPrecision(3)} when the optimizer stopped). ${advice.note}`

/**
 * The family's limit these parameters are past with the likelihood still rising towards it (`rising` of
 * the parameter's theta-score), or at (`atLimit`): the likelihood has no finite maximum there.
 */
function runawayLimit(
  model: LikelihoodModel,
  params: Params,
  score: number[],
  rising: (g: number) => boolean,
): LimitAdvice | undefined {
  return limitsPassed(model.dist, model.sample, params).find((a) => {
    const j = model.freeNames.indexOf(a.param)
    return j >= 0 && (a.atLimit || rising(score[j]))
  })
}

/**
 * The message when the parameters sit at the boundary where the family is a simpler one it nests (zip's
 * pi = 0 is poisson) with the likelihood still rising towards it: the maximum is on the boundary, which the
 * optimizer's scale (logit pi) reaches only at infinity, so no start or iteration count finds it inside.
 */
function nestedBoundary(
  model: LikelihoodModel,
  params: Params,
  score: number[],
  towards: (g: number) => boolean = (g) => g < 0,
): string | null {
  const nest = model.dist.nestedAt
  const j = nest?.onBoundary ? model.freeNames.indexOf(nest.param) : -1
  if (!nest || j < 0 || nest.value !== 0 || model.domains[model.free[j]] !== 'unit-interval') return null
  const v = params[nest.param]
  if (!(v < UNIT_EDGE && towards(score[j]))) return null
  return `No maximum inside the parameter space: the likelihood keeps rising as ${nest.param} shrinks towards 0 (${nest.param} = ${v.toPrecision(2)} when the optimizer stopped). At ${nest.param} = 0 ${model.dist.id} is ${nest.family}: the counts have no excess zeros; fit ${nest.family} instead.`
}

/**
 * Whether an unconverged end point ran off past a family's limit with the likelihood not falling (student
 * t's nu towards the normal): then other starts climb the same slope, and `autoEstimate` stops trying.
 */
export function ranPastLimit(model: LikelihoodModel, params: Params): boolean {
  if (model.free.length === 0) return false
  const { score } = model.thetaDerivatives(params)
  return (
    runawayLimit(model, params, score, (g) => g > 0) !== undefined ||
    nestedBoundary(model, params, score) !== null
  )
}

/**
 * The one test every optimizer's "converged" must pass before it is reported: at the end point the
 * negative Hessian (theta scale) is positive definite, so it is a maximum and not a saddle or a ridge, and
 * the Newton decrement g' (-H)^-1 g / 2, the gain a Newton step predicts, is negligible. The decrement is
 * invariant to how the parameters are scaled (unlike |gradient| or a change in the log-likelihood, which
 * L-BFGS stops on and which is small on a plateau far from the optimum). A family with a limit (student t
 * nu -> infinity) whose parameter is past it and still rising has no finite maximum.
 */
export function checkMaximum(model: LikelihoodModel, params: Params, shown: ShownValue = asIs): MaximumCheck {
  if (model.free.length === 0) return { ok: true, gain: 0 }
  const d = model.thetaDerivatives(params)
  const advice = runawayLimit(model, params, d.score, (g) => g > 0)
  if (advice)
    return { ok: false, gain: NaN, reason: 'no-finite-maximum', message: limitMessage(advice, params, shown) }
  const boundary = nestedBoundary(model, params, d.score)
  if (boundary) return { ok: false, gain: NaN, reason: 'no-finite-maximum', message: boundary }
  const factor = d.score.every(Number.isFinite) ? negativeHessianFactor(model, params, d.hessian) : null
  if (!factor) {
    return {
      ok: false,
      gain: NaN,
      reason: 'not-a-maximum',
      message:
        'The optimizer stopped where the likelihood is not curved downwards in every direction (a saddle point or a flat ridge), so this is not a maximum; the estimates are not the maximum-likelihood ones. Try another method or start values.',
    }
  }
  const step = choleskySolve(factor, d.score)
  const gain = 0.5 * step.reduce((s, v, i) => s + v * d.score[i], 0)
  const negligible = GAIN_ABSOLUTE + GAIN_RELATIVE * Math.abs(d.logLikelihood)
  if (gain <= negligible) {
    const loss = roundingLoss(model, params, factor)
    if (!(loss > negligible)) return { ok: true, gain }
    return { ok: false, gain, reason: 'unrepresentable', message: unrepresentableMessage(loss) }
  }
  return {
    ok: false,
    gain,
    reason: 'short',
    message: `The optimizer stopped short of the maximum: a Newton step from here would still gain about ${gain.toPrecision(3)} in log-likelihood. Run more iterations or use newton.`,
  }
}

/** Half the spacing of doubles, relative: the rounding of a parameter written as a double. */
const HALF_ULP = Number.EPSILON / 2

/**
 * The log-likelihood the curvature says is lost by rounding each free parameter by half an ulp,
 * 1/2 sum_j dtheta_j^2 (-H)_jj in theta (the diagonal of -H = L L'): a sharp ridge (a gamma shape of 1e31
 * on nearly constant data, its rate tied to it) loses units there, and other doubles nearby fit better.
 */
function roundingLoss(model: LikelihoodModel, params: Params, factor: Matrix): number {
  let loss = 0
  model.free.forEach((i, j) => {
    const v = params[model.names[i]]
    const domain = model.domains[i]
    const step =
      domain === 'positive'
        ? HALF_ULP
        : domain === 'unit-interval'
          ? HALF_ULP / (1 - v)
          : HALF_ULP * Math.abs(v)
    const curvature = factor[j].reduce((s, l) => s + l * l, 0)
    loss += 0.5 * step * step * curvature
  })
  return loss
}

const unrepresentableMessage = (loss: number) =>
  `The maximum is too sharp for double precision: rounding the estimates to the nearest doubles alone moves the log-likelihood by about ${loss.toPrecision(2)}, so the estimates are the maximum only to rounding and the log-likelihood shown (the true one at them) is not the maximum's. With a location far from 0 for its spread, subtract a round number from the column and fit again; with a shape this extreme, a simpler limiting family (the normal for a gamma) describes the data as well.`

/** How many half-ulps the second differences of `representable` step: far above the sum's rounding. */
const PROBE_ULPS = 1000

/**
 * The rounding loss of `roundingLoss` measured instead of derived: along each free parameter v, the second
 * difference ll(v) - (ll(v + h) + ll(v - h)) / 2 at h = PROBE_ULPS half-ulps of v is (curvature) h^2 / 2,
 * so it divided by PROBE_ULPS^2 is what rounding v by half an ulp loses. 2p + 1 passes of the family's
 * likelihood, where a Hessian of a family without analytic derivatives costs dozens (Laplace: 0.3 s per
 * 1M-value fit). Null where a probe leaves the domain (a probability within 1e-13 of 1).
 */
function probedRoundingLoss(model: LikelihoodModel, params: Params, ll: number): number | null {
  let loss = 0
  for (const i of model.free) {
    const name = model.names[i]
    const v = params[name]
    const h = PROBE_ULPS * HALF_ULP * Math.abs(v)
    if (h === 0) continue
    const up = model.logLikelihood({ ...params, [name]: v + h })
    const down = model.logLikelihood({ ...params, [name]: v - h })
    if (!Number.isFinite(up) || !Number.isFinite(down)) return null
    loss += Math.max(0, ll - (up + down) / 2) / (PROBE_ULPS * PROBE_ULPS)
  }
  return loss
}

/**
 * An exact (closed-form) estimate as a result: converged unless the maximum is too sharp for doubles
 * (then the rounding check's words), which only the final check of the iterative methods would see.
 */
export function representable(model: LikelihoodModel, result: OptimizeResult): OptimizeResult {
  if (!result.converged || model.free.length === 0) return result
  const ll = model.logLikelihood(result.params)
  const loss = probedRoundingLoss(model, result.params, ll)
  if (loss === null || !(loss > GAIN_ABSOLUTE + GAIN_RELATIVE * Math.abs(ll))) return result
  return { ...result, converged: false, message: unrepresentableMessage(loss), explained: true }
}

/** An optimizer's result with its "converged" confirmed by `checkMaximum` (or withdrawn, with the reason). */
export function confirmed(
  model: LikelihoodModel,
  result: OptimizeResult,
  shown: ShownValue = asIs,
): OptimizeResult {
  if (!result.converged) return result
  const check = checkMaximum(model, result.params, shown)
  if (check.ok) return result
  return { ...result, converged: false, message: check.message, explained: true }
}

/** A positive parameter this far below its own unit (see `collapsedBelow`) has collapsed towards 0. */
const COLLAPSED = 1e-8

/**
 * The size below which a positive parameter counts as collapsed, in its own units (the family's
 * `unitPowers`): a scale (power 1) against the smallest gap between distinct values, below which the
 * likelihood is a power of the scale set by the ties alone; a rate (power -1) against 1 / the spread; a
 * dimensionless shape (power 0) against 1. Null when the family does not say (no claim is made).
 */
function collapsedBelow(model: LikelihoodModel, name: string): number | null {
  const power = model.dist.unitPowers?.[name]
  if (power === undefined || power === 'log') return null
  if (power === 0) return COLLAPSED
  if (power < 0) return COLLAPSED / model.scale
  const gap = smallestGap(model.sample.values)
  return gap > 0 ? COLLAPSED * gap : null
}

/** The smallest positive difference between sorted values (0 when all are equal). */
function smallestGap(sorted: Float64Array): number {
  let gap = Infinity
  for (let i = 1; i < sorted.length; i++) {
    const d = sorted[i] - sorted[i - 1]
    if (d > 0) gap = Math.min(gap, d)
  }
  return Number.isFinite(gap) ? gap : 0
}

/**
 * Says why an optimizer that ran out of iterations did: when a positive parameter has collapsed towards 0
 * with the likelihood still rising as it shrinks (the Cauchy on data with more than half the values tied),
 * the likelihood has no maximum and more iterations cannot help; other results are returned as they are.
 * `shown` gives a parameter's value in the data's units (a rescaled copy's fit quotes no copy values).
 */
export function explainUnconverged(
  model: LikelihoodModel,
  result: OptimizeResult,
  shown: ShownValue = asIs,
): OptimizeResult {
  if (result.converged || result.explained || model.free.length === 0) return result
  // Past a limit the family is at (burr k -> weibull, or c -> infinity on tied data), or past one with the
  // likelihood still not falling (student t's nu -> infinity on light tails), that is the reason.
  // An end point past a limit is explained by it even where the score there is rounding noise (zinb's size
  // at 1e9 with pi at 1e-16 on counts with no zeros): the optimizer has already failed to turn back.
  const score = model.thetaDerivatives(result.params).score
  const limit = runawayLimit(model, result.params, score, (g) => g >= 0)
  if (limit) return { ...result, message: limitMessage(limit, result.params, shown) }
  const boundary = nestedBoundary(model, result.params, score, (g) => g <= 0)
  if (boundary) return { ...result, message: boundary }
  const runaway = model.dist.runaway?.(model.sample, result.params, shown)
  if (runaway) return { ...result, message: runaway }
  const j = model.free.findIndex((i, k) => {
    const name = model.names[i]
    const below = model.domains[i] === 'positive' ? collapsedBelow(model, name) : null
    return below !== null && result.params[name] < below && score[k] < 0
  })
  if (j < 0) {
    const extreme = extremeData(model.sample.values)
    // The optimizer's own words (line search, iteration limit) would send the user the wrong way.
    return extreme ? { ...result, message: `The optimizer could not reach a maximum. ${extreme}` } : result
  }
  const name = model.names[model.free[j]]
  const value = shown(name, result.params[name]).toPrecision(3)
  return {
    ...result,
    message: `No maximum: the likelihood keeps rising as ${name} shrinks towards 0 (${name} = ${value} when the optimizer stopped), so more iterations cannot help. Many tied values cause this; fix ${name} or choose another family.`,
  }
}

/** Orders of magnitude between the smallest and largest nonzero |x| past which one scale cannot fit both. */
const WIDE_DECADES = 100
/** |x| beyond 10^EXTREME_DECADES or below its inverse: squares and steps in the parameters over- or underflow. */
const EXTREME_DECADES = 150

/**
 * What about the data defeats the optimizer, in words (no values quoted: on a rescaled copy they are the
 * copy's), when the values span hundreds of orders of
 * magnitude or all lie near an end of the double range; null for ordinary data.
 */
function extremeData(values: Float64Array): string | null {
  let small = Infinity
  let large = 0
  for (const x of values) {
    const a = Math.abs(x)
    if (a > 0 && a < Infinity) {
      small = Math.min(small, a)
      large = Math.max(large, a)
    }
  }
  if (!(large > 0)) return null
  const decades = Math.log10(large) - Math.log10(small)
  if (decades > WIDE_DECADES) {
    return `The values span ${Math.round(decades)} orders of magnitude: no setting of this family's parameters describes both ends in double precision. Fit log x (if positive), or remove or fix the extreme values.`
  }
  if (Math.log10(large) > EXTREME_DECADES || Math.log10(small) < -EXTREME_DECADES) {
    return `The values lie near an end of the double range (above 1e${EXTREME_DECADES} or below 1e-${EXTREME_DECADES} in size), where this family's parameters cannot be optimized in double precision. Multiply the column by a power of ten to bring the values near 1 and fit again.`
  }
  return null
}
