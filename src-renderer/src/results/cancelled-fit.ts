import type { TracePoint } from '../../../src-shared/contract'
import { formatNumber } from '../../../src-shared/present/format'

/** The score a trace point is ranked by: validation log-likelihood where there is one (gradient ascent). */
const score = (p: TracePoint) => p.validationLogLikelihood ?? p.logLikelihood

/**
 * What a cancelled fit had reached, from its live trace: the last iteration and the best point so far
 * with its parameters. Said as what it is: not a converged fit, and not kept as a result.
 */
export function cancelledFitNotice(label: string, points: readonly TracePoint[]): string {
  const last = points[points.length - 1]
  if (!last) return `Fitting ${label} was cancelled before its first iteration.`
  let best = points[0]
  for (const p of points) if (score(p) > score(best)) best = p
  const which = best.validationLogLikelihood !== null ? 'validation' : 'mean'
  const params = Object.entries(best.params)
    .map(([name, value]) => `${name} = ${formatNumber(value)}`)
    .join(', ')
  return (
    `Fitting ${label} was cancelled at iteration ${last.iteration.toLocaleString('en-US')}. Best so far ` +
    `(iteration ${best.iteration.toLocaleString('en-US')}, ${which} log-likelihood per row ` +
    `${formatNumber(score(best))}): ${params}. This is not a converged fit; its trace stays under Convergence.`
  )
}
