import type { Distribution, Params } from '../distributions/types'
import { cholesky, choleskyInverse } from '../linear-algebra/cholesky'
import type { InformationSummary } from './standard-errors'

/** Standard errors of the parameters that are not boundary estimates, from their own block of the information. */
function withoutBoundary(
  freeNames: string[],
  boundary: string[],
  hessian: number[][],
  info: InformationSummary,
): InformationSummary {
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
  return {
    ...info,
    standardErrors,
    covariance: null,
    positiveDefinite: regular.length === 0 || factor !== null,
  }
}

/**
 * Standard errors where the observed-information recipe does not apply, as the family says (its
 * `nonRegular` hook): parameters estimated by a sample extreme (a support boundary) get no SE, the others
 * theirs from their own block of the information, with covariance null as it cannot cover all free
 * parameters; or the family's asymptotic covariance replaces the information's. Returns the adjusted
 * summary and a note for each adjustment.
 */
export function adjustNonRegular(
  dist: Distribution,
  params: Params,
  n: number,
  freeNames: string[],
  info: InformationSummary,
): { info: InformationSummary; notes: string[] } {
  const special = dist.nonRegular?.(params, n, freeNames) ?? null
  if (!special) return { info, notes: [] }
  if ('covariance' in special) {
    const { covariance, note } = special
    const standardErrors = covariance.map((row, j) => Math.sqrt(row[j]))
    return { info: { ...info, standardErrors, covariance, positiveDefinite: true }, notes: [note] }
  }
  if ('caution' in special) return { info, notes: [special.caution] }
  const boundary = Object.keys(special.boundary).filter((name) => freeNames.includes(name))
  if (boundary.length === 0 || !info.hessian) return { info, notes: [] }
  const extremes = new Set(boundary.map((name) => special.boundary[name]))
  const which = extremes.size === 1 ? [...extremes][0] : 'extremes'
  const note = `${boundary.join(' and ')} ${boundary.length === 1 ? 'is' : 'are'} estimated by the sample ${which}, a support boundary: no standard error from the information (the estimate converges like 1/n); the profile interval is one-sided.`
  // One finding, one note (fit health gives a code per note): the family's reason, then the consequence.
  const notes = [special.note ? `${special.note} ${note}` : note]
  return { info: withoutBoundary(freeNames, boundary, info.hessian, info), notes }
}
