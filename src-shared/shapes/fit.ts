import * as v from 'valibot'
import { ExclusionRuleSchema, ExclusionRulesSchema } from './exclusions'
import {
  Count,
  Dictionary,
  DistId,
  Finite,
  FiniteParams,
  Interval,
  List,
  MAX_NAME_CHARS,
  Name,
  NamedValues,
  ParamName,
  ParamValues,
  Real,
  Reals,
  Text,
  XY,
} from './primitives'
import { CensoringInfoSchema, CensoringSchema, NonparametricCdfSchema } from './censoring'
import { BootstrapCiSchema, BootstrapMethodSchema, MAX_BOOTSTRAP_CI } from './bootstrap'

/** Optimizers a fit can use. `auto` = closed form when the family has one, else Newton/L-BFGS. */
/** `mps`: maximum product of spacings (not maximum likelihood), for continuous families such as the threshold ones. */
export const FitMethodSchema = v.picklist(['auto', 'closed-form', 'newton', 'lbfgs', 'gradient', 'mps'])

/** Histogram bin rule: Freedman-Diaconis (default), Sturges, Scott, or a fixed bin count. */
export const BinRuleSchema = v.union([
  v.picklist(['fd', 'sturges', 'scott']),
  v.pipe(Count(10_000), v.minValue(1)),
])

/** Number of binomial trials the user gives. */
export const TrialsSchema = v.pipe(Count(1e9), v.minValue(1))

/** Components of a mixture family (normal_mixture): a number, or `auto` (K = 1..5 by BIC). */
export const ComponentCountSchema = v.pipe(Count(10), v.minValue(1))
export const ComponentsSchema = v.union([ComponentCountSchema, v.literal('auto')])

/**
 * Gradient ascent's defaults (method `gradient`, of fits and regressions): the engine fills them in, the
 * page shows them as its fields' placeholders and draws a live fit's iteration axes up to `epochs`.
 */
export const GRADIENT_DEFAULTS = {
  learningRate: 0.1,
  /** `maxIterations`: epochs at most. */
  epochs: 10_000,
  /** Relative log-likelihood gain below which it stops. */
  tolerance: 1e-12,
  patience: 100,
  validationFraction: 0.2,
} as const

/** Optimizer settings; every field has a default, documented here (gradient's: `GRADIENT_DEFAULTS`). */
export const FitOptionsSchema = v.strictObject({
  /** Gradient ascent step on the mean log-likelihood (default 0.1). */
  learningRate: v.optional(v.pipe(Finite, v.gtValue(0))),
  /** Iterations (epochs for `gradient`) at most (default 10,000 for gradient, 500 otherwise). */
  maxIterations: v.optional(Count(10_000_000)),
  /** Stop when the log-likelihood improves by less than this, relative (default 1e-10; gradient 1e-12). */
  tolerance: v.optional(v.pipe(Finite, v.minValue(0))),
  /** Gradient: epochs without a better validation log-likelihood before stopping early (default 100; 0 = never). */
  patience: v.optional(Count(10_000_000)),
  /** Gradient: fraction held out for validation, split by a seeded shuffle (default 0.2). */
  validationFraction: v.optional(v.pipe(Finite, v.minValue(0), v.maxValue(0.9))),
  /** Seed of the train/validation shuffle and of bootstrap samples (default 42). */
  seed: v.optional(v.pipe(v.number(), v.integer())),
  /** Starting values by parameter name (default: the family's moment-based start); missing names use it. */
  start: v.optional(FiniteParams),
})

/** A value range, either end open: an exclusion rule of a fit. */
export const ValueRangeSchema = v.strictObject({ min: v.optional(Finite), max: v.optional(Finite) })

/**
 * One exclusion rule a fit applied, in plain words, with the number of data rows it removed and the rule
 * itself (a value range), so charts of the fit can ask for the same data.
 */
export const ExclusionSchema = v.strictObject({
  rule: Text,
  rows: Count(Number.MAX_SAFE_INTEGER),
  range: v.optional(ValueRangeSchema),
  /** The rule itself when it is not a value range (rows, a category of another column). */
  exclude: v.optional(ExclusionRuleSchema),
})

/** What every fit request shares: the column, the optimizer and the presentation of the result. */
export const fitCommon = {
  column: Name,
  method: v.optional(FitMethodSchema),
  options: v.optional(FitOptionsSchema),
  /** Binomial only: the number of trials (fixed by the user). */
  trials: v.optional(TrialsSchema),
  /** Peaks-over-threshold families (gpd) only: the threshold; the fit uses the values above it. */
  threshold: v.optional(Finite),
  /** Mixture families (normal_mixture) only: the number of components, or `auto` (default 2). */
  components: v.optional(ComponentsSchema),
  /** Parametric-bootstrap replicates for goodness-of-fit p-values (default 0 = none). */
  bootstrap: v.optional(Count(100_000)),
  bins: v.optional(BinRuleSchema),
  /**
   * Frequency weights: a numeric column whose value in each row says how many observations that row's
   * value stands for (a value/count table). Every statistic is weighted and n is the total weight.
   */
  weights: v.optional(Name),
  /** Exclusion by value range: only values in [min, max] are fitted (an absent end is open). */
  range: v.optional(ValueRangeSchema),
  /** Censored observations: a status column or an upper-bound column (shapes/censoring.ts). */
  censoring: v.optional(CensoringSchema),
  /** Exclusion by rows or by a category of another column, applied after the range. */
  exclude: v.optional(ExclusionRulesSchema),
}

/** How a fit used its frequency-weights column. */
export const WeightsInfoSchema = v.strictObject({
  column: Name,
  /** Total weight: the n of the fit, its criteria, standard errors and tests. */
  total: Real,
  /** Data rows used (a value and a positive weight). */
  rows: Count(Number.MAX_SAFE_INTEGER),
  /** Data rows with a value and weight 0, left out. */
  zero: Count(Number.MAX_SAFE_INTEGER),
  /** Every weight is a whole number. */
  integer: v.boolean(),
  /** Plain words on what the weights mean for the numbers shown. */
  note: Text,
})

export const FitRequestSchema = v.strictObject({
  ...fitCommon,
  /** Distribution family id from the engine's registry, e.g. `normal`. */
  dist: DistId,
  /** Parameters held at given values, e.g. { shape: 2 }. */
  fixed: v.optional(FiniteParams),
  /**
   * `compare`: a fit by another method made only to compare optimizer paths; the core never lands it in the
   * workspace (the shown fit stays) and lists it as such while it runs. Not sent to the engine.
   */
  purpose: v.optional(v.picklist(['compare'])),
})

/** Bootstrap confidence intervals for the parameters of one fit (fitdistrplus' `bootdist`). */
export const BootstrapCiRequestSchema = v.strictObject({
  /** The fit, exactly as it was requested: it is made again (deterministically) and bootstrapped. */
  fit: FitRequestSchema,
  /** Number of replicates B (default in the UI and CLI: 999). */
  replicates: v.pipe(Count(MAX_BOOTSTRAP_CI), v.minValue(10)),
  /** Default nonparametric. */
  method: v.optional(BootstrapMethodSchema),
  /** Confidence level (default 0.95). */
  level: v.optional(v.pipe(Finite, v.minValue(0.5), v.maxValue(0.999))),
  /** Seed of the replicates (default: the fit's seed, else 42); the same seed gives the same intervals. */
  seed: v.optional(v.pipe(v.number(), v.integer())),
})

/** A fit of every applicable family to one column. */
export const FitAllRequestSchema = v.strictObject({
  ...fitCommon,
  /** Families Fit all leaves out unless asked (a mixture: opt in), to fit as well. */
  include: v.optional(List(DistId, 100)),
  /**
   * The families to try, by id (the user's choice); absent: every family except the opt-in ones not in
   * `include`. A family listed here that does not apply to the data is reported in `notApplicable`.
   */
  only: v.optional(List(DistId, 100)),
})

export const HistogramBinSchema = v.strictObject({
  /** Left edge. */
  x0: Real,
  /** Right edge. */
  x1: Real,
  count: Real,
  /** count / (n * width): comparable with a probability density. */
  density: Real,
})

/** One parameter's estimate and its uncertainty. */
export const ParameterEstimateSchema = v.strictObject({
  name: ParamName,
  symbol: ParamName,
  estimate: Real,
  /** From the observed information at the optimum; null when fixed or not available. */
  standardError: v.nullable(Real),
  /**
   * 95% Wald interval: estimate ± 1.96 SE for real parameters; on the log (positive) or logit ((0, 1))
   * scale and mapped back for the others, so it stays inside the domain.
   */
  wald95: v.nullable(Interval),
  /** 95% profile-likelihood interval (one- and two-parameter families). */
  profile95: v.nullable(Interval),
  /**
   * A one-sided 95% profile interval (profile95 is null then): the likelihood stays within 1.92 of its
   * maximum towards the domain's edge, and the open end is null (e.g. Student t nu >= 6.46).
   */
  profileOneSided: v.optional(v.tuple([v.nullable(Real), v.nullable(Real)])),
  /** Method-of-moments estimate, when the family has one. */
  moments: v.nullable(Real),
  /** True when the user held it at this value. */
  fixed: v.boolean(),
})

/** One step of an optimizer, as drawn live by the convergence charts. */
export const TracePointSchema = v.strictObject({
  iteration: Real,
  /** Mean log-likelihood per observation on the training part (all data except for `gradient`). */
  logLikelihood: Real,
  /** Mean log-likelihood per observation on the validation part (`gradient` only), else null. */
  validationLogLikelihood: v.nullable(Real),
  /** Parameters (fits) or coefficients (regressions) by name. */
  params: NamedValues,
})

export const GoodnessOfFitSchema = v.strictObject({
  /** Kolmogorov-Smirnov D. */
  ks: Real,
  /** Anderson-Darling A² (continuous families). */
  ad: v.nullable(Real),
  /** Cramér-von Mises W² (continuous families). */
  cvm: v.nullable(Real),
  /** Pearson chi-square over grouped counts (discrete families). */
  chiSquare: v.nullable(Real),
  chiSquareDf: v.nullable(Real),
  /** P-values by statistic name (ks, ad, cvm, chiSquare); null where not computed. */
  pValues: Dictionary(ParamName, v.nullable(Real), 20),
  /** `bootstrap`: parametric bootstrap that re-estimates parameters; `asymptotic`: tables that ignore estimation. */
  pValueMethod: v.picklist(['bootstrap', 'asymptotic', 'none']),
  /** Plain-words caveat shown beside the p-values. */
  note: Text,
})

/** The kinds of finding fit health reports (see FitHealthSchema.codes). */
export const HEALTH_CODES = [
  'not-converged',
  'score-not-zero',
  'information-not-positive-definite',
  'unit-edge',
  'limit',
  'gradient-method',
  'domain-edge',
  'non-regular',
  'nested-model',
  'mps-method',
  'profile-one-sided',
  'covariance-out-of-range',
] as const

/** Checks at the optimum, each with what to do about it. */
export const FitHealthSchema = v.strictObject({
  /** Largest absolute score component at the optimum (on the parameters' own scale). */
  gradientMaxAbs: Real,
  informationPositiveDefinite: v.boolean(),
  /** Parameters at (or numerically at) a bound of their domain. */
  atBound: List(ParamName, 100),
  /** Plain-words findings and advice; empty when healthy. */
  notes: List(Text, 100),
  /**
   * A stable code for each note, in the same order (`mle-fit --json` prints them as { code, message }):
   * not-converged, score-not-zero, information-not-positive-definite, unit-edge, limit, gradient-method,
   * domain-edge, non-regular, nested-model, mps-method, profile-one-sided, covariance-out-of-range. Optional: sessions saved before it existed still open.
   */
  codes: v.optional(List(v.picklist(HEALTH_CODES), 100)),
})

/** Gradient-ascent specifics: the split, early stopping and distance from the exact optimum. */
export const GradientReportSchema = v.strictObject({
  trainSize: Real,
  validationSize: Real,
  bestIteration: Real,
  stoppedEarly: v.boolean(),
  /** Exact MLE on the training part minus where gradient ascent ended: log-likelihood (total) and parameters. */
  gapLogLikelihood: Real,
  gapParams: NamedValues,
})

/** One number of components tried by `components: auto`. */
export const ComponentChoiceSchema = v.strictObject({
  components: ComponentCountSchema,
  logLikelihood: Real,
  bic: Real,
  converged: v.boolean(),
  /** Why this K has no fit (every EM start collapsed a component), when it has none. */
  failed: v.optional(Text),
})

/** A fitted model with everything the results table and the charts need. */
export const FitResultSchema = v.strictObject({
  dist: DistId,
  distLabel: Text,
  discrete: v.boolean(),
  column: Name,
  /** Estimates by parameter name, e.g. { mu, sigma } (fixed ones included). */
  params: ParamValues,
  estimates: List(ParameterEstimateSchema, 100),
  /** Covariance of the free parameters in `estimates` order (fixed ones left out); null if singular. */
  covariance: v.nullable(List(List(Real, 100), 100)),
  n: Real,
  logLikelihood: Real,
  aic: Real,
  aicc: Real,
  bic: Real,
  /** The method that produced the estimate (`auto` resolved). */
  method: FitMethodSchema,
  /**
   * What ran, in words, when `method` alone does not say it: a mixture's `EM (20 starts) + Newton polish`
   * (`method` is then the polish). Shown in its place wherever the method is named; absent otherwise.
   */
  methodDetail: v.optional(Text),
  iterations: Real,
  converged: v.boolean(),
  message: Text,
  seconds: Real,
  /** Optimizer path, down-sampled to at most 2,000 points (empty for closed form). */
  trace: List(TracePointSchema),
  gradient: v.nullable(GradientReportSchema),
  /**
   * Method `mps`: the maximized product-of-spacings objective S (sum of log spacings), shown apart from
   * `logLikelihood`, which stays the true log-likelihood at the estimates.
   */
  spacings: v.optional(v.strictObject({ objective: Real })),
  /** Where the optimizer started (moment estimates). */
  startParams: ParamValues,
  goodnessOfFit: v.nullable(GoodnessOfFitSchema),
  health: FitHealthSchema,
  /** Binomial trials, when it applies. */
  trials: v.nullable(Real),
  /** The threshold of a peaks-over-threshold fit (gpd; `n` counts the exceedances), when it applies. */
  threshold: v.optional(v.nullable(Real)),
  /** A mixture's number of components, when it applies. */
  components: v.optional(ComponentCountSchema),
  /** How `components: auto` chose: each K tried with its log-likelihood and BIC (lowest BIC chosen). */
  componentChoice: v.optional(List(ComponentChoiceSchema, 10)),
  /** A mixture's weighted components, each on `density.x` (they add up to the density). */
  densityParts: v.optional(List(v.strictObject({ label: Text, y: Reals }), 10)),
  /** Histogram of the data (continuous: by the bin rule; discrete: one bar per integer value). */
  histogram: List(HistogramBinSchema),
  /** Fitted density (continuous, ~200 points) or probability mass at each integer (discrete). */
  density: XY,
  /** The fitted CDF at `density.x` (the CDFs by group); absent in sessions saved before it was added. */
  cdf: v.optional(Reals),
  /** Density at the starting point, for the overlay. */
  startDensity: XY,
  /** Present when the fit used frequency weights. */
  weights: v.optional(WeightsInfoSchema),
  /** The exclusion rules applied (value range), each with the rows it removed; absent when none. */
  exclusions: v.optional(List(ExclusionSchema, 100)),
  /** Present when the fit used censored observations: their counts and what was read. */
  censoring: v.optional(CensoringInfoSchema),
  /** Bootstrap confidence intervals, when the user asked for them (`model:bootstrap-ci`, `--bootstrap-ci`). */
  bootstrapCi: v.optional(BootstrapCiSchema),
})

/** One row of fit-all's ranking. */
export const RankingRowSchema = v.strictObject({
  dist: DistId,
  /** Discrete and continuous families are ranked apart (src-shared/ranking.ts): ΔAIC and weights within the group. */
  group: v.picklist(['discrete', 'continuous']),
  aic: Real,
  deltaAic: Real,
  akaikeWeight: Real,
  bic: Real,
})

/** A family and why it was not fitted. */
export const FamilyReason = v.strictObject({ dist: DistId, reason: Text })

/** Every applicable family fitted to one column, ranked by AIC. */
export const FitAllResultSchema = v.strictObject({
  column: Name,
  fits: List(FitResultSchema, 100),
  ranking: List(RankingRowSchema, 100),
  /** Families that could not be fitted, with the reason (e.g. "gamma needs x > 0: 3 values <= 0, first at row 17"). */
  notApplicable: List(FamilyReason, 100),
  /** Families that apply to the data but whose fit failed (also listed in notApplicable), with the reason. */
  failed: v.optional(List(FamilyReason, 100)),
})

/** Parameters of one family at one column: what the chart requests (diagnostics, explorer) share. */
const atParams = {
  column: Name,
  dist: DistId,
  params: FiniteParams,
  trials: v.optional(TrialsSchema),
  threshold: v.optional(Finite),
  /** A mixture's number of components (the fit's). */
  components: v.optional(ComponentCountSchema),
  /** The fit's frequency-weights column, so charts weigh the data as the fit did. */
  weights: v.optional(Name),
  /** The fit's value range, so charts show the data the fit used. */
  range: v.optional(ValueRangeSchema),
  /** The fit's censoring columns, so charts show the data the fit used. */
  censoring: v.optional(CensoringSchema),
  /** The fit's other exclusion rules, likewise. */
  exclude: v.optional(ExclusionRulesSchema),
}

export const DiagnosticsRequestSchema = v.strictObject(atParams)

/**
 * A fit's histogram with other bins: the data the fit used (its weights, range, exceedances), binned by
 * `bins`, so changing the bins redraws the histogram without refitting.
 */
export const HistogramRequestSchema = v.strictObject({
  ...atParams,
  bins: BinRuleSchema,
  /**
   * `log`: bins equally wide in log x (the rule applied to log x), for a chart on a log x axis; density
   * stays count / (n · width) on the original scale. Needs values > 0; ignored by discrete families and
   * censored data. Default `linear`.
   */
  spacing: v.optional(v.picklist(['linear', 'log'])),
})

/** The likelihood explorer: log-likelihood and density at arbitrary parameters. */
export const EvaluateRequestSchema = v.strictObject(atParams)

/** One axis of a likelihood grid: `steps` points from `min` to `max`. */
export const GridAxisSchema = v.strictObject({
  min: Finite,
  max: Finite,
  steps: v.pipe(Count(400), v.minValue(2)),
})

/** Log-likelihood over a grid of one or two parameters (others held at `params`). */
export const LikelihoodGridRequestSchema = v.strictObject({
  ...atParams,
  /** One axis: a curve; two axes: a surface. */
  axes: List(v.strictObject({ name: ParamName, ...GridAxisSchema.entries }), 2, 1),
})

/** Points for the diagnostic charts of one fit, down-sampled to at most ~1,000 each. */
export const DiagnosticsSchema = v.strictObject({
  /** Empirical CDF steps and the fitted CDF at the same x; `density` is the fitted pdf/pmf there (hazard). */
  cdf: v.strictObject({ x: Reals, empirical: Reals, fitted: Reals, density: v.optional(Reals) }),
  /**
   * Q-Q: theoretical quantiles at plotting positions against sorted data; `lower`/`upper` the fitted
   * quantiles of the order statistic's 2.5% and 97.5% points (pointwise 95% band, parameters as known).
   */
  qq: v.strictObject({
    theoretical: Reals,
    sample: Reals,
    lower: v.optional(Reals),
    upper: v.optional(Reals),
  }),
  /** P-P: fitted CDF at sorted data against plotting positions; `lower`/`upper` as for Q-Q, as probabilities. */
  pp: v.strictObject({
    theoretical: Reals,
    empirical: Reals,
    lower: v.optional(Reals),
    upper: v.optional(Reals),
  }),
  /** Observations behind the (thinned) points: the charts say when they show a sample of them. */
  n: v.optional(Real),
  /** Fitted quantiles at round probabilities: the ticks of the probability plot's axis. */
  ticks: v.optional(v.strictObject({ p: Reals, q: Reals })),
  /** Censored data: the Kaplan-Meier or Turnbull estimate against the fitted CDF (Q-Q and P-P are empty). */
  nonparametric: v.optional(NonparametricCdfSchema),
})

export const LikelihoodGridSchema = v.strictObject({
  axes: List(v.strictObject({ name: v.pipe(v.string(), v.maxLength(MAX_NAME_CHARS)), values: Reals }), 2),
  /** Total log-likelihood: `z[j][i]` at (axes[0].values[i], axes[1]?.values[j]); one row for one axis. */
  z: List(List(Real, 1000), 1000),
})

export const EvaluationSchema = v.strictObject({
  logLikelihood: Real,
  density: XY,
})
