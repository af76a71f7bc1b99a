import type { ExceedanceRow, PercentileRow, PercentileTable } from '../../../src-shared/contract'
import type { Distribution, FamilyContext, ParamDomain, Params } from '../distributions/types'
import { RequestError } from '../errors'
import { LikelihoodModel } from '../likelihood/likelihood-model'
import type { Sample } from '../stats/sample'
import { SILENT_CONTROL, type WorkControl } from '../control/work-control'
import { MAX_PROFILE_FREE, quantityProfileInterval } from './quantity-profile'
import { waldInterval } from './standard-errors'

/**
 * Most values a profile interval is computed for. The work is cancellable and reports progress, so this is
 * not a time budget: one profile point (a few hundred likelihood passes over the data) runs between two
 * checkpoints, and above this size it would hold the engine for seconds at a time. At that size the
 * delta-method interval is close to the profile one anyway.
 */
export const MAX_PROFILE_VALUES = 1_000_000
/** What a percentile table needs of a fit: its family and parameters and their covariance. */
export interface PercentileInput {
  dist: Distribution
  params: Params
  ctx: FamilyContext
  /** Covariance of the free parameters, in `free` order; null gives estimates without intervals. */
  covariance: number[][] | null
  free: string[]
  /**
   * The data the fit used: with it, rows of fits with up to three free parameters get profile intervals.
   * For a censored fit, `dist` is the family wrapped with the censored likelihood (`censoredFamily`) and
   * this its representative values, so the profile maximizes the likelihood the fit maximized.
   */
  sample?: Sample
}

/** Relative size of the central-difference steps: small against an SE, large against rounding noise. */
const STEP = 1e-4

/** A central-difference step for one parameter that stays inside its domain. */
function stepFor(value: number, domain: ParamDomain, sd: number): number {
  if (domain === 'positive') return STEP * value
  if (domain === 'unit-interval') return STEP * Math.min(value, 1 - value)
  return STEP * Math.max(Math.abs(value), sd, 1e-8)
}

/** d f / d theta_j over the free parameters by central differences; null where f is not finite. */
function gradient(input: PercentileInput, f: (params: Params) => number): number[] | null {
  const { dist, params, covariance, free } = input
  const out: number[] = []
  for (let j = 0; j < free.length; j++) {
    const spec = dist.params.find((p) => p.name === free[j])!
    const sd = Math.sqrt(Math.max(covariance?.[j][j] ?? 0, 0))
    const h = stepFor(params[free[j]], spec.domain, sd)
    const up = f({ ...params, [free[j]]: params[free[j]] + h })
    const down = f({ ...params, [free[j]]: params[free[j]] - h })
    const d = (up - down) / (2 * h)
    if (!Number.isFinite(d)) return null
    out.push(d)
  }
  return out
}

/** sqrt(g' C g), or null when it is not a finite non-negative number. */
function deltaSe(g: number[], covariance: number[][]): number | null {
  let v = 0
  for (let a = 0; a < g.length; a++) for (let b = 0; b < g.length; b++) v += g[a] * covariance[a][b] * g[b]
  return v >= 0 && Number.isFinite(v) ? Math.sqrt(v) : null
}

/** An estimate with its delta-method SE and 95% interval on the scale that keeps it in its range. */
function withInterval(
  input: PercentileInput,
  estimate: number,
  f: (params: Params) => number,
  domain: ParamDomain,
  smooth: boolean,
) {
  const none = { estimate, standardError: null, ci95: null, method: 'none' as const }
  if (!input.covariance || !smooth || !Number.isFinite(estimate)) return none
  const g = gradient(input, f)
  const se = g && deltaSe(g, input.covariance)
  if (se === null || se === undefined) return none
  return { estimate, standardError: se, ci95: waldInterval(estimate, se, domain), method: 'delta' as const }
}

/** Quantiles of a family on x >= 0 get their interval on the log scale (it stays positive). */
function quantileDomain(dist: Distribution, q: number): ParamDomain {
  return dist.support.lower >= 0 && !dist.support.estimatedEnds && q > 0 ? 'positive' : 'real'
}

function checkInput({ dist, covariance, free }: PercentileInput): void {
  const names = new Set(dist.params.map((p) => p.name))
  const unknown = free.find((name) => !names.has(name))
  if (unknown !== undefined) throw new RequestError(`${dist.label} has no parameter "${unknown}".`)
  if (covariance && (covariance.length !== free.length || covariance.some((r) => r.length !== free.length))) {
    throw new RequestError(
      `The covariance must be ${free.length} × ${free.length} (one row and column per free parameter).`,
    )
  }
}

/**
 * The likelihood a profile interval maximizes, for a fit with one to three free parameters, a covariance
 * and its data (up to MAX_PROFILE_VALUES); null when its rows get no profile intervals.
 */
function profileModel(input: PercentileInput) {
  const { dist, params, ctx, free, sample, covariance } = input
  const usable =
    sample &&
    covariance &&
    free.length >= 1 &&
    free.length <= MAX_PROFILE_FREE &&
    profileCost(sample) <= MAX_PROFILE_VALUES
  if (!usable) return null
  const fixed = Object.fromEntries(
    dist.params.filter((s) => !free.includes(s.name) && !s.derived).map((s) => [s.name, params[s.name]]),
  )
  const model = new LikelihoodModel(dist, sample, ctx, fixed)
  const maxLogLik = model.logLikelihood(params)
  return Number.isFinite(maxLogLik) ? { model, maxLogLik } : null
}

/**
 * A row's profile cost, in values read: each profile point is a few hundred log-likelihood passes over the
 * data (a family's whole-sample hook is faster per value, not fewer values: Weibull's sums x^k anew).
 */
function profileCost(sample: Sample): number {
  return sample.values.length
}

/** What the profile column holds, or why it is absent. */
function profileNote(
  input: PercentileInput,
  all: { profile95?: [number, number] | null; standardError: number | null }[],
): string {
  if (all.some((r) => r.profile95 !== undefined)) {
    const missing = all.some((r) => r.profile95 === null)
    return (
      'Profile-likelihood 95% intervals: where 2 (ℓ_max − ℓ_p) ≤ 3.841, the likelihood maximized with the ' +
      'quantity held (they follow its skew, unlike the delta method)' +
      (missing
        ? '; "—" where the quantity has no delta-method interval or an end cannot be found (the likelihood ' +
          'stays within 1.92 of its maximum up to the edge of what the family can give).'
        : '.')
    )
  }
  if (!input.sample || all.length === 0) return ''
  if (input.free.length > MAX_PROFILE_FREE)
    return (
      `No profile intervals: they are computed for fits with up to ${MAX_PROFILE_FREE} free parameters ` +
      `(this one has ${input.free.length}); the delta-method intervals stand alone.`
    )
  if (profileCost(input.sample) > MAX_PROFILE_VALUES)
    return (
      `No profile intervals above ${MAX_PROFILE_VALUES.toLocaleString('en-US')} values: each profile point ` +
      'would hold the engine for seconds; at this size the delta-method interval is close to the profile one.'
    )
  if (all.every((r) => r.standardError === null)) return ''
  return 'No profile intervals: the log-likelihood at the fitted parameters is not finite.'
}

function note(
  input: PercentileInput,
  rows: PercentileRow[],
  exceedances: ExceedanceRow[],
  profiled: boolean,
) {
  const parts: string[] = []
  if (!input.covariance) {
    parts.push(
      'No intervals: the fit is not at a confirmed maximum or has no usable covariance (see its health notes).',
    )
  } else {
    parts.push(
      'Standard errors and 95% intervals by the delta method from the observed-information covariance ' +
        '(numerical derivatives); quantiles of a family on x ≥ 0 on the log scale, exceedance ' +
        'probabilities on the logit scale, so intervals stay in range. They ignore model uncertainty.',
    )
    if (input.dist.discrete && rows.length > 0) {
      parts.push(
        'Percentiles of a discrete family are whole numbers that jump from one count to the next as the ' +
          'parameters move, so they have neither a delta-method nor a profile interval' +
          (exceedances.length > 0 ? ' (exceedance probabilities change smoothly: they have both).' : '.'),
      )
    }
    if ([...rows, ...exceedances].some((r) => r.method === 'none' && !input.dist.discrete)) {
      parts.push(
        'Rows without an interval: the quantity is not finite or not smooth in the parameters there.',
      )
    }
    if (profiled) parts.push(profileNote(input, [...rows, ...exceedances]))
  }
  if (input.ctx.threshold !== undefined && input.dist.needsThreshold) {
    parts.push(`Conditional on exceeding the threshold ${input.ctx.threshold}.`)
  }
  return parts.filter((p) => p !== '').join(' ')
}

/** A row's quantity as a function of the parameters, and the scale its interval lives on. */
function quantityOf(input: PercentileInput, row: PercentileRow | ExceedanceRow) {
  const { dist, ctx } = input
  if ('p' in row) {
    const p = row.p
    return { g: (at: Params) => dist.quantile(p, at, ctx), domain: quantileDomain(dist, row.estimate) }
  }
  const x = row.x
  return { g: (at: Params) => 1 - dist.cdf(x, at, ctx), domain: 'unit-interval' as const }
}

/**
 * The fitted distribution's quantiles at `probabilities` and its exceedance probabilities P(X > x) at
 * `exceed`, each with a delta-method standard error and 95% interval: g = d quantity / d theta by central
 * differences, SE = sqrt(g' C g) with the fit's covariance C. Quantiles of families on x >= 0 are
 * interval-estimated on the log scale and probabilities on the logit scale (`waldInterval`), like the
 * parameters. Immediate (no profile intervals: `withProfileIntervals` adds them as cancellable work);
 * bootstrap intervals are added next to these by `bootstrap/percentile-bootstrap.ts`.
 */
export function percentileTable(
  input: PercentileInput,
  probabilities: readonly number[],
  exceed: readonly number[],
): PercentileTable {
  checkInput(input)
  const { dist, params, ctx } = input
  const percentiles: PercentileRow[] = probabilities.map((p) => {
    const quantile = (at: Params) => dist.quantile(p, at, ctx)
    const q = quantile(params)
    return { p, ...withInterval(input, q, quantile, quantileDomain(dist, q), !dist.discrete) }
  })
  const exceedances: ExceedanceRow[] = exceed.map((x) => {
    const survival = (at: Params) => 1 - dist.cdf(x, at, ctx)
    const s = survival(params)
    return { x, ...withInterval(input, s, survival, 'unit-interval', s > 0 && s < 1) }
  })
  const table = { percentiles, exceedances, note: note(input, percentiles, exceedances, false) }
  // Rows without a delta-method interval (a discrete percentile, a quantity not smooth there) get no profile.
  const rows = [...percentiles, ...exceedances].filter((r) => r.standardError !== null).length
  const profiled = rows > 0 && profileModel(input) !== null
  return profiled ? { ...table, profileWork: profileCost(input.sample!) * rows } : table
}

/**
 * `table` (made by `percentileTable` from `input`) with each row's 95% profile-likelihood interval, for a
 * fit with one to three free parameters and its data; rows without a delta-method interval get null (the
 * quantity is not smooth there: a discrete family's percentile). Long work on large data: it reports "Profile intervals of percentiles:
 * k of n", yields at `control.checkpoint()` between profile points and stops with CancelledError on cancel.
 */
export async function withProfileIntervals(
  table: PercentileTable,
  input: PercentileInput,
  control: WorkControl = SILENT_CONTROL,
): Promise<PercentileTable> {
  const found = profileModel(input)
  const rows = [...table.percentiles, ...table.exceedances]
  // The answer has its profile column, so it no longer carries the cost of computing one.
  const { profileWork: _done, ...base } = table
  if (!found) return { ...base, note: note(input, table.percentiles, table.exceedances, true) }
  const profiled: (PercentileRow | ExceedanceRow)[] = []
  for (const [k, row] of rows.entries()) {
    control.report({
      task: 'fit',
      fraction: k / rows.length,
      message: `Profile intervals of percentiles: ${k + 1} of ${rows.length}`,
    })
    const { g, domain } = quantityOf(input, row)
    const profile95 =
      row.standardError === null
        ? null
        : await quantityProfileInterval(
            found.model,
            input.params,
            found.maxLogLik,
            { g, estimate: row.estimate, se: row.standardError, domain },
            () => control.checkpoint(),
          )
    profiled.push({ ...row, profile95 })
  }
  const percentiles = profiled.slice(0, table.percentiles.length) as PercentileRow[]
  const exceedances = profiled.slice(table.percentiles.length) as ExceedanceRow[]
  return { ...base, percentiles, exceedances, note: note(input, percentiles, exceedances, true) }
}
