import betainc from '@stdlib/math-base-special-betainc'
import gammainc from '@stdlib/math-base-special-gammainc'
import type { RegressionRequest, RegressionResult, TermTest } from '../../../src-shared/contract'
import { FitError } from '../errors'
import type { Design } from './design'
import { exactEstimate, totalLogLik } from './estimate'
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
 * closed-form means, so its deviance needs no fit; `deviance` maps means to the model's deviance.
 */
export function glmTests(
  model: GlmModel,
  d: Design,
  residualDeviance: number,
  deviance: (mu: Float64Array) => number,
): NonNullable<RegressionResult['glm']> {
  const { n, p, y, offset, intercept } = d
  const mu = new Float64Array(n)
  if (model === 'logistic') mu.fill(intercept ? y.reduce((s, v) => s + v, 0) / n : 0.5)
  else {
    let exposure = 0
    for (let i = 0; i < n; i++) exposure += offset ? Math.exp(offset[i]) : 1
    const rate = intercept ? y.reduce((s, v) => s + v, 0) / exposure : 1
    for (let i = 0; i < n; i++) mu[i] = rate * (offset ? Math.exp(offset[i]) : 1)
  }
  const nullDeviance = deviance(mu)
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

/** The design without the columns in `drop` (indices into d.names). */
export function dropColumns(d: Design, drop: ReadonlySet<number>): Design {
  const keep = d.names.map((_, j) => j).filter((j) => !drop.has(j))
  const q = keep.length
  const x = new Float64Array(d.n * q)
  for (let i = 0; i < d.n; i++) for (let k = 0; k < q; k++) x[i * q + k] = d.x[i * d.p + keep[k]]
  const at = new Map(keep.map((j, k) => [j, k]))
  const terms = d.terms
    .filter((t) => !t.columns.every((c) => drop.has(c)))
    .map((t) => ({ ...t, columns: t.columns.filter((c) => !drop.has(c)).map((c) => at.get(c)!) }))
  return { ...d, x, p: q, names: keep.map((j) => d.names[j]), terms }
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
 * Drop-one likelihood-ratio tests: each term not contained in an interaction is removed, the model refitted
 * on the same rows (exact fit, no trace), and 2 (logLik - logLik without) compared with chi-square on the
 * term's column count. A reduced model that cannot be fitted gives NaN (its message is not a result).
 */
export async function termTests(
  request: RegressionRequest,
  d: Design,
  logLik: number,
  options: ResolvedOptions,
  reporter: RegressionReporter,
): Promise<TermTest[]> {
  const out: TermTest[] = []
  for (const term of d.terms) {
    const df = term.columns.length
    const containedIn = containingTerm(d, term)
    if (containedIn !== null || d.p - df < 1) {
      out.push({ term: term.name, df, statistic: NaN, pValue: NaN, containedIn })
      continue
    }
    const reduced = dropColumns(d, new Set(term.columns))
    let without = NaN
    try {
      const e = await exactEstimate(request, reduced, options, reporter, false)
      if (e.divergence === null && e.converged) {
        without = e.logLikelihood ?? totalLogLik(request.model, reduced, e.beta)
      }
    } catch (e) {
      if (!(e instanceof FitError)) throw e
    }
    const statistic = 2 * (logLik - without)
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
