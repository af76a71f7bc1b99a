import * as v from 'valibot'
import { Count, Finite, Interval, List, ParamName, Real, Text } from './primitives'

/**
 * Most replicates a bootstrap interval may ask for: every converged replicate's estimates travel in the
 * result (the estimates view, sessions, derived quantities), and 10,000 keeps a session of a few
 * three-parameter fits under a few megabytes. 999 (the default) resolves a 95% percentile interval's ends
 * to about ±0.7 percentage points of coverage.
 */
export const MAX_BOOTSTRAP_CI = 10_000

/** Bound on stored jackknife re-fits (the engine makes at most 400 leave-one-out or 200 grouped ones). */
const MAX_JACKKNIFE_REFITS = 1000

/** How replicates are drawn: resampling the data (`nonparametric`) or simulating the fitted model (`parametric`). */
export const BootstrapMethodSchema = v.picklist(['nonparametric', 'parametric'])

/** One quantity's bootstrap summary and intervals. */
export const BootstrapIntervalSchema = v.strictObject({
  name: ParamName,
  /** The maximum-likelihood estimate on the data. */
  estimate: Real,
  /** Median and standard deviation of the converged replicates' estimates. */
  median: Real,
  standardError: Real,
  /** Percentile interval: the replicates' (1 - level)/2 and (1 + level)/2 quantiles (R's type 7). */
  percentile: v.nullable(Interval),
  /** BCa interval (bias-corrected and accelerated); null when it cannot be computed (see `note`). */
  bca: v.nullable(Interval),
  /** BCa's bias correction z0 and jackknife acceleration a; null when not computed. */
  z0: v.nullable(Real),
  acceleration: v.nullable(Real),
})

/** Bootstrap confidence intervals of a fit's free parameters, with every converged replicate's estimates. */
export const BootstrapCiSchema = v.strictObject({
  method: BootstrapMethodSchema,
  /** Replicates asked for. */
  replicates: Count(MAX_BOOTSTRAP_CI),
  /** Replicates whose re-fit converged (the intervals use these). */
  converged: Count(MAX_BOOTSTRAP_CI),
  /** Replicates whose re-fit failed or did not converge: counted here and named in `note`, never hidden. */
  failed: Count(MAX_BOOTSTRAP_CI),
  seed: v.pipe(v.number(), v.integer()),
  level: Finite,
  intervals: List(BootstrapIntervalSchema, 100),
  /** The columns of `estimates`: the free parameters in the fit's order. */
  names: List(ParamName, 100),
  /** The converged replicates' estimates, one row per replicate (replicate order), columns as `names`. */
  estimates: List(List(Real, 100), MAX_BOOTSTRAP_CI),
  /**
   * How BCa's acceleration was estimated: leave-one-out or grouped jackknife, and how many re-fits. When
   * every re-fit converged, its estimates (columns as `names`) and the deleted units each stands for, so
   * quantities derived from the parameters (percentiles) get BCa intervals too; absent in older sessions.
   */
  jackknife: v.nullable(
    v.strictObject({
      kind: v.picklist(['full', 'grouped']),
      refits: Count(1e9),
      estimates: v.optional(List(List(Real, 100), MAX_JACKKNIFE_REFITS)),
      weights: v.optional(List(Finite, MAX_JACKKNIFE_REFITS)),
    }),
  ),
  /** Plain words: method, B, seed, failures, caveats. */
  note: Text,
})
