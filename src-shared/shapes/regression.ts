import * as v from 'valibot'
import { FitOptionsSchema, GradientReportSchema, GridAxisSchema, TracePointSchema } from './fit'
import { List, MAX_PREDICTORS, Name, Real, Reals, Text } from './primitives'

export const RegressionModelSchema = v.picklist(['linear', 'logistic', 'poisson'])

export const RegressionRequestSchema = v.strictObject({
  model: RegressionModelSchema,
  response: Name,
  predictors: List(Name, MAX_PREDICTORS, 1),
  /** Include an intercept named `(Intercept)` (default true). */
  intercept: v.optional(v.boolean()),
  /** Poisson only: exposure column; log(exposure) enters as an offset. */
  exposure: v.optional(v.nullable(Name)),
  method: v.optional(v.picklist(['newton', 'gradient'])),
  options: v.optional(FitOptionsSchema),
})

export const CoefficientEstimateSchema = v.strictObject({
  name: Name,
  estimate: Real,
  standardError: Real,
  /** t for linear regression, z otherwise. */
  statistic: Real,
  pValue: Real,
  ci95: v.strictTuple([Real, Real]),
})

/** Linear: sigma by MLE (divides by n), unbiased residual standard error, mean squared error. */
const LinearSummary = v.strictObject({
  sigmaMle: Real,
  residualStandardError: Real,
  meanSquaredError: Real,
  rSquared: Real,
})

/** Logistic: mean negative log-likelihood, accuracy and confusion at 0.5, separation check. */
const LogisticSummary = v.strictObject({
  crossEntropy: Real,
  accuracy: Real,
  confusion: v.strictObject({
    truePositive: Real,
    falsePositive: Real,
    trueNegative: Real,
    falseNegative: Real,
  }),
  separation: v.picklist(['none', 'quasi-complete', 'complete']),
})

/** One predictor only: points and fitted curve (with a 95% band for linear), residuals vs fitted. */
const RegressionPlot = v.strictObject({
  points: v.strictObject({ x: Reals, y: Reals }),
  curve: v.strictObject({ x: Reals, y: Reals, lower: v.nullable(Reals), upper: v.nullable(Reals) }),
  residuals: v.strictObject({ fitted: Reals, residual: Reals }),
})

export const RegressionResultSchema = v.strictObject({
  model: RegressionModelSchema,
  response: Name,
  predictors: List(Name, MAX_PREDICTORS, 1),
  intercept: v.boolean(),
  data: v.strictObject({ rows: Real, used: Real, missing: Real }),
  coefficients: List(CoefficientEstimateSchema, MAX_PREDICTORS + 1),
  logLikelihood: Real,
  aic: Real,
  bic: Real,
  deviance: Real,
  n: Real,
  method: v.picklist(['newton', 'qr', 'gradient']),
  iterations: Real,
  converged: v.boolean(),
  message: Text,
  seconds: Real,
  /** Training and validation mean log-likelihood per iteration; params keyed by coefficient name. */
  trace: List(TracePointSchema),
  linear: v.nullable(LinearSummary),
  logistic: v.nullable(LogisticSummary),
  plot: v.nullable(RegressionPlot),
  /**
   * `gradient` only: split sizes, early stopping and the gap to the exact (Newton/QR) optimum on the same
   * training rows (gapParams keyed by coefficient name). Statistics above are then on the training part.
   */
  gradient: v.optional(v.nullable(GradientReportSchema)),
})

/** Negative log-likelihood over intercept and slope (simple linear or logistic regression). */
export const RegressionGridRequestSchema = v.strictObject({
  request: RegressionRequestSchema,
  intercept: GridAxisSchema,
  slope: GridAxisSchema,
})
