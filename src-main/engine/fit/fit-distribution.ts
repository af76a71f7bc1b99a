import type { FitMethod, FitResult } from '../../../src-shared/contract'
import type { Distribution, Params } from '../distributions/types'
import { histogram } from '../stats/histogram'
import { FitError } from '../errors'

/** Points on the fitted-density curve drawn over the histogram. */
const DENSITY_POINTS = 200

/** Sum of log densities; -Infinity as soon as one point is impossible under the parameters. */
export function logLikelihood(dist: Distribution, data: Float64Array, params: Params): number {
  let sum = 0
  for (let i = 0; i < data.length; i++) sum += dist.logPdf(data[i], params)
  return sum
}

/** Rejects data the family cannot describe instead of silently dropping it. */
export function checkSupport(dist: Distribution, data: Float64Array): void {
  let bad = 0
  let first = NaN
  for (let i = 0; i < data.length; i++) {
    if (!dist.inSupport(data[i])) {
      if (bad === 0) first = data[i]
      bad++
    }
  }
  if (bad > 0) {
    throw new FitError(
      `${dist.label} needs ${dist.supportText}: ${bad} value${bad === 1 ? '' : 's'} outside it (first: ${first}).`,
    )
  }
}

/**
 * Fits a family to finite, sorted values by maximum likelihood. The sorted copy serves the histogram and,
 * later, goodness-of-fit statistics.
 */
export function fitDistribution(
  dist: Distribution,
  column: string,
  sorted: Float64Array,
  method: FitMethod = 'auto',
): FitResult {
  const started = performance.now()
  const n = sorted.length
  if (n === 0) throw new FitError(`Column "${column}" has no numeric values to fit.`)
  checkSupport(dist, sorted)
  if (method !== 'auto' && method !== 'closed-form') {
    throw new FitError(`Method "${method}" is not available yet for ${dist.label}; use auto or closed-form.`)
  }
  if (!dist.closedFormMle) throw new FitError(`${dist.label} has no closed-form estimate.`)
  const params = dist.closedFormMle(sorted)
  const bad = Object.entries(params).find(([, v]) => !Number.isFinite(v))
  const ll = logLikelihood(dist, sorted, params)
  if (bad || !Number.isFinite(ll)) {
    throw new FitError(degenerateMessage(dist, column, sorted, params))
  }
  const k = dist.params.length
  const start = dist.startValues(sorted)
  return {
    dist: dist.id,
    distLabel: dist.label,
    discrete: dist.discrete,
    column,
    params,
    estimates: dist.params.map((p) => ({
      name: p.name,
      symbol: p.symbol,
      estimate: params[p.name],
      standardError: null,
      wald95: null,
      profile95: null,
      moments: start[p.name] ?? null,
      fixed: false,
    })),
    covariance: null,
    n,
    logLikelihood: ll,
    aic: 2 * k - 2 * ll,
    aicc: n - k - 1 > 0 ? 2 * k - 2 * ll + (2 * k * (k + 1)) / (n - k - 1) : NaN,
    bic: k * Math.log(n) - 2 * ll,
    method: 'closed-form',
    iterations: 0,
    converged: true,
    message: 'Closed-form maximum-likelihood estimate.',
    seconds: (performance.now() - started) / 1000,
    trace: [],
    gradient: null,
    startParams: start,
    goodnessOfFit: null,
    health: { gradientMaxAbs: 0, informationPositiveDefinite: true, atBound: [], notes: [] },
    trials: null,
    histogram: histogram(sorted),
    density: densityCurve(dist, params, sorted[0], sorted[n - 1]),
    startDensity: densityCurve(dist, start, sorted[0], sorted[n - 1]),
  }
}

function degenerateMessage(dist: Distribution, column: string, sorted: Float64Array, params: Params): string {
  const n = sorted.length
  if (sorted[0] === sorted[n - 1]) {
    return `Column "${column}" is constant (every value is ${sorted[0]}${n === 1 ? ', n = 1' : ''}): ${dist.label} has no finite maximum-likelihood fit.`
  }
  const shown = Object.entries(params)
    .map(([k, v]) => `${k} = ${v}`)
    .join(', ')
  return `${dist.label} has no finite maximum-likelihood fit for column "${column}" (${shown}).`
}

/** The fitted density on an even grid over the data's range, padded by 5% each side. */
export function densityCurve(dist: Distribution, params: Params, min: number, max: number) {
  const pad = max > min ? 0.05 * (max - min) : 1
  let lo = min - pad
  if (dist.inSupport(min) && !dist.inSupport(lo)) lo = min
  const hi = max + pad
  const x: number[] = []
  const y: number[] = []
  for (let i = 0; i < DENSITY_POINTS; i++) {
    const xi = lo + ((hi - lo) * i) / (DENSITY_POINTS - 1)
    x.push(xi)
    y.push(Math.exp(dist.logPdf(xi, params)))
  }
  return { x, y }
}
