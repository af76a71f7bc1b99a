import type { Censoring, FitResult, PercentilesRequest } from './contract'

/** The censoring columns a fit used, as a request field. */
function censoringOf(f: FitResult): { censoring?: Censoring } {
  const c = f.censoring
  if (!c) return {}
  if (c.status === undefined) return { censoring: { upper: c.upper! } }
  return { censoring: { status: c.status, ...(c.event !== undefined ? { event: c.event } : {}) } }
}

/** The value range and exclusion rules a fit was restricted by, as request fields. */
function rangeOf(f: FitResult) {
  const range = f.exclusions?.find((e) => e.range)?.range
  const exclude = (f.exclusions ?? []).flatMap((e) => (e.exclude ? [e.exclude] : []))
  return { ...(range ? { range } : {}), ...(exclude.length > 0 ? { exclude } : {}) }
}

/** What every chart request says of a fit: its column, family, parameters, and the data roles it used. */
export function chartRequest(f: FitResult) {
  return {
    column: f.column,
    dist: f.dist,
    params: f.params,
    ...(f.trials !== null ? { trials: f.trials } : {}),
    ...(f.threshold != null ? { threshold: f.threshold } : {}),
    ...(f.components !== undefined ? { components: f.components } : {}),
    // Charts weigh and keep the data as the fit did.
    ...(f.weights ? { weights: f.weights.column } : {}),
    ...rangeOf(f),
    ...censoringOf(f),
  }
}

/**
 * The percentile table's request for a fit (the app and `mle-fit --percentiles` share it): its covariance
 * only when the fit is at a confirmed maximum and every free parameter has a standard error, since the
 * delta method needs both; with the fit's bootstrap replicates, when it has them, for bootstrap intervals.
 */
export function percentilesRequest(
  f: FitResult,
  probabilities: readonly number[],
  exceed: readonly number[],
): PercentilesRequest {
  const free = f.estimates.filter((e) => !e.fixed)
  const usable = f.converged && f.covariance !== null && free.every((e) => e.standardError !== null)
  return {
    ...chartRequest(f),
    covariance: usable ? f.covariance : null,
    free: free.map((e) => e.name),
    probabilities: [...probabilities],
    exceed: [...exceed],
    ...bootstrapOf(f),
  }
}

/** The fit's bootstrap replicates (and jackknife) as the percentile request's `bootstrap`, if it has any. */
function bootstrapOf(f: FitResult): Pick<PercentilesRequest, 'bootstrap'> {
  const b = f.bootstrapCi
  if (!b) return {}
  const { method, level, names, estimates, jackknife } = b
  return { bootstrap: { method, level, names, estimates, jackknife } }
}
