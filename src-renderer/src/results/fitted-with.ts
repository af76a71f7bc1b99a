import type {
  FitAllRequest,
  FitRequest,
  RegressionRequest,
  RegressionResult,
} from '../../../src-shared/contract'

/**
 * What a result was made with, in the words the controls use, so a result whose inputs no longer match the
 * controls can say so: "fitted with: linear, waiting ~ eruptions". Pure; the views show these sentences.
 */

/** The parts of a regression request a user sees in the panel, as one line. */
export function describeRegressionRequest(r: RegressionRequest): string {
  const rhs = r.predictors.length ? r.predictors.join(' + ') : '(no predictor)'
  const parts = [`${r.model}, ${r.response} ~ ${rhs}`]
  if (!r.intercept) parts.push('no intercept')
  if (r.exposure) parts.push(`exposure ${r.exposure}`)
  if (r.method === 'gradient') parts.push('gradient ascent')
  for (const [column, level] of Object.entries(r.reference ?? {})) parts.push(`${column} reference ${level}`)
  return parts.join(', ')
}

/** The request a saved regression was made with, as far as its result tells (no exposure is recorded). */
export function requestOfRegression(r: RegressionResult): RegressionRequest {
  return {
    model: r.model,
    response: r.response,
    predictors: [...r.predictors],
    intercept: r.intercept,
    exposure: null,
    method: r.method === 'gradient' ? 'gradient' : 'newton',
    // A chosen reference is indistinguishable from the default in the result: both are recorded.
    ...(r.factors?.length || r.event ? { reference: Object.fromEntries(referencesOf(r)) } : {}),
  }
}

/** Each factor's reference level and a text response's 0 level, as the request names them. */
function referencesOf(r: RegressionResult): [string, string][] {
  const factors = (r.factors ?? []).map((f): [string, string] => [f.column, f.reference])
  return r.event ? [[r.event.column, r.event.reference], ...factors] : factors
}

/** "Out of date" sentence for a regression whose controls changed; null while they match. */
export function regressionOutOfDate(made: RegressionRequest | null, now: RegressionRequest | null) {
  if (!made) return null
  const was = describeRegressionRequest(made)
  const is = now ? describeRegressionRequest(now) : 'no complete model (choose a response and a predictor)'
  if (was === is) return null
  return `Out of date: fitted with ${was}; the controls now say ${is}. Press Fit regression to update.`
}

type AnyFitRequest = FitRequest | FitAllRequest

/** The controls of a fit request that a user can change, each as a phrase by key (column and family aside). */
function fitSettings(r: AnyFitRequest): Map<string, string> {
  const out = new Map<string, string>()
  out.set('method', `method ${r.method ?? 'auto'}`)
  // Bins are not listed: they change only the histogram, which is fetched again without refitting.
  for (const [k, v] of Object.entries(r.options ?? {})) out.set(k, `${k} ${v}`)
  if ('fixed' in r)
    for (const [k, v] of Object.entries(r.fixed ?? {})) out.set(`held:${k}`, `${k} held at ${v}`)
  if (r.trials !== undefined) out.set('trials', `trials ${r.trials}`)
  if (r.bootstrap) out.set('bootstrap', `bootstrap ${r.bootstrap}`)
  if (r.threshold !== undefined) out.set('threshold', `threshold ${r.threshold}`)
  if (r.components !== undefined) out.set('components', `components ${r.components}`)
  if (r.weights !== undefined) out.set('weights', `weights ${r.weights}`)
  if (r.censoring)
    out.set(
      'censoring',
      'status' in r.censoring
        ? `status ${r.censoring.status}${r.censoring.event !== undefined ? ` = ${r.censoring.event}` : ''}`
        : `upper bound ${r.censoring.upper}`,
    )
  if (r.range) out.set('range', `values ${r.range.min ?? '−∞'} to ${r.range.max ?? '∞'}`)
  return out
}

/** The phrase of a control a request leaves at its default (a held parameter: free). */
const unset = (key: string) => (key.startsWith('held:') ? `${key.slice(5)} free` : `${key} (default)`)

/**
 * What changed between the request a fit was made with and the one the controls describe now, as
 * "fitted with method newton, tolerance (default); the controls now say method lbfgs, tolerance 1e-9";
 * null when nothing a user can set differs.
 */
export function fitInputsChange(made: AnyFitRequest, now: AnyFitRequest): string | null {
  const was = fitSettings(made)
  const is = fitSettings(now)
  const keys = [...new Set([...was.keys(), ...is.keys()])].filter((k) => was.get(k) !== is.get(k))
  if (keys.length === 0) return null
  const list = (m: Map<string, string>) => keys.map((k) => m.get(k) ?? unset(k)).join(', ')
  return `fitted with ${list(was)}; the controls now say ${list(is)}`
}
