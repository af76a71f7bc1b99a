/** Where a parameter lives; the fitting layer maps each domain to an unconstrained scale. */
export type ParamDomain = 'real' | 'positive' | 'unit-interval'

export interface ParamSpec {
  /** Contract name used in results and the CLI's JSON, e.g. `sigma`. */
  name: string
  /** Display symbol, e.g. `σ`. */
  symbol: string
  domain: ParamDomain
}

/** Parameter values by name. */
export type Params = Record<string, number>

/** Values a family needs besides its parameters: the binomial's number of trials (fixed by the user). */
export interface FamilyContext {
  trials?: number
}

/** Uniform random numbers in [0, 1) from a seeded generator (bootstrap, recovery tests). */
export type UniformRandom = () => number

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
 * One probability distribution family. Kernels are pure and never throw: NaN for invalid parameters,
 * -Infinity (log density) outside the support. Data arrays passed to the whole-sample hooks are the
 * column's finite values sorted ascending and never mutated, so a family may cache statistics of an array
 * (WeakMap keyed by the array).
 */
export interface Distribution {
  id: string
  label: string
  discrete: boolean
  params: readonly ParamSpec[]
  /** Plain-words support for messages, e.g. `x > 0`. */
  supportText: string
  /** Whether x can be a draw from the family for some valid parameters (binomial: 0..trials, integers). */
  inSupport(x: number, ctx?: FamilyContext): boolean
  /** Log density (continuous) or log probability mass (discrete). */
  logPdf(x: number, p: Params, ctx?: FamilyContext): number
  cdf(x: number, p: Params, ctx?: FamilyContext): number
  /** Smallest x with cdf(x) >= q (discrete: an integer). */
  quantile(q: number, p: Params, ctx?: FamilyContext): number
  /** Starting values for optimizers; the method-of-moments estimate when `startIsMoments`. */
  startValues(sorted: Float64Array, ctx?: FamilyContext): Params
  /** True when startValues is the method-of-moments estimate (shown beside the MLE). */
  startIsMoments: boolean
  /** Exact maximum-likelihood estimate, for families that have one. */
  closedFormMle?(sorted: Float64Array, ctx?: FamilyContext): Params
  /** Fast whole-sample log-likelihood (sufficient statistics); the generic fallback sums logPdf. */
  logLikelihood?(sorted: Float64Array, p: Params, ctx?: FamilyContext): number
  /** Analytic log-likelihood, score and Hessian; the fitting layer falls back to finite differences. */
  derivatives?(sorted: Float64Array, p: Params, ctx?: FamilyContext): LikelihoodDerivatives
  /** n independent draws (bootstrap p-values, recovery tests). */
  sample(n: number, p: Params, random: UniformRandom, ctx?: FamilyContext): Float64Array
}
