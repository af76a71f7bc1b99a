import type { Params } from '../distributions/types'
import { cholesky, choleskyInverse } from './linear-algebra'
import type { InformationSummary } from './standard-errors'

/**
 * Parameters whose MLE is a support boundary (sample minimum or maximum): the likelihood is not smooth
 * there, so the observed information says nothing about their uncertainty (the estimator converges at
 * rate 1/n, not 1/sqrt n).
 */
const BOUNDARY: Record<string, string[]> = {
  uniform: ['a', 'b'],
  pareto: ['xm'],
}

/**
 * Standard errors where the observed-information recipe does not apply:
 * - support-boundary parameters (uniform a, b; pareto xm): no SE, and SEs of the others from their own
 *   block of the information (covariance null, as it cannot cover all free parameters);
 * - laplace mu (the sample median; the log-likelihood is piecewise linear in mu, its Hessian 0 or
 *   undefined): the asymptotic variance b² / n of the median, 1 / (4 n f(m)²) with f(m) = 1 / (2b).
 * Returns the adjusted summary and a note for each adjustment.
 */
export function adjustNonRegular(
  distId: string,
  params: Params,
  n: number,
  freeNames: string[],
  info: InformationSummary,
): { info: InformationSummary; notes: string[] } {
  const hessian = info.hessian
  const notes: string[] = []
  const boundary = (BOUNDARY[distId] ?? []).filter((name) => freeNames.includes(name))
  if (boundary.length > 0 && hessian) {
    const regular = freeNames.map((_, j) => j).filter((j) => !boundary.includes(freeNames[j]))
    const block = regular.map((a) => regular.map((b) => -hessian[a][b]))
    const factor = regular.length > 0 ? cholesky(block) : null
    const inverse = factor ? choleskyInverse(factor) : null
    const standardErrors = freeNames.map((_, j) => {
      const r = regular.indexOf(j)
      if (r < 0 || !inverse) return null
      const v = inverse[r][r]
      return v > 0 ? Math.sqrt(v) : null
    })
    notes.push(
      `${boundary.join(' and ')} ${boundary.length === 1 ? 'is' : 'are'} estimated by the sample ${boundary.length === 1 && boundary[0] !== 'b' ? 'minimum' : 'extremes'}, a support boundary: no standard error from the information (the estimate converges like 1/n); the profile interval is one-sided.`,
    )
    return {
      info: {
        ...info,
        standardErrors,
        covariance: null,
        positiveDefinite: regular.length === 0 || factor !== null,
      },
      notes,
    }
  }
  if (distId === 'laplace' && freeNames.includes('mu')) {
    const b = params.b
    const covariance = freeNames.map((_, a) => freeNames.map((__, c) => (a === c ? (b * b) / n : 0)))
    const standardErrors = covariance.map((row, j) => Math.sqrt(row[j]))
    // b's observed information n / b² at the MLE equals the expected one: same variance b² / n.
    notes.push(
      'mu is the sample median: its standard error is the asymptotic b / sqrt(n) of the median, not from the information (the likelihood has a kink there).',
    )
    return { info: { ...info, standardErrors, covariance, positiveDefinite: true }, notes }
  }
  return { info, notes }
}
