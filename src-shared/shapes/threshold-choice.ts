import * as v from 'valibot'
import { ValueRangeSchema } from './fit'
import { Count, DistId, List, Name, Real, Text } from './primitives'

/** Peaks over threshold: the data to choose a threshold for (the column, its weights and range). */
export const ThresholdChoiceRequestSchema = v.strictObject({
  column: Name,
  /** The peaks-over-threshold family (one that needs a threshold: gpd). */
  dist: DistId,
  weights: v.optional(Name),
  range: v.optional(ValueRangeSchema),
  /** Candidate thresholds (default 30): quantiles from the smallest value to the one leaving 10 above. */
  candidates: v.optional(v.pipe(Count(200), v.minValue(3))),
})

/** The mean excess E[X - u | X > u] at one threshold, with its 95% normal interval. */
export const MeanExcessPointSchema = v.strictObject({
  u: Real,
  /** Exceedances (their total weight with frequency weights). */
  n: Real,
  mean: Real,
  lower: Real,
  upper: Real,
})

/**
 * A gpd fit above one threshold: the modified scale sigma* = sigma - xi u and xi, each with a 95% Wald
 * interval (sigma*'s by the delta method); both stay constant above a threshold where the GPD holds.
 */
export const StabilityPointSchema = v.strictObject({
  u: Real,
  n: Real,
  sigmaStar: Real,
  sigmaStarLower: Real,
  sigmaStarUpper: Real,
  xi: Real,
  xiLower: Real,
  xiUpper: Real,
  /** The fit reached a confirmed maximum; intervals of others are not shown as trustworthy. */
  converged: v.boolean(),
})

/** The threshold-choice plots of the peaks-over-threshold workflow (mean excess, parameter stability). */
export const ThresholdChoiceSchema = v.strictObject({
  column: Name,
  meanExcess: List(MeanExcessPointSchema, 200),
  stability: List(StabilityPointSchema, 200),
  /** Plain words: how to read the plots, and thresholds whose fit failed. */
  note: Text,
})
