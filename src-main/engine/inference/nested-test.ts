import erfc from '@stdlib/math-base-special-erfc'
import type { WorkControl } from '../control/work-control'
import { LikelihoodModel } from '../likelihood/likelihood-model'
import { autoEstimate, usable } from '../optimize/estimate'
import { innerSettings } from '../optimize/optimizer-types'
import type { Optimum } from './infer'

/** P(chi-square with 1 degree of freedom > x). */
const chiSquare1Upper = (x: number) => erfc(Math.sqrt(Math.max(x, 0) / 2))

/**
 * The likelihood-ratio test of a family against the simpler family nested in it (its `nestedAt` hook: zip
 * against poisson at pi = 0), as a plain-words note: the nested model is refitted with that parameter held,
 * LR = 2 (ll - ll0), and the p-value uses the 50:50 mixture of chi-square(0) and chi-square(1) when the
 * value is on the edge of the parameter's domain (Self and Liang 1987). Null when the family has no such
 * model, the parameter is held by the user, or the nested fit fails.
 */
export async function nestedTest(
  model: LikelihoodModel,
  optimum: Optimum,
  control: WorkControl,
): Promise<string | null> {
  const nested = model.dist.nestedAt
  if (!nested || !model.freeNames.includes(nested.param)) return null
  const fixed = { ...model.fixed, [nested.param]: nested.value }
  const reduced = new LikelihoodModel(model.dist, model.sample, model.ctx, fixed)
  const fit = await autoEstimate(reduced, { ...optimum.params, ...fixed }, innerSettings(control))
  if (!usable(fit) || !fit.converged) return null
  const lr = Math.max(2 * (optimum.logLikelihood - fit.logLikelihood), 0)
  const p = nested.onBoundary ? 0.5 * chiSquare1Upper(lr) : chiSquare1Upper(lr)
  const test = `Likelihood-ratio test against ${nested.family} (${nested.param} = ${nested.value}): LR = ${lr.toPrecision(4)}, p = ${p.toPrecision(3)}${nested.onBoundary ? ' (50:50 chi-square mixture, as the value is on the boundary)' : ''}`
  return p < 0.05
    ? `${test}: ${model.dist.label} fits significantly better than ${nested.family}.`
    : `${test}: no evidence that ${model.dist.label} fits better than ${nested.family}; the simpler ${nested.family} will do.`
}
