import * as v from 'valibot'
import { FitOptionsSchema, GradientReportSchema, GridAxisSchema, TracePointSchema } from './fit'
import { List, MAX_LEVELS, MAX_PREDICTORS, Name, Real, Reals, Text } from './primitives'

/** negbin: negative binomial with log link (Var = mu + mu²/theta), for over-dispersed counts. */
export const RegressionModelSchema = v.picklist(['linear', 'logistic', 'poisson', 'negbin'])

export const RegressionRequestSchema = v.strictObject({
  model: RegressionModelSchema,
  response: Name,
  /** Terms: a column ("dose", or a text column as a factor) or an interaction of columns ("supp:dose"). */
  predictors: List(Name, MAX_PREDICTORS, 1),
  /** Reference level per text predictor (default: its first level in sorted order). */
  reference: v.optional(
    v.pipe(
      v.record(Name, Text),
      v.check((r) => Object.keys(r).length <= MAX_PREDICTORS, 'too many reference levels'),
    ),
  ),
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
  /** 1 - (1 - R²)(n - 1)/(n - p) with an intercept (n/(n - p) without, as R). */
  adjustedRSquared: Real,
  /** Overall F test of every coefficient but the intercept: statistic, df1, df2, p-value (NaN when df1 = 0). */
  fTest: v.strictObject({ statistic: Real, df1: Real, df2: Real, pValue: Real }),
})

/**
 * GLMs: residual deviance (vs the saturated model), the null model's deviance (intercept only, with the
 * offset), the likelihood-ratio test of the model against it, and for counts the deviance goodness-of-fit
 * test (residual deviance against chi-square with n - p df; null for 0/1 responses, where it means nothing).
 */
const GlmSummary = v.strictObject({
  nullDeviance: Real,
  dfNull: Real,
  dfResidual: Real,
  lrTest: v.strictObject({ statistic: Real, df: Real, pValue: Real }),
  devianceGofPValue: v.nullable(Real),
})

/**
 * Drop-one likelihood-ratio test of a term (the model without that term's columns, refitted; df = its
 * column count). Terms contained in an interaction are not tested (statistic and p NaN, `containedIn` says which).
 */
export const TermTestSchema = v.strictObject({
  term: Name,
  df: Real,
  statistic: Real,
  pValue: Real,
  containedIn: v.nullable(Name),
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
  glm: v.optional(v.nullable(GlmSummary)),
  logistic: v.nullable(LogisticSummary),
  /** Negative binomial: theta (Var = mu + mu²/theta) and its standard error (observed information at the means). */
  negbin: v.optional(v.nullable(v.strictObject({ theta: Real, thetaStandardError: Real }))),
  /** Drop-one likelihood-ratio tests, one per term in request order (absent for gradient fits). */
  termTests: v.optional(List(TermTestSchema, MAX_PREDICTORS)),
  /** Text predictors: reference level and all levels, one entry per factor. */
  factors: v.optional(
    List(v.strictObject({ column: Name, reference: Text, levels: List(Text, MAX_LEVELS) }), MAX_PREDICTORS),
  ),
  /** Logistic regression on a text column of two values: the level modelled as 1 (the event) and the other (0). */
  event: v.optional(v.strictObject({ column: Name, level: Text, reference: Text })),
  plot: v.nullable(RegressionPlot),
  /**
   * Any number of predictors: residuals vs fitted and a normal Q-Q of the residuals (at most 2,000 points
   * each). `standardized`: residual / residual standard error (linear); `deviance`: deviance residuals (GLMs).
   */
  residuals: v.optional(
    v.nullable(
      v.strictObject({
        kind: v.picklist(['standardized', 'deviance']),
        fitted: Reals,
        residual: Reals,
        qq: v.strictObject({ theoretical: Reals, sample: Reals }),
      }),
    ),
  ),
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
