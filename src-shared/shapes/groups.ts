import * as v from 'valibot'
import { ExclusionSchema, FamilyReason, fitCommon, FitResultSchema, WeightsInfoSchema } from './fit'
import { Count, DistId, FiniteParams, List, Name, Real, Text } from './primitives'

/** Most groups a By column may have: more is almost always the wrong column (an id, a measurement). */
export const MAX_GROUPS = 50

/** Fits of the chosen families in each group of a By column, plus the pooled fit and the test between them. */
export const GroupFitRequestSchema = v.strictObject({
  ...fitCommon,
  /** The By column: a text, date or numeric column whose distinct values are the groups. */
  by: Name,
  /** Family ids, or every applicable family (fit-all in each group). */
  dists: v.union(
    [v.literal('all'), List(DistId, 100, 1)],
    'choose at least one family (a list of 1 to 100 family ids), or "all"',
  ),
  /** Parameters held at given values in every group's fit (one family only). */
  fixed: v.optional(FiniteParams),
})

/** The data one group (or the pooled fit) used. */
export const GroupDataSchema = v.strictObject({
  /** Data rows in the group after the exclusion rules. */
  rows: Count(Number.MAX_SAFE_INTEGER),
  /** Values fitted: rows with a value (and a positive weight). */
  used: Count(Number.MAX_SAFE_INTEGER),
  /** Total weight, when the fit used frequency weights (the n of the fit). */
  total: v.optional(Real),
})

/** One group: its label (the By column's value), its data and its fits in rank order. */
export const GroupFitSchema = v.strictObject({
  group: Text,
  data: GroupDataSchema,
  fits: List(FitResultSchema, 100),
  /** Families not fitted in this group, with why (too few values for the parameters, outside support...). */
  notApplicable: List(FamilyReason, 100),
})

/**
 * The likelihood-ratio test of "every group follows the same distribution of this family": the pooled fit
 * of the tested groups against separate fits, 2 (sum of group log-likelihoods - pooled), df = (groups - 1) k.
 */
export const GroupTestSchema = v.strictObject({
  dist: DistId,
  statistic: Real,
  df: Count(100_000),
  /** Upper chi-square tail; null when the test cannot be made (fewer than two groups, a fit not at a maximum). */
  pValue: v.nullable(Real),
  /** The groups in the test (a group whose fit failed is left out, and the pooled fit refitted without it). */
  groups: List(Text, 100),
  pooledLogLikelihood: Real,
  separateLogLikelihood: Real,
  /** The result in plain words, with anything that makes it doubtful. */
  note: Text,
})

export const GroupFitResultSchema = v.strictObject({
  column: Name,
  by: Name,
  groups: List(GroupFitSchema, 100),
  /** Every group together: the fit the test compares the separate fits with. */
  pooled: v.strictObject({
    data: GroupDataSchema,
    fits: List(FitResultSchema, 100),
    notApplicable: List(FamilyReason, 100),
  }),
  tests: List(GroupTestSchema, 100),
  /** Groups too small to fit any family (left out of the pooled fit and the tests), with why. */
  skipped: List(v.strictObject({ group: Text, used: Count(Number.MAX_SAFE_INTEGER), reason: Text }), 100),
  /** Every exclusion rule (range, rows, category, rows without a group) with the rows it removed. */
  exclusions: List(ExclusionSchema, 100),
  weights: v.optional(WeightsInfoSchema),
})
