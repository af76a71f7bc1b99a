import * as v from 'valibot'
import { Count, Name, Real, Reals, Text } from './primitives'

/**
 * Censored observations, in one of the two forms analysts bring them. The fit's `column` holds the times
 * (status form) or the lower bounds (interval form).
 * - status form (survival analysis): `status` names a column whose 1 (true, yes) marks an observed value
 *   and 0 (false, no) a value right-censored at the column's value; with `event`, the status column's
 *   value that marks an observed value (the event happened: R's `Surv(time, status == "failed")`) and
 *   its one other value a right-censored one (a text column, or numbers coded otherwise than 1/0);
 * - interval form (fitdistrplus): `upper` names the upper-bound column; an empty lower bound is
 *   left-censored at the upper one, an empty upper bound right-censored at the lower one, equal bounds an
 *   exact value, different ones an interval.
 */
export const CensoringSchema = v.union([
  v.strictObject({ status: Name, event: v.optional(Name) }),
  v.strictObject({ upper: Name }),
])

/** How a fit read its censored observations: the counts of each kind and what was read, in plain words. */
export const CensoringInfoSchema = v.strictObject({
  form: v.picklist(['status', 'interval']),
  /** The times (status form) or lower bounds (interval form). */
  column: Name,
  /** The status column (status form). */
  status: v.optional(Name),
  /** The status value read as observed, when the request named one. */
  event: v.optional(Name),
  /** The upper-bound column (interval form). */
  upper: v.optional(Name),
  exact: Count(Number.MAX_SAFE_INTEGER),
  right: Count(Number.MAX_SAFE_INTEGER),
  left: Count(Number.MAX_SAFE_INTEGER),
  interval: Count(Number.MAX_SAFE_INTEGER),
  /** "n exact, m right-censored, ..." and what the status codes were read as. */
  note: Text,
  /** Why no goodness-of-fit test is shown (the usual ones assume exact values). */
  goodnessOfFit: Text,
})

/**
 * The nonparametric estimate of the CDF of censored data, drawn against the fitted CDF and survival:
 * Kaplan-Meier (exact and right-censored values) with its pointwise 95% band (Greenwood, log-log), or
 * Turnbull's NPMLE (left- or interval-censored values), a step function on the intervals where it puts
 * mass (no band: `lower`/`upper` empty, `note` says so).
 */
export const NonparametricCdfSchema = v.strictObject({
  method: v.picklist(['kaplan-meier', 'turnbull']),
  /** Step points: the estimate is `cdf[i]` from `x[i]` up to `x[i + 1]`. */
  x: Reals,
  cdf: Reals,
  lower: Reals,
  upper: Reals,
  /** The fitted CDF at `x`. */
  fitted: Reals,
  /** Observations behind the estimate. */
  n: Real,
  note: Text,
})
