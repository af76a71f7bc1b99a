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

/**
 * One probability distribution family. Kernels are pure and never throw: NaN for invalid parameters,
 * -Infinity (log density) outside the support.
 */
export interface Distribution {
  id: string
  label: string
  discrete: boolean
  params: readonly ParamSpec[]
  /** Whether x can be a draw from the family (for any valid parameters). */
  inSupport(x: number): boolean
  /** Plain-words support for messages, e.g. `x > 0`. */
  supportText: string
  logPdf(x: number, p: Params): number
  cdf(x: number, p: Params): number
  quantile(q: number, p: Params): number
  /** Moment-based starting values (also the method-of-moments estimate where one exists). */
  startValues(data: Float64Array): Params
  /** Exact maximum-likelihood estimate, for families that have one. */
  closedFormMle?(data: Float64Array): Params
}
