import type { FitMethod } from '../../../src-shared/contract'
import type { Params } from '../distributions/types'
import { FitError } from '../errors'
import { checkMaximum, confirmed, explainUnconverged, ranPastLimit, representable } from './confirm-maximum'
import { lbfgs } from './lbfgs'
import type { LikelihoodModel } from '../likelihood/likelihood-model'
import { newtonRaphson } from './newton'
import type { OptimizeResult, OptimizeSettings } from './optimizer-types'

/** An estimate and the method that produced it (`auto` resolved). */
export interface Estimate extends OptimizeResult {
  method: Exclude<FitMethod, 'auto'>
}

const finiteParams = (p: Params) => Object.values(p).every(Number.isFinite)

/** A result is usable when its log-likelihood and parameters are finite. */
export function usable(r: OptimizeResult): boolean {
  return Number.isFinite(r.logLikelihood) && finiteParams(r.params)
}

/** The exact estimate of a family with a closed form (all parameters free). */
export function closedForm(model: LikelihoodModel): Estimate {
  const { dist, sample, ctx } = model
  if (!dist.closedFormMle)
    throw new FitError(`${dist.label} has no closed-form estimate; use auto, newton or lbfgs.`)
  if (model.free.length !== model.names.length) {
    throw new FitError(
      `The closed form of ${dist.label} estimates every parameter; with fixed parameters use newton or auto.`,
    )
  }
  const params = dist.closedFormMle(sample, ctx)
  const logLikelihood = finiteParams(params) ? model.logLikelihood(params) : NaN
  const exact = {
    params,
    logLikelihood,
    iterations: 0,
    converged: true,
    message: 'Closed-form maximum-likelihood estimate.',
  }
  return { ...(Number.isFinite(logLikelihood) ? representable(model, exact) : exact), method: 'closed-form' }
}

/** Start values moved by a factor on the unconstrained scale: the second start of `auto`. */
function perturbed(model: LikelihoodModel, start: Params, factor: number): Params {
  const p: Params = { ...start }
  for (const i of model.free) {
    const name = model.names[i]
    const v = start[name]
    if (model.domains[i] === 'positive') p[name] = v * factor
    else if (model.domains[i] === 'unit-interval') p[name] = factor > 1 ? (1 + v) / 2 : v / 2
    else p[name] = v + (factor > 1 ? 0.5 : -0.5) * model.scale * 0.1
  }
  return p
}

/**
 * Auto: the closed form when the family has one and nothing is fixed; else Newton from the family's
 * `nearStart` (when it has one and the user gave no start values: theirs win) or the start, L-BFGS
 * (polished by Newton) when Newton fails, and second starts (whichever of the start and the near start
 * came second, the family's robust start, then parameters halved and doubled) when both fail. The best
 * log-likelihood wins.
 */
export async function autoEstimate(
  model: LikelihoodModel,
  start: Params,
  settings: OptimizeSettings,
): Promise<Estimate> {
  if (model.dist.closedFormMle && model.free.length === model.names.length) {
    const cf = closedForm(model)
    if (usable(cf)) return cf
  }
  const attempts: Estimate[] = []
  let iterations = settings.firstIteration ?? 0
  const run = async (kind: 'newton' | 'lbfgs', from: Params) => {
    const s = { ...settings, firstIteration: iterations }
    const r = confirmed(
      model,
      kind === 'newton' ? await newtonRaphson(model, from, s) : await lbfgs(model, from, s),
      settings.shown,
    )
    iterations += r.iterations
    return { ...r, method: kind } as Estimate
  }
  const tryFrom = async (from: Params) => {
    const first = await run('newton', from)
    attempts.push(first)
    if (first.converged && usable(first)) return true
    // The family's runaway (gev's end point on tied counts): L-BFGS and other starts climb the same way.
    if (first.ranAway) return false
    const second = await run('lbfgs', from)
    const polish = usable(second) ? await run('newton', second.params) : second
    const merged: Estimate =
      usable(polish) && polish.logLikelihood >= second.logLikelihood ? { ...polish, method: 'lbfgs' } : second
    attempts.push(merged)
    return merged.converged && usable(merged)
  }
  const ranAway = () => {
    const last = attempts[attempts.length - 1]
    return last !== undefined && (last.ranAway === true || ranPastLimit(model, last.params))
  }
  const nearOf = () => {
    const near = model.dist.nearStart?.(model.sample, start, model.fixed)
    return near ? { ...near, ...model.fixed } : null
  }
  const nearFrom = settings.userStart ? null : nearOf()
  if (!(await tryFrom(nearFrom ?? start)) && !ranAway()) {
    const seconds = [0.5, 2].map((factor) => perturbed(model, start, factor))
    const robust = model.dist.robustStart?.(model.sample, model.ctx)
    if (robust) seconds.unshift({ ...robust, ...model.fixed })
    // Whichever of the start and the near start was not tried first.
    const other = nearFrom ? start : settings.userStart ? nearOf() : null
    if (other) seconds.unshift(other)
    for (const from of seconds) if ((await tryFrom(from)) || attempts[attempts.length - 1].ranAway) break
  }
  const best = attempts.filter(usable).sort((a, b) => b.logLikelihood - a.logLikelihood)[0] ?? attempts[0]
  return { ...best, iterations }
}

/**
 * L-BFGS, its "converged" confirmed by the final check. It stops when the log-likelihood stalls, which can
 * leave a measurable gain near a maximum: then Newton finishes from there (as `auto` does), and the
 * answer stays unconfirmed only when that does not reach a confirmed maximum either.
 */
async function lbfgsConfirmed(
  model: LikelihoodModel,
  start: Params,
  settings: OptimizeSettings,
): Promise<Estimate> {
  const first = await lbfgs(model, start, settings)
  const check = first.converged ? checkMaximum(model, first.params, settings.shown) : null
  if (!check || check.ok) return { ...first, method: 'lbfgs' }
  const unconfirmed: Estimate = {
    ...first,
    converged: false,
    message: check.message,
    explained: true,
    method: 'lbfgs',
  }
  if (check.reason !== 'short') return unconfirmed
  const polish = confirmed(
    model,
    await newtonRaphson(model, first.params, {
      ...settings,
      firstIteration: (settings.firstIteration ?? 0) + first.iterations,
    }),
    settings.shown,
  )
  if (!polish.converged || !(polish.logLikelihood >= first.logLikelihood)) return unconfirmed
  return {
    ...polish,
    iterations: first.iterations + polish.iterations,
    message: `${first.message} Newton-Raphson finished it in ${polish.iterations} iterations.`,
    method: 'lbfgs',
  }
}

/**
 * Runs one method (closed-form, newton, lbfgs or auto) from `start`. Every iterative "converged" has
 * passed `checkMaximum`; a result that fails it is returned with converged false and the reason.
 */
export async function estimate(
  model: LikelihoodModel,
  start: Params,
  method: Exclude<FitMethod, 'gradient' | 'mps'>,
  settings: OptimizeSettings,
): Promise<Estimate> {
  if (method === 'closed-form') return closedForm(model)
  const explain = (r: Estimate): Estimate => ({
    ...explainUnconverged(model, r, settings.shown),
    method: r.method,
  })
  if (method === 'newton')
    return explain({
      ...confirmed(model, await newtonRaphson(model, start, settings), settings.shown),
      method,
    })
  if (method === 'lbfgs') return explain(await lbfgsConfirmed(model, start, settings))
  return explain(await autoEstimate(model, start, settings))
}
