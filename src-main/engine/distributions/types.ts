import type { CullenFreyShape, SupportRange } from '../../../src-shared/contract'
import type { Random } from '../random/seeded-random'
import type { Sample } from '../stats/sample'

/**
 * Where a parameter lives. The fitting layer maps each domain to an unconstrained scale theta: identity
 * for `real`, log for `positive`, logit for `unit-interval` (hooks that work on theta use the same maps).
 */
export type ParamDomain = 'real' | 'positive' | 'unit-interval'

export interface ParamSpec {
  /** Contract name used in results and the CLI's JSON, e.g. `sigma`. */
  name: string
  /** Display symbol, e.g. `σ`. */
  symbol: string
  domain: ParamDomain
  /**
   * A real parameter not in the data's units (the GEV's and GPD's shape xi): finite differences step by
   * its own size rather than by the data's spread.
   */
  unitless?: boolean
  /**
   * A parameter the others determine (a mixture's last weight, 1 minus the rest): never free and never
   * fixed by the user; the likelihood fills it in, its standard error comes by the delta method.
   */
  derived?: (p: Params) => number
}

/**
 * How a parameter changes when the data are multiplied by c > 0: times c^power, or `log`: plus log c (the
 * mean of log x: lognormal3's mu).
 */
export type UnitPower = -1 | 0 | 1 | 'log'

/** Parameter values by name. */
export type Params = Record<string, number>

/** Values a family needs besides its parameters, fixed by the user: the binomial's trials, the gpd's threshold. */
export interface FamilyContext {
  trials?: number
  /** The threshold u whose exceedances the family describes (gpd), given by the user. */
  threshold?: number
}

/**
 * Log-likelihood, score and Hessian of the whole sample in one call, on the parameters' own scale and in
 * `params` order. Families with sufficient statistics compute them in O(1) after one cached pass.
 */
export interface LikelihoodDerivatives {
  logLikelihood: number
  score: number[]
  hessian: number[][]
}

/**
 * One epoch's numbers for gradient ascent: the mean training log-likelihood and its gradient in theta
 * (free parameters in `params` order, each on its unconstrained scale), and the mean validation
 * log-likelihood.
 */
export interface EpochKernel {
  /** Mean training log-likelihood at theta; writes its gradient (theta scale) into `grad`. */
  train(theta: Float64Array, grad: Float64Array): number
  /** Mean validation log-likelihood at theta (NaN when there is no validation part). */
  validation(theta: Float64Array): number
}

/**
 * Where the observed information does not describe an estimate's uncertainty (the likelihood is not smooth
 * there): either parameters estimated by a sample extreme, a support boundary (their estimators converge
 * like 1/n, so no standard error; the others get theirs from their own block of the information), or an
 * asymptotic covariance of the free parameters to use instead, with the note that says why; or a caution
 * shown beside standard errors that the information still gives but that do not mean the usual thing
 * (GEV with xi < -0.5). A boundary's optional note says why the estimate is there.
 */
export type NonRegular =
  | { boundary: Readonly<Record<string, 'minimum' | 'maximum'>>; note?: string }
  | { covariance: number[][]; note: string }
  | { caution: string }

/**
 * A limit a parameter can run off to (student_t nu -> normal; burr k -> weibull), with what the data then
 * point to. `above` may depend on the data (a shape measured against the spread of log x).
 */
export interface LimitAdvice {
  param: string
  above: number | ((sample: Sample) => number)
  note: string
  /**
   * Past `above` the family is its limit for every purpose (its log-likelihood within rounding of the
   * limit's), so a fit there is never called a maximum, even where the score's sign is rounding noise.
   */
  atLimit?: true
}

/**
 * One probability distribution family: everything about it lives in its own file and here, so adding a
 * family is one file plus one registry line. Kernels are pure and never throw: NaN for invalid
 * parameters, -Infinity (log density) outside the support. Whole-sample hooks receive a `Sample` (sorted
 * finite values with cached statistics), never mutated.
 */
/** A point of a profile from a family's shortcut (`Distribution.profileShortcut`). */
export interface ProfilePoint {
  params: Params
  /** The log-likelihood at `params`, when the shortcut had it (else the caller takes it). */
  logLikelihood?: number
}

export interface Distribution {
  id: string
  label: string
  discrete: boolean
  params: readonly ParamSpec[]
  /** Where values can fall, as data: support checks, the plain-words text and its messages derive from it. */
  support: SupportRange
  /** The user gives the number of trials (`ctx.trials`; binomial). */
  needsTrials?: boolean
  /** The user gives a threshold (`ctx.threshold`); a fit uses only the values above it (gpd). */
  needsThreshold?: boolean
  /** Log density (continuous) or log probability mass (discrete). */
  logPdf(x: number, p: Params, ctx?: FamilyContext): number
  cdf(x: number, p: Params, ctx?: FamilyContext): number
  /**
   * log F(x) and log(1 - F(x)) accurate in the far tails, where log(cdf) or log1p(-cdf) lose everything
   * (censored likelihoods: a value censored deep in a tail); absent: computed from `cdf`.
   */
  logCdf?(x: number, p: Params, ctx?: FamilyContext): number
  logSf?(x: number, p: Params, ctx?: FamilyContext): number
  /** Smallest x with cdf(x) >= q (discrete: an integer). */
  quantile(q: number, p: Params, ctx?: FamilyContext): number
  /** Starting values for optimizers; the method-of-moments estimate when `startIsMoments`. */
  startValues(sample: Sample, ctx?: FamilyContext): Params
  /** True when startValues is the method-of-moments estimate (shown beside the MLE). */
  startIsMoments: boolean
  /**
   * A second start from robust statistics (median, mean absolute deviation), tried by `auto` when the
   * moment start does not reach a confirmed maximum: on ties with one far outlier the standard deviation is
   * all the outlier's and the moment start sits on a saddle far from the optimum.
   */
  robustStart?(sample: Sample, ctx?: FamilyContext): Params
  /**
   * How each parameter changes when the data are multiplied by c > 0: times c^power (location and scale 1,
   * rate -1, shape 0; `log` for the mean of log x, which moves by log c). A continuous family with it is fitted on a copy rescaled by a power of two when its
   * values lie near the ends of the double range (squares of its scale would overflow or underflow).
   */
  unitPowers?: Readonly<Record<string, UnitPower>>
  /** Exact maximum-likelihood estimate, for families that have one. */
  closedFormMle?(sample: Sample, ctx?: FamilyContext): Params
  /** Fast whole-sample log-likelihood (sufficient statistics); the generic fallback sums logPdf. */
  logLikelihood?(sample: Sample, p: Params, ctx?: FamilyContext): number
  /** Analytic log-likelihood, score and Hessian; the fitting layer falls back to finite differences. */
  derivatives?(sample: Sample, p: Params, ctx?: FamilyContext): LikelihoodDerivatives
  /**
   * The density as a closure with the parameters' constants precomputed, for many evaluations (goodness of
   * fit on large samples integrates it between sorted values); only families whose cdf is a costly special
   * function provide it. Returns NaN for invalid parameters, 0 outside the support.
   */
  density?(p: Params, ctx?: FamilyContext): (x: number) => number
  /** n independent draws (bootstrap p-values, recovery tests). */
  sample(n: number, p: Params, random: Random, ctx?: FamilyContext): Float64Array

  // Optional hooks that let generic code ask the family instead of comparing ids.
  /** Where the observed information does not apply at these estimates (see NonRegular); null when it does. */
  nonRegular?(params: Params, n: number, free: readonly string[]): NonRegular | null
  /**
   * The other free parameter's maximizer with `held` fixed at `value` (and the log-likelihood there when it
   * comes at no cost), for profile intervals where Newton cannot do the inner fit (laplace: a kink at every
   * data point) or the family has a cheaper way (weibull: the scale given the shape in closed form, the
   * shape given the scale on a compressed sample); null to use Newton.
   */
  profileShortcut?(sample: Sample, held: string, value: number, params: Params): ProfilePoint | null
  /**
   * Where `auto` starts instead of `start` (the start values, the held parameters in `fixed`): a point
   * near the maximum from a cheap stand-in for the likelihood (weibull: the sample compressed to a few
   * thousand weighted points) or exact (laplace with one parameter held), or null. From a start whose Newton decrement is already negligible, Newton
   * makes two passes over the data (the start and one polishing step) where the moment start costs three
   * or more; `start` stays the fallback and `startValues` the moment estimate shown and where the other
   * methods start.
   */
  nearStart?(sample: Sample, start: Params, fixed: Params): Params | null
  /**
   * A simpler family nested in this one with `param` held at `value` (zip is poisson at pi = 0): fit health
   * reports the likelihood-ratio test against it. `onBoundary` when the value is on the edge of the
   * parameter's domain (the test then uses the 50:50 chi-square mixture).
   */
  nestedAt?: { param: string; value: number; family: string; onBoundary: boolean }
  /**
   * Said in fit health beside every converged maximum-likelihood fit (not spacings fits, which have their
   * own note), with its standard errors kept: what the maximum found is where the likelihood has no global
   * one (lognormal3: unbounded as the threshold reaches the smallest value; the local maximum is reported).
   */
  likelihoodNote?: string
  /**
   * Why an optimizer that did not converge ran off where the likelihood has no maximum, in words, or null
   * (gev: the scale collapsing onto tied values). `shown` gives a parameter's value in the data's units.
   * Asked by `explainUnconverged` before the optimizer's own words (an iteration limit) mislead the user.
   */
  runaway?(sample: Sample, params: Params, shown: (name: string, value: number) => number): string | null
  /**
   * When a parameter passes a limit, a simpler family fits as well: fit health says so, and a fit still
   * rising towards the limit has no finite maximum (confirm-maximum.ts).
   */
  limitAdvice?: readonly LimitAdvice[]
  /**
   * Why fit-all leaves the family out (it is fitted only when chosen): the threshold families, whose
   * threshold runs off to -infinity on data without one, where the optimizer works for many seconds.
   */
  notInFitAll?: string
  /** Relative cost of a fit with goodness of fit on a large column (default 1), for fit-all's two threads. */
  fitCost?: number
  /**
   * A fused gradient-ascent epoch (O(1) per epoch from sufficient statistics, for example) replacing the
   * generic pass through `derivatives`; the parts need not be sorted.
   */
  epochKernel?(train: Sample, validation: Sample, fixed: Params): EpochKernel
  /** Its place on the Cullen-Frey plot (skewness², Pearson kurtosis); absent when not drawn there. */
  cullenFrey?: CullenFreyShape
  /**
   * A family with a user-chosen number of components (normal_mixture): its parameter list depends on it.
   * `of(k)` is the family with k components (same id); `count` is this one's; the registry's entry is
   * the one with `default`.
   */
  components?: { count: number; default: number; max: number; of(k: number): Distribution }
  /**
   * The family's own search for where `auto` starts (a mixture's EM from several starts; the likelihood
   * has many local maxima): Newton then polishes and the final check confirms the maximum. `step` is
   * called at each iteration (live trace, cancel). Throws FitError when no start leads anywhere.
   */
  searchStart?(sample: Sample, ctx: FamilyContext, step: SearchStep): Promise<SearchedStart>
  /** The weighted parts of the density (a mixture's components), drawn beside it. */
  densityParts?(p: Params): { label: string; density: (x: number) => number }[]
}

/** One iteration of a family's start search: the parameters and their log-likelihood. */
export type SearchStep = (p: Params, logLikelihood: number) => Promise<void>

/** Where a family's start search ended, and what it says about how it got there. */
export interface SearchedStart {
  params: Params
  logLikelihood: number
  iterations: number
  note: string
  /** What the search is, for the method a fit names: `EM (20 starts)`. */
  label: string
}
