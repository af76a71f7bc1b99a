import * as v from 'valibot'
import { Dictionary, DistId, List, ParamName, Text } from './primitives'

/** A (skewness², kurtosis) point of the Cullen-Frey plane. */
const PlanePoint = v.strictTuple([v.number(), v.number()])

/** Where a family's values live, as data (the renderer never parses the plain-words text). */
export const SupportRangeSchema = v.strictObject({
  /** -Infinity when unbounded below. */
  lower: v.number(),
  /** Infinity when unbounded above (binomial: Infinity, with upperIsTrials). */
  upper: v.number(),
  lowerClosed: v.boolean(),
  upperClosed: v.boolean(),
  /** Whole numbers only (discrete families). */
  integer: v.boolean(),
  /** Binomial: the upper end is the number of trials the user gives. */
  upperIsTrials: v.boolean(),
  /**
   * The support moves with an estimated parameter (pareto's xm, uniform's a/b, threshold families): only
   * the fixed ends above can be checked before fitting.
   */
  estimatedEnds: v.boolean(),
})

/** A family's place on the Cullen-Frey (skewness², kurtosis) plane; kurtosis is Pearson's (normal = 3). */
export const CullenFreyShapeSchema = v.variant('kind', [
  v.strictObject({ kind: v.literal('point'), skewness2: v.number(), kurtosis: v.number() }),
  /** Over the shape parameter, skewness² up to ~100. */
  v.strictObject({ kind: v.literal('curve'), points: List(PlanePoint, 1000) }),
  /** Beta: between kurtosis = skewness² + 1 and the gamma line. */
  v.strictObject({ kind: v.literal('region'), polygon: List(PlanePoint, 1000) }),
])

/**
 * How another tool fits the family ("Reproduce this fit"): the call and, per parameter of ours, the
 * expression that reads it from that tool's estimate (`e`: R's `fit$estimate`; `est`: what SciPy's call
 * returns), so parametrizations that differ (SciPy's scale = 1 / rate) are mapped in one place. `{trials}`
 * and `{threshold}` stand for the fit's values; `x` is the data. Null: the tool has no such family.
 */
export const FamilyCodeSchema = v.strictObject({
  r: v.nullable(v.strictObject({ call: Text, estimate: Dictionary(ParamName, Text, 20) })),
  python: v.nullable(v.strictObject({ call: Text, estimate: Dictionary(ParamName, Text, 20) })),
  /** What differs between the tools and us, in plain words. */
  note: v.optional(Text),
})

/** Families the engine offers, for the model picker and the Cullen-Frey chart (never the family id). */
export const DistributionInfoSchema = v.strictObject({
  id: DistId,
  label: Text,
  discrete: v.boolean(),
  params: List(
    v.strictObject({
      name: ParamName,
      symbol: ParamName,
      domain: v.picklist(['real', 'positive', 'unit-interval']),
      /** Determined by the others (a mixture's last weight): never optimised, so not on the convergence chart. */
      derived: v.optional(v.literal(true)),
    }),
    20,
  ),
  /** Why the family does not fit censored data (discrete, threshold, non-regular); absent when it does. */
  censoredProblem: v.optional(Text),
  /** Plain-words support for messages, e.g. `x > 0`. */
  support: Text,
  supportRange: SupportRangeSchema,
  /** The user must give the number of trials (binomial). */
  needsTrials: v.boolean(),
  /** The user must give a threshold; fits use the values above it (gpd). */
  needsThreshold: v.optional(v.boolean()),
  /** Null for families not drawn on the Cullen-Frey plot. */
  cullenFrey: v.nullable(CullenFreyShapeSchema),
  /**
   * A mixture: the user chooses its number of components (default, at most max, or `auto`); `params`
   * lists those of the default. Fit all fits it only when asked (`include`).
   */
  components: v.optional(v.strictObject({ default: v.number(), max: v.number() })),
  /** Why Fit all leaves the family out unless it is named in the request's `include`. */
  notInFitAll: v.optional(v.string()),
  /** How R (fitdistrplus) and Python (SciPy) fit the family; absent for families neither has. */
  code: v.optional(FamilyCodeSchema),
})
