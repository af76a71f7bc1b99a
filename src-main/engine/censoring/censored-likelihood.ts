import { supportText } from '../distributions/support'
import type { Distribution, FamilyContext, Params } from '../distributions/types'
import { totalLogLikelihood } from '../likelihood/likelihood-model'
import type { BinRule, HistogramBin } from '../../../src-shared/contract'
import { columnHistogram } from '../stats/column-histogram'
import { Sample } from '../stats/sample'
import { runEnd } from '../stats/sorted-runs'
import { likelihoodSample } from '../stats/tied-sample'
import type { CensoredData } from './censored-data'
import { logCdf, logInterval, logSf } from './tails'

/**
 * A censored column's likelihood terms with ties collapsed: equal values of one kind (exact, right- or
 * left-censored, the same interval) are one term times their count. Rounded times and a common censoring
 * time (the end of a study) make many ties; a value and its status are never merged across kinds.
 */
export interface CensoredTerms {
  /** The exact values as the likelihood sums them (distinct values with counts when ties are many). */
  exact: Sample
  right: Tally
  left: Tally
  /** Distinct intervals (lower[i], upper[i]] and how many observations each holds. */
  intervals: { lower: Float64Array; upper: Float64Array; counts: Float64Array }
}

/** Distinct values with their counts. */
interface Tally {
  values: Float64Array
  counts: Float64Array
}

/** The distinct values of an ascending array with their counts. */
function tally(sorted: Float64Array): Tally {
  const values: number[] = []
  const counts: number[] = []
  for (let i = 0; i < sorted.length;) {
    const j = runEnd(sorted, i)
    values.push(sorted[i])
    counts.push(j - i)
    i = j
  }
  return { values: Float64Array.from(values), counts: Float64Array.from(counts) }
}

/** The distinct (lower, upper] pairs with their counts (the same lower bound can hold several uppers). */
function intervalTally(lower: Float64Array, upper: Float64Array): CensoredTerms['intervals'] {
  const counts = new Map<string, { l: number; u: number; count: number }>()
  for (let i = 0; i < lower.length; i++) {
    const key = `${lower[i]}:${upper[i]}`
    const known = counts.get(key)
    if (known) known.count++
    else counts.set(key, { l: lower[i], u: upper[i], count: 1 })
  }
  const pairs = [...counts.values()]
  return {
    lower: Float64Array.from(pairs, (p) => p.l),
    upper: Float64Array.from(pairs, (p) => p.u),
    counts: Float64Array.from(pairs, (p) => p.count),
  }
}

/** The terms of a censored column, computed once per fit. */
export function censoredTerms(data: CensoredData): CensoredTerms {
  return {
    exact: likelihoodSample(Sample.sorted(data.exact)),
    right: tally(data.right),
    left: tally(data.left),
    intervals: intervalTally(data.lower, data.upper),
  }
}

/**
 * The censored log-likelihood, in fitdistrplus' `fitdistcens` convention (so the numbers compare): the
 * log density of each exact value (the family's own fast whole-sample hook) plus log F(u) for each value
 * left-censored at u, log(1 - F(l)) for each right-censored at l and log(F(u) - F(l)) for each interval.
 */
export function censoredLogLikelihood(
  dist: Distribution,
  terms: CensoredTerms,
  p: Params,
  ctx?: FamilyContext,
): number {
  const { exact, right, left, intervals } = terms
  let ll = exact.values.length > 0 ? totalLogLikelihood(dist, exact, p, ctx) : 0
  for (let i = 0; i < left.values.length; i++) ll += left.counts[i] * logCdf(dist, left.values[i], p, ctx)
  for (let i = 0; i < right.values.length; i++) ll += right.counts[i] * logSf(dist, right.values[i], p, ctx)
  const { lower, upper, counts } = intervals
  for (let i = 0; i < lower.length; i++) ll += counts[i] * logInterval(dist, lower[i], upper[i], p, ctx)
  return Number.isNaN(ll) ? -Infinity : ll
}

/**
 * Why a family is not fitted to censored data, or null when it is: discrete families (a censored count
 * would need the probability of a range of counts; not supported) and families whose estimates sit on a
 * data extreme (support ends that move with a parameter, or a non-regular likelihood), where censoring
 * moves the extreme and the observed-information standard errors would not hold.
 */
export function censoringProblem(dist: Distribution): string | null {
  if (dist.discrete)
    return `${dist.label} is discrete: censored counts are not supported (only continuous families fit censored data).`
  if (dist.needsThreshold || dist.needsTrials)
    return `${dist.label} fits values over a threshold you give: not supported with censored data.`
  if (dist.support.estimatedEnds || dist.nonRegular)
    return `${dist.label} is not fitted to censored data: its estimates can sit on a data extreme (a non-regular likelihood), which censoring hides.`
  return null
}

/**
 * A censored observation the family gives probability 0 whatever its parameters (a right-censored value at
 * or above the support's upper end, a left-censored one at or below its lower end), in plain words; null
 * when there is none. Exact values are checked by the usual support check.
 */
export function censoredSupportProblem(dist: Distribution, data: CensoredData): string | null {
  const { lower, upper } = dist.support
  const where = `${dist.label} needs ${supportText(dist.support)}`
  const right = data.right.find((l) => l >= upper)
  if (right !== undefined) return `${where}: a value right-censored at ${right} has probability 0.`
  const left = data.left.find((u) => u <= lower)
  if (left !== undefined) return `${where}: a value left-censored at ${left} has probability 0.`
  for (let i = 0; i < data.lower.length; i++) {
    if (data.upper[i] <= lower || data.lower[i] >= upper)
      return `${where}: the interval (${data.lower[i]}, ${data.upper[i]}] has probability 0.`
  }
  return null
}

/**
 * One representative value per observation (exact values, censoring bounds, interval midpoints) inside the
 * family's support, sorted: the start values' data and the spread that scales finite differences.
 */
export function representativeValues(dist: Distribution, data: CensoredData): Float64Array {
  const { lower, upper } = dist.support
  const values = [...data.exact, ...data.right, ...data.left]
  for (let i = 0; i < data.lower.length; i++) values.push((data.lower[i] + data.upper[i]) / 2)
  const inside = values.filter((x) => x > lower && x < upper && Number.isFinite(x))
  return Float64Array.from(inside.length > 0 ? inside : [...data.exact]).sort()
}

/**
 * The family as the fit pipeline sees it on censored data: the same parameters, density and CDF, with the
 * whole-sample log-likelihood replaced by the censored one of `data` (the Sample it is handed holds the
 * representative values, for their count and spread only), starts from the representative values, and
 * none of the hooks that assume exact values (closed forms, analytic derivatives, profile shortcuts,
 * nested tests, gradient-ascent kernels): derivatives are taken numerically by the likelihood model.
 */
export function censoredFamily(base: Distribution, data: CensoredData): Distribution {
  const terms = censoredTerms(data)
  const starts = Sample.sorted(representativeValues(base, data))
  return {
    id: base.id,
    label: base.label,
    discrete: base.discrete,
    params: base.params,
    support: base.support,
    logPdf: base.logPdf,
    cdf: base.cdf,
    quantile: base.quantile,
    ...(base.logCdf ? { logCdf: base.logCdf } : {}),
    ...(base.logSf ? { logSf: base.logSf } : {}),
    ...(base.density ? { density: base.density } : {}),
    ...(base.limitAdvice ? { limitAdvice: base.limitAdvice } : {}),
    sample: base.sample,
    startValues: (_sample, ctx) => base.startValues(starts, ctx),
    startIsMoments: false,
    logLikelihood: (_sample, p, ctx) => censoredLogLikelihood(base, terms, p, ctx),
  }
}

/**
 * The histogram of the exact values, each bar's density scaled by their share of all n observations: the
 * bars' area is the fraction observed exactly, comparable with the fitted density (the censored values,
 * whose place is not known, are in no bar; the results say how many). Empty without exact values.
 */
export function censoredHistogram(data: CensoredData, bins?: BinRule): HistogramBin[] {
  if (data.exact.length === 0) return []
  const share = data.exact.length / data.n
  return columnHistogram(data.exact, false, bins).map((b) => ({ ...b, density: b.density * share }))
}
