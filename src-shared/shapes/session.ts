import * as v from 'valibot'
import { CensoringSchema } from './censoring'
import { DatasetIdSchema, DatasetInfoSchema, ImportSettingsSchema } from './dataset'
import { ExclusionRulesSchema } from './exclusions'
import { GroupFitResultSchema } from './groups'
import { FitMethodSchema, FitOptionsSchema, FitResultSchema, TrialsSchema, ValueRangeSchema } from './fit'
import { BootstrapMethodSchema, MAX_BOOTSTRAP_CI } from './bootstrap'
import { MAX_PERCENTILE_ROWS, OpenProbability } from './percentiles'
import { Count, Dictionary, DistId, Finite, FiniteParams, List, MAX_NAME_CHARS, Text } from './primitives'
import { RegressionModelSchema, RegressionResultSchema } from './regression'

/** The marker of a `.mlestudio.json` file. */
export const SESSION_FORMAT = 'mle-studio-session'
/** The version this build writes; older versions are migrated on open, newer ones refused. */
export const SESSION_VERSION = 1
/** Finished fits (and, separately, regressions) a session keeps at most. */
export const MAX_SESSION_RESULTS = 1000

/**
 * What the renderer holds that a session keeps: the user's selections, model settings and finished
 * results. The renderer pushes it for autosave and to save a session file; main adds the source file.
 * Results are checked field by field with the engine's own result schemas, so whatever passes renders.
 */
export const SessionSnapshotSchema = v.strictObject({
  /** Selected column, or null. */
  column: v.nullable(v.pipe(v.string(), v.maxLength(MAX_NAME_CHARS))),
  /** Selected family id (or `all`), or null. */
  family: v.nullable(DistId),
  method: FitMethodSchema,
  options: FitOptionsSchema,
  /** Parameters held fixed, by name. */
  fixed: FiniteParams,
  /** Binomial trials, when set. */
  trials: v.nullable(TrialsSchema),
  /** Threshold of peaks-over-threshold families (gpd), when set (absent in older sessions). */
  threshold: v.optional(v.nullable(Finite)),
  /** The frequency-weights column fits use, or null/absent for none (sessions before weights lack it). */
  weights: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(MAX_NAME_CHARS)))),
  /** The value-range exclusion rule fits use, or null/absent for none. */
  range: v.optional(v.nullable(ValueRangeSchema)),
  /** The censoring columns fits use (status or upper bound), or null/absent for none. */
  censoring: v.optional(v.nullable(CensoringSchema)),
  /** The By column of group fits, or null/absent for none (sessions before groups lack it). */
  by: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(MAX_NAME_CHARS)))),
  /** Exclusion rules by rows and category, in order (absent in older sessions). */
  exclude: v.optional(ExclusionRulesSchema),
  /** The last group fit, as the engine returned it (absent when none). */
  groupFit: v.optional(v.nullable(GroupFitResultSchema)),
  /** The families Fit all tries, as the user chose them; null/absent: the default (sessions before the choice). */
  fitAllFamilies: v.optional(v.nullable(List(DistId, 100))),
  /** The percentile table's inputs: probabilities added to P1 … P99, values x of P(X > x) (absent: none). */
  percentiles: v.optional(
    v.strictObject({
      probabilities: List(OpenProbability, MAX_PERCENTILE_ROWS),
      exceed: List(Finite, MAX_PERCENTILE_ROWS),
    }),
  ),
  /** The bootstrap-interval settings: replicates B and how they are drawn (absent: 999, nonparametric). */
  bootstrapCi: v.optional(
    v.strictObject({
      replicates: v.pipe(Count(MAX_BOOTSTRAP_CI), v.minValue(10)),
      method: BootstrapMethodSchema,
    }),
  ),
  /** Finished fits, as the engine returned them (NaN and Infinity are null in JSON and read back as NaN). */
  results: List(FitResultSchema, MAX_SESSION_RESULTS),
  /** Finished regressions. */
  regressionResults: List(RegressionResultSchema, MAX_SESSION_RESULTS),
  /**
   * The import the selections and results are of (`DatasetInfo.id`, the core's name for one open of a
   * file): a result of work started on another import never lands in this snapshot. Absent when no file is
   * open; never saved in a session file (an id means nothing in another run).
   */
  datasetId: v.optional(DatasetIdSchema),
  /** Small UI state to bring back as is (selected tab, chart kind, ...). */
  ui: Dictionary(
    v.pipe(v.string(), v.maxLength(100)),
    v.nullable(v.union([v.pipe(v.string(), v.maxLength(10_000)), Finite, v.boolean()])),
    100,
  ),
})

/** The file a session was made from: where it was and what it held (SHA-256 of its bytes, hex). */
export const SessionSourceSchema = v.strictObject({
  path: v.pipe(v.string(), v.minLength(1), v.maxLength(4096)),
  fileName: v.pipe(v.string(), v.maxLength(1000)),
  bytes: Count(Number.MAX_SAFE_INTEGER),
  sha256: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/, 'a SHA-256 is 64 hex digits')),
})

/** A `.mlestudio.json` file: format version 1. */
export const SessionFileSchema = v.strictObject({
  format: v.literal(SESSION_FORMAT),
  version: v.literal(SESSION_VERSION),
  /** ISO 8601 time of saving. */
  savedAt: v.pipe(v.string(), v.isoTimestamp()),
  /** The data file, or null when none was open. */
  source: v.nullable(SessionSourceSchema),
  /** The user's import overrides (delimiter, decimal, ...); detection fills in the rest on re-import. */
  importSettings: ImportSettingsSchema,
  ...SessionSnapshotSchema.entries,
})

/** What opening (or restoring) a session found. */
export const SessionOpenedSchema = v.strictObject({
  session: SessionFileSchema,
  /**
   * `ok`: the source file is unchanged and was imported again; `changed`: its content differs from when the
   * session was saved (it was imported, but the saved results came from the old content); `missing`: it
   * could not be found or read (results are still shown); `refused`: the session names something that is
   * not a data file (a folder, a device, a pipe, a system file) and it was not touched; `unconfirmed`: a
   * file the user has not opened in this run, not read until the user confirms it (`session:confirm-source`
   * with `confirmPath`); `none`: the session has no source file.
   */
  sourceStatus: v.picklist(['ok', 'changed', 'missing', 'refused', 'unconfirmed', 'none']),
  /** Plain words for a notice banner (the real path included); null when the status is `ok` or `none`. */
  sourceMessage: v.nullable(Text),
  /** The re-imported dataset, or null when nothing was imported. */
  dataset: v.nullable(DatasetInfoSchema),
  /** `unconfirmed` only: the real path (symbolic links resolved) the user is asked about; else null. */
  confirmPath: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(4096)))),
})

/** An autosaved session left behind by a run that did not exit cleanly: offer to restore it. */
export const RecoveryOfferSchema = v.strictObject({
  /** ISO 8601 time of the last autosave. */
  savedAt: Text,
  /** Name of its data file, or null. */
  fileName: v.nullable(Text),
  /** Finished fits and regressions it holds. */
  results: Count(2 * MAX_SESSION_RESULTS),
  /** The selected column and family id, when there were any. */
  column: v.optional(v.nullable(Text)),
  family: v.optional(v.nullable(Text)),
  /** Where its data file is (it is re-imported on restore when it is still there), or null. */
  path: v.optional(v.nullable(Text)),
  /** Each result a restore brings back, in plain words, e.g. `normal fit of eruptions (n = 272)`. */
  items: v.optional(List(Text, 2 * MAX_SESSION_RESULTS)),
})

/**
 * A fit, Fit all, regression, bootstrap of a fit's intervals or group fit running in the engine, whose result
 * lands in the workspace when it ends.
 */
export const RunningWorkSchema = v.strictObject({
  /** Names it in its `work-ended` event. */
  id: Count(Number.MAX_SAFE_INTEGER),
  kind: v.picklist(['fit', 'fit-all', 'regression', 'bootstrap', 'groups']),
  /** The fitted column; a regression's response. */
  column: Text,
  /** The family of a single fit (or of the fit bootstrapped); null for Fit all, a regression and group fits. */
  dist: v.nullable(DistId),
  /** The method a single fit asked for (its live trace is worth showing for `gradient`); else null. */
  method: v.nullable(FitMethodSchema),
  /** The By column of a group fit (its busy line says `Fitting by <by>`); absent for the other kinds. */
  by: v.optional(Text),
  /** A bootstrap's replicates B (its busy line says `Bootstrapping Gamma (999 replicates)`); else absent. */
  replicates: v.optional(Count(MAX_BOOTSTRAP_CI)),
  /** A regression's model (its busy line says `Fitting the logistic regression`); else absent. */
  model: v.optional(RegressionModelSchema),
  /**
   * `compare`: a fit by another method made to compare optimizer paths (`FitRequest.purpose`): it never
   * lands, and its busy line says `Fitting gamma by lbfgs`; absent for the page's own fits.
   */
  purpose: v.optional(v.picklist(['compare'])),
  /**
   * True when another page (tab) started it: only that page's Cancel stops it, and this page's busy line
   * says whose it is. Absent for the asking page's own work (its own before a reload too).
   */
  elsewhere: v.optional(v.literal(true)),
})

/**
 * What the core holds of the running workspace, for a page that (re)loads: the engine's open dataset (the
 * start-up file until another is opened) and the last snapshot a page pushed (null before any), so a
 * reload or a second tab shows exactly what the user had.
 */
export const WorkspaceStateSchema = v.strictObject({
  dataset: v.nullable(DatasetInfoSchema),
  session: v.nullable(SessionSnapshotSchema),
  /**
   * Fits still running that a page started (absent: none): a page loading meanwhile shows them as its busy
   * task (progress, Cancel) and takes their result from `work-ended`, instead of waiting for them to end.
   */
  running: v.optional(List(RunningWorkSchema, 100)),
  /**
   * True when the session's results are the ones last saved as a session file (absent: not saved, or
   * changed since): a page taking them over has nothing unsaved to ask about.
   */
  saved: v.optional(v.boolean()),
})
