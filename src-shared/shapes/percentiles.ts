import * as v from 'valibot'
import { BootstrapCiSchema, BootstrapMethodSchema, MAX_BOOTSTRAP_CI } from './bootstrap'
import { DiagnosticsRequestSchema } from './fit'
import { Count, Finite, Interval, List, ParamName, Real, TaskTag, Text } from './primitives'

/** At most this many probabilities or exceedance values in one table. */
export const MAX_PERCENTILE_ROWS = 50

/** The probabilities a percentile table shows unless the user adds others (P1 … P99). */
export const DEFAULT_PERCENTILES = [0.01, 0.05, 0.1, 0.5, 0.9, 0.95, 0.99] as const

/** A probability strictly between 0 and 1 (P0 and P100 are the support's ends, not estimates). */
export const OpenProbability = v.pipe(Finite, v.gtValue(0), v.ltValue(1))

/**
 * Percentiles and exceedance probabilities of one fit: the fit's parameters (as for its diagnostics) and its
 * covariance over the free parameters, `free` naming them in the covariance's order. A null covariance
 * gives the estimates without intervals. With the fit's bootstrap replicates (`bootstrap`: the part of its
 * `bootstrapCi` the arithmetic needs), each row also gets bootstrap intervals.
 */
export const PercentilesRequestSchema = v.strictObject({
  ...DiagnosticsRequestSchema.entries,
  covariance: v.nullable(List(List(Real, 100), 100)),
  free: List(ParamName, 100),
  probabilities: List(OpenProbability, MAX_PERCENTILE_ROWS),
  exceed: List(Finite, MAX_PERCENTILE_ROWS),
  bootstrap: v.optional(v.pick(BootstrapCiSchema, ['method', 'level', 'names', 'estimates', 'jackknife'])),
  /**
   * False: the table at once, without profile-likelihood intervals (the renderer shows it, then asks again
   * for them). Default: with them, as long work with progress and cancel on large data.
   */
  profiles: v.optional(v.boolean()),
  /** Lets `task:cancel` with this tag stop this request alone (the renderer's profile run of one fit). */
  task: v.optional(TaskTag),
})

/**
 * How an interval was made: `delta` (the delta method with the observed-information covariance), `none`
 * (no interval: see the table's note). Bootstrap intervals have their own field (`bootstrap`).
 */
export const PercentileIntervalMethodSchema = v.picklist(['delta', 'none'])

/** One estimated quantity with its standard error and 95% interval. */
const estimateEntries = {
  estimate: Real,
  standardError: v.nullable(Real),
  ci95: v.nullable(Interval),
  method: PercentileIntervalMethodSchema,
  /**
   * 95% profile-likelihood interval: where 2 (ll_max - ll_p) <= 3.841, ll_p maximizing the likelihood with
   * the quantity held (fits with one to three free parameters, on the fit's weighted or censored likelihood);
   * absent where not computed (the note says why), null where the row has no delta-method interval (a
   * discrete percentile) or an end cannot be found.
   */
  profile95: v.optional(v.nullable(Interval)),
}

/**
 * A row's bootstrap intervals at the table's `bootstrap.level`: the replicates' quantity through the
 * family's quantile or cdf, its percentile interval and BCa (null without the jackknife or where BCa fails).
 */
export const PercentileBootstrapSchema = v.strictObject({
  percentile: v.nullable(Interval),
  bca: v.nullable(Interval),
})

/** One estimated quantity with its standard error and 95% interval; `bootstrap` when the fit has replicates. */
const rowEntries = { ...estimateEntries, bootstrap: v.optional(PercentileBootstrapSchema) }

export const PercentileRowSchema = v.strictObject({ p: Real, ...rowEntries })
/** P(X > x) at a value x the user gave. */
export const ExceedanceRowSchema = v.strictObject({ x: Real, ...rowEntries })

export const PercentileTableSchema = v.strictObject({
  percentiles: List(PercentileRowSchema, MAX_PERCENTILE_ROWS),
  exceedances: List(ExceedanceRowSchema, MAX_PERCENTILE_ROWS),
  /** Plain words on how the intervals were made and what they assume. */
  note: Text,
  /**
   * In a table without profile intervals that could have them: their cost (values × rows). The app starts
   * small ones by itself and offers large ones.
   */
  profileWork: v.optional(Count(Number.MAX_SAFE_INTEGER)),
  /** When the rows carry bootstrap intervals: how the replicates were drawn, the level, how many, BCa or not. */
  bootstrap: v.optional(
    v.strictObject({
      method: BootstrapMethodSchema,
      level: Finite,
      replicates: Count(MAX_BOOTSTRAP_CI),
      bca: v.boolean(),
    }),
  ),
})
