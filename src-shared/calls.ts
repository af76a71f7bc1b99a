import * as v from 'valibot'
import { ColumnSummarySchema, DatasetInfoSchema, ImportSettingsSchema } from './shapes/dataset'
import { BootstrapCiSchema } from './shapes/bootstrap'
import { DistributionInfoSchema } from './shapes/distributions'
import { TextExportSchema } from './shapes/events'
import {
  BootstrapCiRequestSchema,
  DiagnosticsRequestSchema,
  DiagnosticsSchema,
  EvaluateRequestSchema,
  EvaluationSchema,
  FitAllRequestSchema,
  FitAllResultSchema,
  FitRequestSchema,
  FitResultSchema,
  HistogramBinSchema,
  HistogramRequestSchema,
  LikelihoodGridRequestSchema,
  LikelihoodGridSchema,
} from './shapes/fit'
import { GroupFitRequestSchema, GroupFitResultSchema } from './shapes/groups'
import { Count, List, Name, TaskTag } from './shapes/primitives'
import { ThresholdChoiceRequestSchema, ThresholdChoiceSchema } from './shapes/threshold-choice'
import { PercentilesRequestSchema, PercentileTableSchema } from './shapes/percentiles'
import {
  RegressionGridRequestSchema,
  RegressionRequestSchema,
  RegressionResultSchema,
} from './shapes/regression'
import {
  RecoveryOfferSchema,
  SessionOpenedSchema,
  SessionSnapshotSchema,
  WorkspaceStateSchema,
} from './shapes/session'

/**
 * Header of browser mode's requests (calls and uploads) naming the page (the tab) that sent them, a
 * `TaskTag`: the work a request starts is that page's, which its Cancel stops and another page's cannot.
 * Pages without it (the Electron window, the only page; the shell's own calls) share one owner.
 */
export const PAGE_HEADER = 'x-mle-page'

/** Largest session file accepted (results with traces of many fits stay far below it). */
export const MAX_SESSION_CHARS = 64 * 1024 * 1024

/** How a call travels, besides its payload and result schemas. */
interface CallOptions {
  /**
   * The engine request kind this call is: the core passes the payload to the engine as `request` (nothing
   * else to write in the core), and the engine's handler for this kind answers it.
   */
  engine?: string
  /** The engine request needs the open dataset (it waits for the re-import after an engine restart). */
  needsData?: boolean
  /** The payload may be a whole session: browser mode accepts bodies up to MAX_SESSION_CHARS. */
  largeBody?: boolean
}

function call<
  P extends v.GenericSchema,
  R extends v.GenericSchema,
  const O extends CallOptions = Record<never, never>,
>(payload: P, result: R, options?: O): { payload: P; result: R } & O {
  return { payload, result, ...(options as O) }
}

const inEngine = <const K extends string>(engine: K) => ({ engine, needsData: true as const })

/**
 * Every request the renderer can make of the core, by channel name (`area:verb-noun`): the schema of its
 * payload (validated by StudioCore, whichever door a call comes by), the schema of its result, and how it travels. The
 * types (StudioCalls), the call names, the preload, the IPC handlers, the HTTP routes and the core's
 * engine routing are all derived from this one map. A renderer -> engine call is one entry here (with
 * `engine`) plus one handler in the engine; a call the core answers itself is an entry plus a core handler.
 */
export const STUDIO_CALLS = {
  /**
   * The workspace a loading page takes over: the open dataset (the start-up file imported first when none
   * is open yet) and the last autosaved snapshot of this run, so a reload or a second tab loses nothing.
   */
  'workspace:get': call(v.null(), WorkspaceStateSchema),
  /** Re-imports the open file with changed settings (delimiter, decimal, header, encoding, missing tokens). */
  'dataset:reimport': call(ImportSettingsSchema, DatasetInfoSchema),
  'engine:list-distributions': call(v.null(), List(DistributionInfoSchema, 200), { engine: 'distributions' }),
  'column:get-summary': call(v.strictObject({ column: Name }), ColumnSummarySchema, inEngine('summary')),
  'model:fit': call(FitRequestSchema, FitResultSchema, inEngine('fit')),
  /** Bootstrap confidence intervals of a fit's parameters (the fit is made again from its request). */
  'model:bootstrap-ci': call(BootstrapCiRequestSchema, BootstrapCiSchema, inEngine('bootstrap-ci')),
  'model:fit-all': call(FitAllRequestSchema, FitAllResultSchema, inEngine('fit-all')),
  /** The chosen families fitted in each group of a By column, the pooled fit and the LR test between them. */
  'model:fit-groups': call(GroupFitRequestSchema, GroupFitResultSchema, inEngine('fit-groups')),
  'model:get-diagnostics': call(DiagnosticsRequestSchema, DiagnosticsSchema, inEngine('diagnostics')),
  'model:get-histogram': call(HistogramRequestSchema, List(HistogramBinSchema), inEngine('histogram')),
  'model:get-likelihood-grid': call(
    LikelihoodGridRequestSchema,
    LikelihoodGridSchema,
    inEngine('likelihood-grid'),
  ),
  'model:evaluate': call(EvaluateRequestSchema, EvaluationSchema, inEngine('evaluate')),
  /** Peaks over threshold: mean-excess and parameter-stability plots over candidate thresholds (gpd). */
  'model:get-threshold-choice': call(
    ThresholdChoiceRequestSchema,
    ThresholdChoiceSchema,
    inEngine('threshold-choice'),
  ),
  'model:get-percentiles': call(PercentilesRequestSchema, PercentileTableSchema, inEngine('percentiles')),
  'regression:fit': call(RegressionRequestSchema, RegressionResultSchema, inEngine('regress')),
  'regression:get-grid': call(RegressionGridRequestSchema, LikelihoodGridSchema, inEngine('regression-grid')),
  /**
   * Cancels work of the page that asks, never another page's (`PAGE_HEADER`): null, all of it (the busy
   * line's Cancel: engine requests, imports and uploads, file reads); `{ task }`, only its requests sent with
   * that tag (e.g. a percentile table's profile run whose fit is no longer shown). They fail with a
   * CancelledError. Answers how many were stopped and how many of other pages (or the app's own, such as a
   * re-import after an engine restart) run on, so a page whose Cancel stopped nothing can say why.
   */
  'task:cancel': call(
    v.nullable(v.strictObject({ task: TaskTag })),
    v.strictObject({ stopped: Count(1_000_000), elsewhere: Count(1_000_000) }),
  ),
  /** Starts the engine again after it crashed too often (`engine-halted`); re-imports the open file. */
  'engine:restart': call(v.null(), v.nullable(DatasetInfoSchema)),
  /** Builds a `.mlestudio.json` file (source path and hash added by main); save it with `saveText`. */
  'session:export': call(SessionSnapshotSchema, TextExportSchema, { largeBody: true }),
  /**
   * Opens a session file's text: validates it, checks the source file and re-imports it when the user
   * opened that file in this run; otherwise answers `unconfirmed` with the real path to ask about.
   */
  'session:open': call(
    v.strictObject({ text: v.pipe(v.string(), v.maxLength(MAX_SESSION_CHARS)) }),
    SessionOpenedSchema,
    { largeBody: true },
  ),
  /** The user agreed to import the data file an `unconfirmed` session names (its `confirmPath`). */
  'session:confirm-source': call(
    v.strictObject({ path: v.pipe(v.string(), v.minLength(1), v.maxLength(4096)) }),
    SessionOpenedSchema,
  ),
  /**
   * Whether a snapshot's results are the ones last saved as a session (by any page): a page that took them
   * over before they were saved asks before an open only when they are not.
   */
  'session:is-saved': call(SessionSnapshotSchema, v.boolean(), { largeBody: true }),
  /** The current session, for autosave (debounced and written atomically by main); null = nothing to keep. */
  'session:autosave': call(v.nullable(SessionSnapshotSchema), v.null(), { largeBody: true }),
  /** The session a crashed or killed run of this app left behind, or null. Ask at start-up. */
  'session:get-recovery': call(v.null(), v.nullable(RecoveryOfferSchema)),
  /** Opens the left-behind session (as `session:open`, its source trusted) and forgets it. */
  'session:restore-recovery': call(v.null(), SessionOpenedSchema),
  /** Forgets the left-behind session. */
  'session:discard-recovery': call(v.null(), v.null()),
}

type Specs = typeof STUDIO_CALLS

export type StudioCallName = keyof Specs

/** Payload and result type of every call, inferred from STUDIO_CALLS. */
export type StudioCalls = {
  [K in StudioCallName]: {
    payload: v.InferOutput<Specs[K]['payload']>
    result: v.InferOutput<Specs[K]['result']>
  }
}

/** One entry of STUDIO_CALLS, as generic code (front doors, the core's routing) sees it. */
export interface CallSpec extends CallOptions {
  payload: v.GenericSchema
  result: v.GenericSchema
}

/** The entry of a call, typed for generic code. */
export function callSpec(name: StudioCallName): CallSpec {
  return STUDIO_CALLS[name]
}

/** The call names as a runtime list, from the map's keys. */
export const STUDIO_CALL_NAMES = Object.keys(STUDIO_CALLS) as StudioCallName[]

/** True for a StudioCall name (front doors refuse anything else). */
export function isStudioCallName(name: unknown): name is StudioCallName {
  return typeof name === 'string' && Object.hasOwn(STUDIO_CALLS, name)
}

/** Calls that are one engine request each. */
export type RoutedCallName = {
  [K in StudioCallName]: Specs[K] extends { engine: string } ? K : never
}[StudioCallName]

/** Engine requests that are a renderer call passed through, by engine kind: payload and result. */
export type RoutedEngineCalls = {
  [K in RoutedCallName as Specs[K]['engine']]: StudioCalls[K]
}
