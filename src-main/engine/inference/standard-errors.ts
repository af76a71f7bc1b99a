import type { ParamDomain, Params } from '../distributions/types'
import type { LikelihoodModel } from '../likelihood/likelihood-model'
import { firstDerivative } from '../likelihood/reparametrize'
import { cholesky, choleskyInverse } from '../linear-algebra/cholesky'

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
  const factor = d.hessian.every((row) => row.every(Number.isFinite)) ? cholesky(info) : null
  if (!factor) {
    const viaTheta = thetaScaleInformation(model, params, d.score)
    if (viaTheta) return viaTheta
  }
  if (!factor) {
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

/**
 * The same summary from the theta-scale information (Hessian by differences of the score), mapped back by
 * the delta method: Cov_own = J Cov_theta J with J = diag(dp/dtheta), exact at the optimum where the
 * score is 0. Used when the own-scale Hessian under- or overflows (extreme data scales).
 */
function thetaScaleInformation(
  model: LikelihoodModel,
  params: Params,
  score: number[],
): InformationSummary | null {
  const hessian = model.thetaHessianFromScores(params)
  if (!hessian) return null
  const factor = cholesky(hessian.map((row) => row.map((h) => -h)))
  if (!factor) return null
  const inverse = choleskyInverse(factor)
  const jacobian = model.free.map((i) => firstDerivative(model.domains[i], params[model.names[i]]))
  const covariance = inverse.map((row, a) => row.map((v, b) => v * jacobian[a] * jacobian[b]))
  // sqrt(v) |J| rather than sqrt(v J²): J² overflows for parameters near 1e300.
  const standardErrors = inverse.map((row, j) => {
    const se = Math.sqrt(row[j]) * Math.abs(jacobian[j])
    return row[j] > 0 && Number.isFinite(se) ? se : null
  })
  const ownHessian = hessian.map((row, a) => row.map((v, b) => v / (jacobian[a] * jacobian[b])))
  const representable = covariance.every((row) => row.every(Number.isFinite))
  return {
    score,
    covariance: representable ? covariance : null,
    standardErrors,
    positiveDefinite: true,
    hessian: ownHessian,
  }
}

/**
 * The standard errors of the family's derived parameters (a mixture's last weight) by the delta method,
 * g' Σ g with g the gradient in the free parameters (central differences; exact for the weights' linear
 * form); null without a covariance. By name.
 */
export function derivedErrors(
  model: LikelihoodModel,
  params: Params,
  covariance: number[][] | null,
): Record<string, number | null> {
  const out: Record<string, number | null> = {}
  for (const spec of model.dist.params) {
    if (spec.derived)
      out[spec.name] = covariance ? derivedError(spec.derived, params, model.freeNames, covariance) : null
  }
  return out
}

function derivedError(
  derive: (p: Params) => number,
  params: Params,
  freeNames: string[],
  cov: number[][],
): number | null {
  const g = freeNames.map((name) => {
    const h = 1e-6 * Math.max(Math.abs(params[name]), 1)
    return (
      (derive({ ...params, [name]: params[name] + h }) - derive({ ...params, [name]: params[name] - h })) /
      (2 * h)
    )
  })
  const variance = g.reduce((s, ga, a) => s + ga * g.reduce((t, gb, b) => t + cov[a][b] * gb, 0), 0)
  return variance >= 0 ? Math.sqrt(variance) : null
}

/**
 * The 95% Wald interval on the scale where the parameter is unbounded, mapped back (delta method): real
 * parameters estimate ± 1.96 SE; positive ones exp(log estimate ± 1.96 SE / estimate); those in (0, 1) the
 * same on the logit scale, SE / (p (1 - p)). So an interval never leaves the domain (a Student t nu of
 * 20.9 with SE 19.7 is (6.9, 63), not (-17.7, 59.4)).
 */
export function waldInterval(
  estimate: number,
  se: number | null,
  domain: ParamDomain = 'real',
): [number, number] | null {
  if (se === null) return null
  if (domain === 'positive' && estimate > 0) {
    const h = (Z95 * se) / estimate
    return [estimate * Math.exp(-h), estimate * Math.exp(h)]
  }
  if (domain === 'unit-interval' && estimate > 0 && estimate < 1) {
    const h = (Z95 * se) / (estimate * (1 - estimate))
    const logit = Math.log(estimate / (1 - estimate))
    const back = (t: number) => 1 / (1 + Math.exp(-t))
    return [back(logit - h), back(logit + h)]
  }
  return [estimate - Z95 * se, estimate + Z95 * se]
}
