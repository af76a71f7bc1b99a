/**
 * The one contract between the processes: renderer <-> main (RendererApi), main <-> engine
 * (EngineRequest / EngineMessage), and the model types both carry. Plain TypeScript, no runtime imports,
 * so the engine, the Electron shell, the browser-mode server and the renderer can all import it.
 */

/** How a column's cells were typed, from the whole column (not the first rows). */
export type ColumnType = 'integer' | 'real' | 'boolean' | 'date' | 'text' | 'empty'

/** One column of an imported CSV file, as the engine typed it from the whole column. */
export interface ColumnInfo {
  /** Zero-based position in the file. */
  index: number
  name: string
  /** True when numeric work (fits, summaries) can use the column: integer, real or boolean (as 0/1). */
  numeric: boolean
  type: ColumnType
  /**
   * Cells holding a value of the column's type: numbers (integer, real), 0/1 and true/false/yes/no
   * (boolean), dates (date), any non-missing text (text).
   */
  count: number
  /** Empty cells or missing-value tokens (NA, NaN, null, ...). */
  missing: number
  /**
   * Non-missing cells numeric work cannot use: in numeric columns the stray cells (excluded, set to NaN);
   * in date and text columns every non-missing cell.
   */
  nonNumeric: number
  /**
   * First few cells that do not fit the column's type (numeric and date columns): 1-based data row
   * number and the raw text. Empty for text columns.
   */
  nonNumericExamples: { row: number; value: string }[]
}

/** Import settings; each one is detected when absent, and the user can override it (then re-import). */
export interface ImportSettings {
  delimiter?: ',' | ';' | '\t' | '|'
  /** Decimal separator; thousands separators (`1,234.5`, `1 234,5`, `1.234,5`) follow from it. */
  decimal?: 'point' | 'comma'
  header?: boolean
  encoding?: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252'
  /** Cells read as missing, compared after trimming. */
  missingTokens?: string[]
}

/** What the engine holds after an import. The columns themselves stay in the engine. */
export interface DatasetInfo {
  /** Absolute path of the imported file (browser mode: the uploaded copy). */
  path: string
  /** File name shown to the user (browser mode: the uploaded file's own name). */
  fileName: string
  bytes: number
  /** Data rows (header excluded). */
  rows: number
  /** The settings the import used: detected ones plus the user's overrides. */
  settings: Required<ImportSettings>
  /** What detection found, whatever the overrides (for "detected: ..." hints in the UI). */
  detected: Required<Omit<ImportSettings, 'missingTokens'>> & { lineEnding: 'LF' | 'CRLF' | 'CR' | 'none' }
  columns: ColumnInfo[]
  /** First rows (at most 100) as raw cell text, for the preview table. */
  preview: string[][]
  /** Human-readable notes on what was excluded or adjusted during import, each saying where. */
  warnings: string[]
  /** Seconds the import took. */
  seconds: number
}

/** Descriptive statistics of one numeric column (missing and non-numeric cells excluded). */
export interface ColumnSummary {
  column: string
  n: number
  mean: number
  /** Sample standard deviation (divides by n - 1); NaN when n < 2. */
  sd: number
  min: number
  max: number
  /** Sample skewness g1 (moment estimator, divides by n). NaN when sd is 0 or n < 2. */
  skewness: number
  /** Excess kurtosis g2 (moment estimator, divides by n; 0 for a normal). NaN when sd is 0 or n < 2. */
  kurtosis: number
  /** True when every value is a whole number (counts): discrete families apply. */
  integer: boolean
}

/** Optimizers a fit can use. `auto` = closed form when the family has one, else Newton/L-BFGS. */
export type FitMethod = 'auto' | 'closed-form' | 'newton' | 'lbfgs' | 'gradient'

/** Histogram bin rule: Freedman-Diaconis (default), Sturges, Scott, or a fixed bin count. */
export type BinRule = 'fd' | 'sturges' | 'scott' | number

/** Optimizer settings; every field has a default, documented here. */
export interface FitOptions {
  /** Gradient ascent step on the mean log-likelihood (default 0.1). */
  learningRate?: number
  /** Iterations (epochs for `gradient`) at most (default 10,000 for gradient, 500 otherwise). */
  maxIterations?: number
  /** Stop when the log-likelihood improves by less than this, relative (default 1e-10; gradient 1e-12). */
  tolerance?: number
  /** Gradient: epochs without a better validation log-likelihood before stopping early (default 100; 0 = never). */
  patience?: number
  /** Gradient: fraction held out for validation, split by a seeded shuffle (default 0.2). */
  validationFraction?: number
  /** Seed of the train/validation shuffle and of bootstrap samples (default 42). */
  seed?: number
  /** Starting values by parameter name (default: the family's moment-based start); missing names use it. */
  start?: Record<string, number>
}

export interface FitRequest {
  column: string
  /** Distribution family id from the engine's registry, e.g. `normal`. */
  dist: string
  method?: FitMethod
  options?: FitOptions
  /** Parameters held at given values, e.g. { shape: 2 }. */
  fixed?: Record<string, number>
  /** Binomial only: the number of trials (fixed by the user). */
  trials?: number
  /** Parametric-bootstrap replicates for goodness-of-fit p-values (default 0 = none). */
  bootstrap?: number
  bins?: BinRule
}

/** A fit of every applicable family to one column. */
export interface FitAllRequest {
  column: string
  method?: FitMethod
  options?: FitOptions
  trials?: number
  bootstrap?: number
  bins?: BinRule
}

export interface HistogramBin {
  /** Left edge. */
  x0: number
  /** Right edge. */
  x1: number
  count: number
  /** count / (n * width): comparable with a probability density. */
  density: number
}

/** One parameter's estimate and its uncertainty. */
export interface ParameterEstimate {
  name: string
  symbol: string
  estimate: number
  /** From the observed information at the optimum; null when fixed or not available. */
  standardError: number | null
  /** 95% Wald interval, estimate ± 1.96 SE (on the parameter's own scale). */
  wald95: [number, number] | null
  /** 95% profile-likelihood interval (one- and two-parameter families). */
  profile95: [number, number] | null
  /** Method-of-moments estimate, when the family has one. */
  moments: number | null
  /** True when the user held it at this value. */
  fixed: boolean
}

/** One step of an optimizer, as drawn live by the convergence charts. */
export interface TracePoint {
  iteration: number
  /** Mean log-likelihood per observation on the training part (all data except for `gradient`). */
  logLikelihood: number
  /** Mean log-likelihood per observation on the validation part (`gradient` only), else null. */
  validationLogLikelihood: number | null
  params: Record<string, number>
}

export interface GoodnessOfFit {
  /** Kolmogorov-Smirnov D. */
  ks: number
  /** Anderson-Darling A² (continuous families). */
  ad: number | null
  /** Cramér-von Mises W² (continuous families). */
  cvm: number | null
  /** Pearson chi-square over grouped counts (discrete families). */
  chiSquare: number | null
  chiSquareDf: number | null
  /** P-values by statistic name (ks, ad, cvm, chiSquare); null where not computed. */
  pValues: Record<string, number | null>
  /** `bootstrap`: parametric bootstrap that re-estimates parameters; `asymptotic`: tables that ignore estimation. */
  pValueMethod: 'bootstrap' | 'asymptotic' | 'none'
  /** Plain-words caveat shown beside the p-values. */
  note: string
}

/** Checks at the optimum, each with what to do about it. */
export interface FitHealth {
  /** Largest absolute score component at the optimum (on the parameters' own scale). */
  gradientMaxAbs: number
  informationPositiveDefinite: boolean
  /** Parameters at (or numerically at) a bound of their domain. */
  atBound: string[]
  /** Plain-words findings and advice; empty when healthy. */
  notes: string[]
}

/** Gradient-ascent specifics: the split, early stopping and distance from the exact optimum. */
export interface GradientReport {
  trainSize: number
  validationSize: number
  bestIteration: number
  stoppedEarly: boolean
  /** Exact MLE on the training part minus where gradient ascent ended: log-likelihood (total) and parameters. */
  gapLogLikelihood: number
  gapParams: Record<string, number>
}

/** A fitted model with everything the results table and the charts need. */
export interface FitResult {
  dist: string
  distLabel: string
  discrete: boolean
  column: string
  /** Estimates by parameter name, e.g. { mu, sigma } (fixed ones included). */
  params: Record<string, number>
  estimates: ParameterEstimate[]
  /** Covariance of the free parameters in `estimates` order (fixed ones left out); null if singular. */
  covariance: number[][] | null
  n: number
  logLikelihood: number
  aic: number
  aicc: number
  bic: number
  /** The method that produced the estimate (`auto` resolved). */
  method: FitMethod
  iterations: number
  converged: boolean
  message: string
  seconds: number
  /** Optimizer path, down-sampled to at most 2,000 points (empty for closed form). */
  trace: TracePoint[]
  gradient: GradientReport | null
  /** Where the optimizer started (moment estimates). */
  startParams: Record<string, number>
  goodnessOfFit: GoodnessOfFit | null
  health: FitHealth
  /** Binomial trials, when it applies. */
  trials: number | null
  /** Histogram of the data (continuous: by the bin rule; discrete: one bar per integer value). */
  histogram: HistogramBin[]
  /** Fitted density (continuous, ~200 points) or probability mass at each integer (discrete). */
  density: { x: number[]; y: number[] }
  /** Density at the starting point, for the overlay. */
  startDensity: { x: number[]; y: number[] }
}

/** Every applicable family fitted to one column, ranked by AIC. */
export interface FitAllResult {
  column: string
  fits: FitResult[]
  ranking: { dist: string; aic: number; deltaAic: number; akaikeWeight: number; bic: number }[]
  /** Families that could not be fitted, with the reason (e.g. "gamma needs x > 0: 3 values <= 0, first at row 17"). */
  notApplicable: { dist: string; reason: string }[]
  /** Families that apply to the data but whose fit failed (also listed in notApplicable), with the reason. */
  failed?: { dist: string; reason: string }[]
}

/** Points for the diagnostic charts of one fit, down-sampled to at most ~1,000 each. */
export interface Diagnostics {
  /** Empirical CDF steps and the fitted CDF at the same x. */
  cdf: { x: number[]; empirical: number[]; fitted: number[] }
  /** Q-Q: theoretical quantiles at plotting positions against sorted data. */
  qq: { theoretical: number[]; sample: number[] }
  /** P-P: fitted CDF at sorted data against plotting positions. */
  pp: { theoretical: number[]; empirical: number[] }
}

export interface DiagnosticsRequest {
  column: string
  dist: string
  params: Record<string, number>
  trials?: number
}

/** Log-likelihood over a grid of one or two parameters (others held at `params`). */
export interface LikelihoodGridRequest {
  column: string
  dist: string
  params: Record<string, number>
  trials?: number
  /** One axis: a curve; two axes: a surface. */
  axes: { name: string; min: number; max: number; steps: number }[]
}

export interface LikelihoodGrid {
  axes: { name: string; values: number[] }[]
  /** Total log-likelihood: `z[j][i]` at (axes[0].values[i], axes[1]?.values[j]); one row for one axis. */
  z: number[][]
}

/** The likelihood explorer: log-likelihood and density at arbitrary parameters. */
export interface EvaluateRequest {
  column: string
  dist: string
  params: Record<string, number>
  trials?: number
}

export interface Evaluation {
  logLikelihood: number
  density: { x: number[]; y: number[] }
}

export type RegressionModel = 'linear' | 'logistic' | 'poisson'

export interface RegressionRequest {
  model: RegressionModel
  response: string
  predictors: string[]
  /** Include an intercept named `(Intercept)` (default true). */
  intercept?: boolean
  /** Poisson only: exposure column; log(exposure) enters as an offset. */
  exposure?: string | null
  method?: 'newton' | 'gradient'
  options?: FitOptions
}

export interface CoefficientEstimate {
  name: string
  estimate: number
  standardError: number
  /** t for linear regression, z otherwise. */
  statistic: number
  pValue: number
  ci95: [number, number]
}

export interface RegressionResult {
  model: RegressionModel
  response: string
  predictors: string[]
  intercept: boolean
  data: { rows: number; used: number; missing: number }
  coefficients: CoefficientEstimate[]
  logLikelihood: number
  aic: number
  bic: number
  deviance: number
  n: number
  method: 'newton' | 'qr' | 'gradient'
  iterations: number
  converged: boolean
  message: string
  seconds: number
  /** Training and validation mean log-likelihood per iteration; params keyed by coefficient name. */
  trace: TracePoint[]
  /** Linear: sigma by MLE (divides by n), unbiased residual standard error, mean squared error. */
  linear: {
    sigmaMle: number
    residualStandardError: number
    meanSquaredError: number
    rSquared: number
  } | null
  /** Logistic: mean negative log-likelihood, accuracy and confusion at 0.5, separation check. */
  logistic: {
    crossEntropy: number
    accuracy: number
    confusion: { truePositive: number; falsePositive: number; trueNegative: number; falseNegative: number }
    separation: 'none' | 'quasi-complete' | 'complete'
  } | null
  /** One predictor only: points and fitted curve (with a 95% band for linear), residuals vs fitted. */
  plot: {
    points: { x: number[]; y: number[] }
    curve: { x: number[]; y: number[]; lower: number[] | null; upper: number[] | null }
    residuals: { fitted: number[]; residual: number[] }
  } | null
  /**
   * `gradient` only: split sizes, early stopping and the gap to the exact (Newton/QR) optimum on the same
   * training rows (gapParams keyed by coefficient name). Statistics above are then on the training part.
   */
  gradient?: GradientReport | null
}

/** Negative log-likelihood over intercept and slope (simple linear or logistic regression). */
export interface RegressionGridRequest {
  request: RegressionRequest
  intercept: { min: number; max: number; steps: number }
  slope: { min: number; max: number; steps: number }
}

/** Where a family's values live, as data (the renderer never parses the plain-words text). */
export interface SupportRange {
  /** -Infinity when unbounded below. */
  lower: number
  /** Infinity when unbounded above (binomial: Infinity, with upperIsTrials). */
  upper: number
  lowerClosed: boolean
  upperClosed: boolean
  /** Whole numbers only (discrete families). */
  integer: boolean
  /** Binomial: the upper end is the number of trials the user gives. */
  upperIsTrials: boolean
  /** The support moves with an estimated parameter (pareto's xm, uniform's a/b, threshold families):
   *  only the fixed ends above can be checked before fitting. */
  estimatedEnds: boolean
}

/** A family's place on the Cullen-Frey (skewness², kurtosis) plane; kurtosis is Pearson's (normal = 3). */
export type CullenFreyShape =
  | { kind: 'point'; skewness2: number; kurtosis: number }
  | { kind: 'curve'; points: [number, number][] } // over the shape parameter, skewness² up to ~100
  | { kind: 'region'; polygon: [number, number][] } // beta: between kurtosis = skewness² + 1 and the gamma line

/** Families the engine offers (the picker and the Cullen-Frey chart ask it, never the family id). */
export interface DistributionInfo {
  id: string
  label: string
  discrete: boolean
  params: { name: string; symbol: string; domain: 'real' | 'positive' | 'unit-interval' }[]
  /** Plain-words support for messages, e.g. `x > 0`. */
  support: string
  supportRange: SupportRange
  /** The user must give the number of trials (binomial). */
  needsTrials: boolean
  /** Null for families not drawn on the Cullen-Frey plot. */
  cullenFrey: CullenFreyShape | null
}

/** The engine's answer type for each request kind. */
export interface EngineResults {
  import: DatasetInfo
  summary: ColumnSummary
  fit: FitResult
  'fit-all': FitAllResult
  diagnostics: Diagnostics
  'likelihood-grid': LikelihoodGrid
  evaluate: Evaluation
  regress: RegressionResult
  'regression-grid': LikelihoodGrid
  distributions: DistributionInfo[]
}

export type EngineRequestKind = keyof EngineResults

/** Requests main sends to the engine; `id` is unique per request and echoed in every reply. */
export type EngineRequest =
  | { id: number; kind: 'import'; path: string; fileName?: string; settings?: ImportSettings }
  | { id: number; kind: 'summary'; column: string }
  | { id: number; kind: 'fit'; request: FitRequest }
  | { id: number; kind: 'fit-all'; request: FitAllRequest }
  | { id: number; kind: 'diagnostics'; request: DiagnosticsRequest }
  | { id: number; kind: 'likelihood-grid'; request: LikelihoodGridRequest }
  | { id: number; kind: 'evaluate'; request: EvaluateRequest }
  | { id: number; kind: 'regress'; request: RegressionRequest }
  | { id: number; kind: 'regression-grid'; request: RegressionGridRequest }
  | { id: number; kind: 'distributions' }
  | { id: number; kind: 'cancel'; target: number }

/** Body of a request without its id, as callers of EngineHost write it (cancel has its own method). */
export type EngineRequestBody = EngineRequest extends infer R
  ? R extends { kind: EngineRequestKind }
    ? Omit<R, 'id'>
    : never
  : never

/** Progress of long work: import (bytes read), a fit (iterations, with new trace points), fit-all (families). */
export interface Progress {
  /** What is running. */
  task: 'import' | 'fit' | 'fit-all' | 'regress' | 'bootstrap'
  /** Completed fraction in [0, 1], or null when unknown. */
  fraction: number | null
  /** Short human-readable status, e.g. "12.5 MB of 86 MB, 150,000 rows". */
  message: string
  /** Import: bytes of the file read so far. */
  bytesRead?: number
  /** Import: size of the file in bytes. */
  bytesTotal?: number
  /** Import: data rows read so far. */
  rows?: number
  /** Fits: trace points since the previous progress event (coalesced to about 20 events a second). */
  trace?: TracePoint[]
  /** Fits: which family the trace belongs to. */
  dist?: string
}

/** The names an error crossing a boundary can carry; the renderer branches on these, never on message text. */
export type ErrorName =
  | 'ImportError'
  | 'FitError'
  | 'RequestError'
  | 'ValidationError'
  | 'CancelledError'
  | 'EngineCrashed'
  | 'EngineTimeout'
  | 'EngineHalted'
  | 'SessionError'
  | 'FileAccessError'
  | 'InternalError'

/** Serializable error: what crosses a process boundary instead of an Error object. */
export interface ErrorInfo {
  /** Error class, e.g. `ImportError`, `FitError`, `EngineCrashed`, `ValidationError`. */
  name: string
  message: string
}

/** Messages the engine sends back. */
export type EngineMessage =
  | { kind: 'result'; id: number; value: EngineResults[EngineRequestKind] }
  | { kind: 'error'; id: number; error: ErrorInfo }
  | { kind: 'progress'; id: number; progress: Progress }
  | { kind: 'ready' }

/** Events the main side pushes to the renderer. */
export type StudioEvent =
  | { kind: 'progress'; progress: Progress }
  | { kind: 'menu'; action: 'open' | 'export' | 'save-session' | 'open-session' }
  /** Something main did on its own (e.g. a menu action) failed; the message says what. */
  | { kind: 'error'; message: string }
  | { kind: 'dataset-opened'; dataset: DatasetInfo }
  | {
      kind: 'engine-stopped'
      message: string
      /**
       * True: a fresh engine was started at once (the open file is being re-imported; `dataset-restored`
       * follows). False: it crashed too often and waits for the user (`engine-halted` follows).
       * Absent on events sent before this field existed.
       */
      restarted?: boolean
    }
  /** The engine crashed 3 times within 5 minutes: ask the user, then call `engine:restart`. */
  | { kind: 'engine-halted'; message: string }
  /** After an engine restart the open file was imported again; selections and results stay valid. */
  | { kind: 'dataset-restored'; dataset: DatasetInfo; message: string }
  /** After an engine restart the open file could not be imported again (moved, deleted, unreadable). */
  | { kind: 'dataset-restore-failed'; message: string }
  /** An autosave could not be written (disk full, permission denied); work is not lost but not saved. */
  | { kind: 'autosave-failed'; message: string }

/** Result envelope on IPC and HTTP, so errors keep their name and message intact. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo }

/** Chart export: a PNG data URL and the file name to suggest. */
export interface PngExport {
  dataUrl: string
  suggestedName: string
}

/** Results export (JSON, CSV, Markdown): text and the file name to suggest. */
export interface TextExport {
  text: string
  suggestedName: string
  mimeType: 'application/json' | 'text/csv' | 'text/markdown'
}

/**
 * What the renderer holds that a session keeps: the user's selections, model settings and finished
 * results. The renderer pushes it for autosave and to save a session file; main adds the source file.
 */
export interface SessionSnapshot {
  /** Selected column, or null. */
  column: string | null
  /** Selected family id (or `all`), or null. */
  family: string | null
  method: FitMethod
  options: FitOptions
  /** Parameters held fixed, by name. */
  fixed: Record<string, number>
  /** Binomial trials, when set. */
  trials: number | null
  /** Finished fits, as the engine returned them (NaN and Infinity become null in JSON). */
  results: FitResult[]
  /** Finished regressions. */
  regressionResults: RegressionResult[]
  /** Small UI state to bring back as is (selected tab, chart kind, ...). */
  ui: Record<string, string | number | boolean | null>
}

/** The file a session was made from: where it was and what it held (SHA-256 of its bytes, hex). */
export interface SessionSource {
  path: string
  fileName: string
  bytes: number
  sha256: string
}

/** A `.mlestudio.json` file: format version 1. */
export interface SessionFile extends SessionSnapshot {
  format: 'mle-studio-session'
  version: 1
  /** ISO 8601 time of saving. */
  savedAt: string
  /** The data file, or null when none was open. */
  source: SessionSource | null
  /** The user's import overrides (delimiter, decimal, ...); detection fills in the rest on re-import. */
  importSettings: ImportSettings
}

/** What opening (or restoring) a session found. */
export interface SessionOpened {
  session: SessionFile
  /**
   * `ok`: the source file is unchanged and was imported again; `changed`: its content differs from when the
   * session was saved (it was imported, but the saved results came from the old content); `missing`: it
   * could not be found or read (results are still shown); `none`: the session has no source file.
   */
  sourceStatus: 'ok' | 'changed' | 'missing' | 'none'
  /** Plain words for a notice banner; null when the status is `ok` or `none`. */
  sourceMessage: string | null
  /** The re-imported dataset, or null when `missing` or `none`. */
  dataset: DatasetInfo | null
}

/** An autosaved session left behind by a run that did not exit cleanly: offer to restore it. */
export interface RecoveryOffer {
  /** ISO 8601 time of the last autosave. */
  savedAt: string
  /** Name of its data file, or null. */
  fileName: string | null
  /** Finished fits and regressions it holds. */
  results: number
  /** The selected column and family id, when there were any. */
  column?: string | null
  family?: string | null
}

/**
 * Every request the renderer can make of the core, by channel name (`area:verb-noun`), with its payload and
 * result. The preload, the IPC handlers, the browser client and the HTTP server are all generated from this
 * one map, so a new call is added here and in StudioCore, nowhere else.
 */
export interface StudioCalls {
  'dataset:get-initial': { payload: null; result: DatasetInfo | null }
  /** Re-imports the open file with changed settings (delimiter, decimal, header, encoding, missing tokens). */
  'dataset:reimport': { payload: ImportSettings; result: DatasetInfo }
  'engine:list-distributions': { payload: null; result: DistributionInfo[] }
  'column:get-summary': { payload: { column: string }; result: ColumnSummary }
  'model:fit': { payload: FitRequest; result: FitResult }
  'model:fit-all': { payload: FitAllRequest; result: FitAllResult }
  'model:get-diagnostics': { payload: DiagnosticsRequest; result: Diagnostics }
  'model:get-likelihood-grid': { payload: LikelihoodGridRequest; result: LikelihoodGrid }
  'model:evaluate': { payload: EvaluateRequest; result: Evaluation }
  'regression:fit': { payload: RegressionRequest; result: RegressionResult }
  'regression:get-grid': { payload: RegressionGridRequest; result: LikelihoodGrid }
  /** Cancels the running import or fit(s); they fail with a CancelledError. */
  'task:cancel': { payload: null; result: null }
  /** Starts the engine again after it crashed too often (`engine-halted`); re-imports the open file. */
  'engine:restart': { payload: null; result: DatasetInfo | null }
  /** Builds a `.mlestudio.json` file (source path and hash added by main); save it with `saveText`. */
  'session:export': { payload: SessionSnapshot; result: TextExport }
  /** Opens a session file's text: validates it, checks the source file and re-imports it. */
  'session:open': { payload: { text: string }; result: SessionOpened }
  /** The current session, for autosave (debounced and written atomically by main); null = nothing to keep. */
  'session:autosave': { payload: SessionSnapshot | null; result: null }
  /** The session a crashed or killed previous run left behind, or null. Ask at start-up. */
  'session:get-recovery': { payload: null; result: RecoveryOffer | null }
  /** Opens the left-behind session (as `session:open`) and forgets it. */
  'session:restore-recovery': { payload: null; result: SessionOpened }
  /** Forgets the left-behind session. */
  'session:discard-recovery': { payload: null; result: null }
}

export type StudioCallName = keyof StudioCalls

/** The call names as a runtime list (kept equal to StudioCalls by a type check in the core). */
export const STUDIO_CALL_NAMES = [
  'dataset:get-initial',
  'dataset:reimport',
  'engine:list-distributions',
  'column:get-summary',
  'model:fit',
  'model:fit-all',
  'model:get-diagnostics',
  'model:get-likelihood-grid',
  'model:evaluate',
  'regression:fit',
  'regression:get-grid',
  'task:cancel',
  'engine:restart',
  'session:export',
  'session:open',
  'session:autosave',
  'session:get-recovery',
  'session:restore-recovery',
  'session:discard-recovery',
] as const satisfies readonly StudioCallName[]

/**
 * What the renderer may ask of the rest of the app. Implemented by the Electron preload and by the
 * browser-mode client; the renderer only ever sees this type.
 */
export interface RendererApi {
  /** `electron` has native dialogs; `browser` opens files by upload and saves by download. */
  readonly mode: 'electron' | 'browser'
  /** A request to the core (see StudioCalls). Errors reject with their engine name and message. */
  call<K extends StudioCallName>(
    name: K,
    payload: StudioCalls[K]['payload'],
  ): Promise<StudioCalls[K]['result']>
  /** Electron only: show the native open dialog and import the chosen file; null when cancelled. */
  openWithDialog(): Promise<DatasetInfo | null>
  /** Import a file the user dropped or picked in the page. */
  openFile(file: File): Promise<DatasetInfo>
  /** Save a PNG (Electron: save dialog; browser: download). Resolves to where it went, or null if cancelled. */
  savePng(png: PngExport): Promise<string | null>
  /** Save exported results text (Electron: save dialog; browser: download). */
  saveText(file: TextExport): Promise<string | null>
  /** Subscribe to pushed events; returns the unsubscribe function. */
  onEvent(listener: (event: StudioEvent) => void): () => void
}
