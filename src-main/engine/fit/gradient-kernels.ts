import type { Distribution, EpochKernel, FamilyContext, Params } from '../distributions/types'
import { LikelihoodModel, totalLogLikelihood } from '../likelihood/likelihood-model'
import type { Sample } from '../stats/sample'

/**
 * Any family's gradient-ascent epoch: one fused pass through `derivatives` (or finite differences) of the
 * training part, and the validation part's total log-likelihood. Families with sufficient statistics can
 * do better with their own `epochKernel`.
 */
export function genericEpochKernel(
  dist: Distribution,
  train: Sample,
  validation: Sample,
  ctx: FamilyContext,
  fixed: Params,
): EpochKernel {
  const model = new LikelihoodModel(dist, train, ctx, fixed)
  const theta = new Array<number>(model.free.length)
  const copy = (from: Float64Array) => {
    for (let j = 0; j < theta.length; j++) theta[j] = from[j]
    return model.paramsFromTheta(theta)
  }
  return {
    train(th, grad) {
      const d = model.thetaScore(copy(th))
      for (let j = 0; j < grad.length; j++) grad[j] = d.score[j] / train.n
      return d.logLikelihood / train.n
    },
    validation(th) {
      if (validation.n === 0) return NaN
      return totalLogLikelihood(dist, validation, copy(th), ctx) / validation.n
    },
  }
}
