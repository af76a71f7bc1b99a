import type { Distribution, FamilyContext, Params } from '../distributions/types'
import { meanAndVariance } from '../stats/moments'
import { LikelihoodModel, totalLogLikelihood } from './likelihood-model'

/**
 * One epoch's numbers for gradient ascent: the mean training log-likelihood and its gradient in theta
 * (free parameters, unconstrained scale), and the mean validation log-likelihood.
 */
export interface EpochKernel {
  /** Mean training log-likelihood at theta; writes its gradient (theta scale) into `grad`. */
  train(theta: Float64Array, grad: Float64Array): number
  /** Mean validation log-likelihood at theta (NaN when there is no validation part). */
  validation(theta: Float64Array): number
}

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI)

/** Centred sufficient statistics of one part: size, mean, sum of squared deviations from the mean. */
interface NormalPart {
  n: number
  mean: number
  m2: number
}

function normalPart(data: Float64Array): NormalPart {
  if (data.length === 0) return { n: 0, mean: NaN, m2: NaN }
  const { mean, m2 } = meanAndVariance(data)
  return { n: data.length, mean, m2 }
}

/**
 * Normal(mu, sigma) with theta = (mu, log sigma), O(1) per epoch from centred sums (one pass per part):
 * mean ll = -log sqrt(2 pi) - log sigma - (m2 / n + (mean - mu)^2) / (2 sigma^2),
 * d/dmu = (mean - mu) / sigma^2, d/dlog sigma = -1 + (m2 / n + (mean - mu)^2) / sigma^2.
 * Centring keeps the sums exact to rounding when the mean is large relative to the spread.
 */
export function normalEpochKernel(train: Float64Array, validation: Float64Array, fixed: Params): EpochKernel {
  const t = normalPart(train)
  const v = normalPart(validation)
  const muFree = !('mu' in fixed)
  const sigmaFree = !('sigma' in fixed)
  const fixedMu = fixed.mu
  const fixedSigma = fixed.sigma
  const sigmaAt = muFree ? 1 : 0
  const meanLogLik = (part: NormalPart, mu: number, sigma: number) => {
    const d = part.mean - mu
    return -LOG_SQRT_2PI - Math.log(sigma) - (part.m2 / part.n + d * d) / (2 * sigma * sigma)
  }
  return {
    train(theta, grad) {
      const mu = muFree ? theta[0] : fixedMu
      const sigma = sigmaFree ? Math.exp(theta[sigmaAt]) : fixedSigma
      const d = t.mean - mu
      const s2 = sigma * sigma
      let j = 0
      if (muFree) grad[j++] = d / s2
      if (sigmaFree) grad[j] = -1 + (t.m2 / t.n + d * d) / s2
      return meanLogLik(t, mu, sigma)
    },
    validation(theta) {
      if (v.n === 0) return NaN
      const mu = muFree ? theta[0] : fixedMu
      const sigma = sigmaFree ? Math.exp(theta[sigmaAt]) : fixedSigma
      return meanLogLik(v, mu, sigma)
    },
  }
}

/** Any family: one fused pass through `derivatives` (or finite differences) of the training array per epoch. */
export function genericEpochKernel(
  dist: Distribution,
  train: Float64Array,
  validation: Float64Array,
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
      for (let j = 0; j < grad.length; j++) grad[j] = d.score[j] / train.length
      return d.logLikelihood / train.length
    },
    validation(th) {
      if (validation.length === 0) return NaN
      return totalLogLikelihood(dist, validation, copy(th), ctx) / validation.length
    },
  }
}
