import betainc from '@stdlib/math-base-special-betainc'
import gammainc from '@stdlib/math-base-special-gammainc'
import type { RegressionRequest, RegressionResult, TermTest } from '../../../src-shared/contract'
import { FitError } from '../errors'
import type { Design } from './design'
import { logFactorialSum, type Estimate } from './estimate'
import { glmNewtonBatch, type NewtonOptions } from './glm-newton'
import { negbinFit } from './negative-binomial'
import { choleskyInPlace, choleskySolveInto } from '../linear-algebra/cholesky'
import { residualsKernel } from './fused-kernels'
import type { ResolvedOptions } from './regression-options'
import type { RegressionReporter } from './reporter'

/** The models with a deviance against a saturated model. */
export type GlmModel = 'logistic' | 'poisson' | 'negbin'

/** P(X > x) for X ~ chi-square(df), from the upper regularized gamma (keeps tiny p-values). */
export function chiSquareUpper(x: number, df: number): number {
  if (!(df > 0) || !(x >= 0)) return NaN
  return gammainc(x / 2, df / 2, true, true)
}

/** P(F > f) for F ~ F(df1, df2): I_{df2/(df2 + df1 f)}(df2/2, df1/2). */
export function fUpper(f: number, df1: number, df2: number): number {
  if (!(df1 > 0) || !(df2 > 0) || !(f >= 0)) return NaN
  return betainc(df2 / (df2 + df1 * f), df2 / 2, df1 / 2, true, false)
}

/** Adjusted R² and the overall F test from RSS and TSS (TSS about the mean with an intercept, else about 0). */
export function linearTests(
  d: Design,
  rss: number,
  tss: number,
): Pick<NonNullable<RegressionResult['linear']>, 'adjustedRSquared' | 'fTest'> {
  const { n, p, intercept } = d
  const df1 = p - (intercept ? 1 : 0)
  const df2 = n - p
  const r2 = 1 - rss / tss
  const adjustedRSquared = 1 - (1 - r2) * ((intercept ? n - 1 : n) / df2)
  const statistic = df1 > 0 ? (tss - rss) / df1 / (rss / df2) : NaN
  return { adjustedRSquared, fTest: { statistic, df1, df2, pValue: fUpper(statistic, df1, df2) } }
}

/**
 * A GLM's deviance tests: the null model (intercept only, or no coefficient at all, with the offset) has
 * closed-form means, so its deviance needs no fit; `deviance` maps means to the model's deviance. Logistic:
 * the null mean is one number, so its deviance is a closed form too (no n-sized array of means).
 */
export function glmTests(
  model: GlmModel,
  d: Design,
  residualDeviance: number,
  deviance: (mu: Float64Array) => number,
): NonNullable<RegressionResult['glm']> {
  const { n, p, intercept } = d
  const nullDeviance = model === 'logistic' ? bernoulliNullDeviance(d) : deviance(nullMeans(d))
  const dfNull = n - (intercept ? 1 : 0)
  const dfResidual = n - p
  const statistic = nullDeviance - residualDeviance
  const df = dfNull - dfResidual
  return {
    nullDeviance,
    dfNull,
    dfResidual,
    lrTest: { statistic, df, pValue: df > 0 ? chiSquareUpper(Math.max(statistic, 0), df) : NaN },
    devianceGofPValue: model === 'logistic' ? null : chiSquareUpper(residualDeviance, dfResidual),
  }
}

/** -2 sum(y log m + (1 - y) log(1 - m)) at the null mean m (the mean of y, or 1/2 without an intercept). */
function bernoulliNullDeviance(d: Design): number {
  let ones = 0
  for (let i = 0; i < d.n; i++) ones += d.y[i]
  const m = d.intercept ? ones / d.n : 0.5
  const zeros = d.n - ones
  return -2 * ((ones > 0 ? ones * Math.log(m) : 0) + (zeros > 0 ? zeros * Math.log1p(-m) : 0))
}

/** The count models' null means: the overall rate (or 1 without an intercept) times the exposure. */
function nullMeans(d: Design): Float64Array {
  const { n, y, offset, intercept } = d
  const mu = new Float64Array(n)
  let exposure = 0
  for (let i = 0; i < n; i++) exposure += offset ? Math.exp(offset[i]) : 1
  const rate = intercept ? y.reduce((s, v) => s + v, 0) / exposure : 1
  for (let i = 0; i < n; i++) mu[i] = rate * (offset ? Math.exp(offset[i]) : 1)
  return mu
}

/**
 * The full fit's prediction of the reduced optimum when the columns in `drop` are removed (V = covariance
 * or (X'X)^-1, p x p): beta_K - V_KD V_DD^-1 beta_D, K the kept columns in order. Exact for least squares
 * with V = (X'X)^-1; for a GLM within second-order terms of the reduced optimum. Null when V_DD is not
 * positive definite.
 */
export function reducedStart(
  v: Float64Array,
  beta: Float64Array,
  drop: readonly number[],
): Float64Array | null {
  const p = beta.length
  const t = drop.length
  const vdd = new Float64Array(t * t)
  for (let a = 0; a < t; a++) for (let b = 0; b < t; b++) vdd[a * t + b] = v[drop[a] * p + drop[b]]
  if (!choleskyInPlace(vdd, t)) return null
  const u = new Float64Array(t)
  choleskySolveInto(
    vdd,
    t,
    drop.map((j) => beta[j]),
    u,
  )
  const start: number[] = []
  for (let j = 0; j < p; j++) {
    if (drop.includes(j)) continue
    let s = beta[j]
    for (let a = 0; a < t; a++) s -= v[j * p + drop[a]] * u[a]
    start.push(s)
  }
  return Float64Array.from(start)
}

/** The first term whose columns include every column of `term` (R's drop1 tests only the others). */
function containingTerm(d: Design, term: Design['terms'][number]): string | null {
  const parts = new Set(term.parts)
  const outer = d.terms.find(
    (t) => t !== term && t.parts.length > term.parts.length && term.parts.every((x) => t.parts.includes(x)),
  )
  return outer && parts.size > 0 ? outer.name : null
}

/**
 * Drop-one likelihood-ratio tests: each term not contained in an interaction is removed and
 * 2 (logLik - logLik without) compared with chi-square on the term's column count. Linear: no refit
 * (`linearDropStatistics`, one pass for all terms). GLMs: the model is refitted on the same rows (no
 * trace) from the full fit's predicted reduced optimum. A reduced model that cannot be fitted gives NaN
 * (its message is not a result).
 */
export async function termTests(
  request: RegressionRequest,
  e: Estimate,
  fit: Pick<RegressionResult, 'logLikelihood' | 'deviance'>,
  options: ResolvedOptions,
  reporter: RegressionReporter,
): Promise<TermTest[]> {
  const d = e.design
  const tested = d.terms.filter((t) => containingTerm(d, t) === null && d.p - t.columns.length >= 1)
  const drops = tested.map((t) => t.columns)
  const statistics =
    request.model === 'linear'
      ? linearDropStatistics(e, fit.deviance, drops)
      : (await reducedLogLiks(request.model, e, drops, options, reporter)).map(
          (ll) => 2 * (fit.logLikelihood - ll),
        )
  const out: TermTest[] = []
  for (const term of d.terms) {
    const df = term.columns.length
    const containedIn = containingTerm(d, term)
    const k = tested.indexOf(term)
    if (k < 0) {
      out.push({ term: term.name, df, statistic: NaN, pValue: NaN, containedIn })
      continue
    }
    const statistic = statistics[k]
    out.push({
      term: term.name,
      df,
      statistic,
      pValue: chiSquareUpper(Math.max(statistic, 0), df),
      containedIn,
    })
  }
  return out
}

/**
 * Linear LR statistics n log(RSS_reduced / RSS) without refits: each reduced fit's coefficients from
 * (X'X)^-1 (`reducedStart`), then every RSS_reduced from explicit residuals in one pass over the full
 * design (the dropped columns' coefficients 0). RSS is stationary at the reduced optimum, so an error e in
 * those coefficients moves it by O(e²) only: each statistic matches a refit to rounding.
 */
function linearDropStatistics(e: Estimate, rss: number, drops: readonly (readonly number[])[]): number[] {
  const { columns, y, n, p, intercept } = e.design
  const starts = drops.map((columns) =>
    e.unscaledCovariance ? reducedStart(e.unscaledCovariance, e.beta, columns) : null,
  )
  const betas = new Float64Array(drops.length * p)
  starts.forEach((start, k) => {
    if (start) betas.set(withZeros(start, p, drops[k]), k * p)
  })
  const reduced = new Float64Array(drops.length)
  residualsKernel(p, intercept, drops.length)(columns, y, n, betas, reduced)
  return starts.map((start, k) => (start ? n * Math.log(reduced[k] / rss) : NaN))
}

/**
 * The reduced GLMs' maximized log-likelihoods, one per set of dropped columns (NaN where a reduced model
 * has none or cannot be fitted). Each is Newton on the full design with those coefficients held at 0 (no
 * reduced copy of it), from the full fit's prediction of the reduced optimum (`reducedStart`), reusing the
 * full fit's information while the steps shrink fast, stopping once the likelihood has settled (the LR
 * test needs only the maximum) and skipping the covariance; logistic and Poisson refits run in lockstep,
 * one pass over the data per round for all of them. The negative binomial refits from its usual Poisson
 * start (theta moves the optimum), one after another.
 */
async function reducedLogLiks(
  model: GlmModel,
  e: Estimate,
  drops: readonly (readonly number[])[],
  options: ResolvedOptions,
  reporter: RegressionReporter,
): Promise<number[]> {
  const d = e.design
  if (model === 'negbin') {
    const out: number[] = []
    for (const fixed of drops) out.push(await refitted(() => negbinFit(d, options, reporter, false, fixed)))
    return out
  }
  const constant = logFactorialSum(d)
  const runs = drops.map((fixed) => {
    const kept = e.covariance ? reducedStart(e.covariance, e.beta, fixed) : null
    const start = withZeros(kept ?? e.beta.filter((_, j) => !fixed.includes(j)), d.p, fixed)
    const newton: NewtonOptions = {
      maxIterations: options.maxIterations,
      tolerance: options.tolerance,
      constant,
      covariance: false,
      information: e.information ?? null,
      likelihoodOnly: true,
      fixed,
    }
    return { options: newton, start }
  })
  const fits = await glmNewtonBatch(model, d, runs, reporter)
  return fits.map((f) =>
    f !== null && f.divergence === null && f.converged ? f.kernelLogLikelihood + constant : NaN,
  )
}

/** A negative binomial refit's log-likelihood, NaN when it did not converge or could not be fitted. */
async function refitted(fit: () => Promise<{ converged: boolean; logLikelihood: number }>): Promise<number> {
  try {
    const r = await fit()
    return r.converged ? r.logLikelihood : NaN
  } catch (err) {
    if (!(err instanceof FitError)) throw err
    return NaN
  }
}

/** The p coefficients from the kept ones, 0 at `columns`. */
function withZeros(kept: Float64Array, p: number, columns: readonly number[]): Float64Array {
  const beta = new Float64Array(p)
  for (let j = 0, k = 0; j < p; j++) if (!columns.includes(j)) beta[j] = kept[k++]
  return beta
}
