import type { Params } from '../distributions/types'
import type { LikelihoodModel } from '../fit/likelihood-model'
import { cholesky, choleskyInverse } from './linear-algebra'

/** z for a two-sided 95% interval. */
export const Z95 = 1.959963984540054

/** Observed information at the optimum and what follows from it, on the parameters' own scale. */
export interface InformationSummary {
  /** Score at the optimum (free parameters, own scale). */
  score: number[]
  /** Covariance = inverse of the observed information (negative Hessian); null when not positive definite. */
  covariance: number[][] | null
  standardErrors: (number | null)[]
  positiveDefinite: boolean
  /** Hessian of the log-likelihood at the optimum (free parameters, own scale). */
  hessian: number[][] | null
}

/** Standard errors and covariance from the observed information -H at `params` (free parameters). */
export function observedInformation(model: LikelihoodModel, params: Params): InformationSummary {
  const k = model.free.length
  if (k === 0) return { score: [], covariance: [], standardErrors: [], positiveDefinite: true, hessian: [] }
  const d = model.derivatives(params)
  const info = d.hessian.map((row) => row.map((h) => -h))
  const factor = cholesky(info)
  if (!factor || !d.hessian.every((row) => row.every(Number.isFinite))) {
    return {
      score: d.score,
      covariance: null,
      standardErrors: new Array<null>(k).fill(null),
      positiveDefinite: false,
      hessian: d.hessian,
    }
  }
  const covariance = choleskyInverse(factor)
  const standardErrors = covariance.map((row, j) => {
    const v = row[j]
    return v > 0 && Number.isFinite(v) ? Math.sqrt(v) : null
  })
  return { score: d.score, covariance, standardErrors, positiveDefinite: true, hessian: d.hessian }
}

/** estimate ± 1.96 SE on the parameter's own scale (not clipped to its domain: a bound outside it is a warning sign). */
export function waldInterval(estimate: number, se: number | null): [number, number] | null {
  if (se === null) return null
  return [estimate - Z95 * se, estimate + Z95 * se]
}
