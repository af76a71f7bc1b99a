/**
 * The one contract between the processes: renderer <-> main (RendererApi, StudioCalls), main <-> engine
 * (EngineRequest / EngineMessage), and the model types both carry. Every shape is written once, as a
 * valibot schema in `shapes/`; the types here are inferred from those schemas, so what the core
 * validates, what a session file may hold and what the code is typed against cannot drift apart. The
 * engine and the renderer import only types from here (no runtime cost); main imports the schemas.
 */
import type * as v from 'valibot'
import type { StudioCallName, StudioCalls } from './calls'
import type {
  ColumnInfoSchema,
  ColumnSummarySchema,
  ColumnTypeSchema,
  DatasetInfoSchema,
  SheetSizeSchema,
  SPREADSHEET_SETTINGS,
} from './shapes/dataset'
import type { ImportSettingsSchema } from './shapes/dataset'
import type {
  CullenFreyShapeSchema,
  DistributionInfoSchema,
  FamilyCodeSchema,
  SupportRangeSchema,
} from './shapes/distributions'
import type {
  PngExportSchema,
  ReportExportSchema,
  StudioEventSchema,
  TextExportSchema,
} from './shapes/events'
import type { ThresholdChoiceRequestSchema, ThresholdChoiceSchema } from './shapes/threshold-choice'
import type { BootstrapCiSchema, BootstrapIntervalSchema, BootstrapMethodSchema } from './shapes/bootstrap'
import type {
  BinRuleSchema,
  BootstrapCiRequestSchema,
  DiagnosticsRequestSchema,
  DiagnosticsSchema,
  EvaluateRequestSchema,
  EvaluationSchema,
  FitAllRequestSchema,
  FitAllResultSchema,
  FitHealthSchema,
  HEALTH_CODES,
  FitMethodSchema,
  FitOptionsSchema,
  FitRequestSchema,
  FitResultSchema,
  ComponentChoiceSchema,
  GoodnessOfFitSchema,
  GradientReportSchema,
  HistogramBinSchema,
  LikelihoodGridRequestSchema,
  LikelihoodGridSchema,
  ParameterEstimateSchema,
  TracePointSchema,
  WeightsInfoSchema,
  ValueRangeSchema,
  ExclusionSchema,
} from './shapes/fit'
import type { CensoringInfoSchema, CensoringSchema, NonparametricCdfSchema } from './shapes/censoring'
import type { ExclusionRuleSchema } from './shapes/exclusions'
import type {
  GroupFitRequestSchema,
  GroupFitResultSchema,
  GroupFitSchema,
  GroupTestSchema,
} from './shapes/groups'
import type {
  CoefficientEstimateSchema,
  TermTestSchema,
  RegressionGridRequestSchema,
  RegressionModelSchema,
  RegressionRequestSchema,
  RegressionResultSchema,
} from './shapes/regression'
import type {
  RecoveryOfferSchema,
  RunningWorkSchema,
  SessionFileSchema,
  SessionOpenedSchema,
  SessionSnapshotSchema,
  SessionSourceSchema,
  WorkspaceStateSchema,
} from './shapes/session'
import type {
  ExceedanceRowSchema,
  PercentileBootstrapSchema,
  PercentileRowSchema,
  PercentilesRequestSchema,
  PercentileTableSchema,
} from './shapes/percentiles'
import type { ErrorInfo } from './errors'

type Out<S extends v.GenericSchema> = v.InferOutput<S>

export type ColumnType = Out<typeof ColumnTypeSchema>
export type ColumnInfo = Out<typeof ColumnInfoSchema>
export type ImportSettings = Out<typeof ImportSettingsSchema>
export type DatasetInfo = Out<typeof DatasetInfoSchema>
/** The settings only spreadsheets have; absent from a CSV import's settings. */
export type SpreadsheetSettingName = (typeof SPREADSHEET_SETTINGS)[number]
export type SheetSize = Out<typeof SheetSizeSchema>
export type ColumnSummary = Out<typeof ColumnSummarySchema>

export type FitMethod = Out<typeof FitMethodSchema>
export type BinRule = Out<typeof BinRuleSchema>
export type FitOptions = Out<typeof FitOptionsSchema>
export type FitRequest = Out<typeof FitRequestSchema>
export type FitAllRequest = Out<typeof FitAllRequestSchema>
export type HistogramBin = Out<typeof HistogramBinSchema>
export type ParameterEstimate = Out<typeof ParameterEstimateSchema>
export type TracePoint = Out<typeof TracePointSchema>
export type GoodnessOfFit = Out<typeof GoodnessOfFitSchema>
export type FitHealth = Out<typeof FitHealthSchema>
export type HealthCode = (typeof HEALTH_CODES)[number]
export type GradientReport = Out<typeof GradientReportSchema>
export type WeightsInfo = Out<typeof WeightsInfoSchema>
export type ValueRange = Out<typeof ValueRangeSchema>
export type Exclusion = Out<typeof ExclusionSchema>
export type Censoring = Out<typeof CensoringSchema>
export type CensoringInfo = Out<typeof CensoringInfoSchema>
export type NonparametricCdf = Out<typeof NonparametricCdfSchema>
export type ExclusionRule = Out<typeof ExclusionRuleSchema>
export type GroupFitRequest = Out<typeof GroupFitRequestSchema>
export type GroupFitResult = Out<typeof GroupFitResultSchema>
export type GroupFit = Out<typeof GroupFitSchema>
export type GroupTest = Out<typeof GroupTestSchema>
export type FitResult = Out<typeof FitResultSchema>
export type ComponentChoice = Out<typeof ComponentChoiceSchema>
export type ThresholdChoice = Out<typeof ThresholdChoiceSchema>
export type ThresholdChoiceRequest = Out<typeof ThresholdChoiceRequestSchema>
export type BootstrapCiRequest = Out<typeof BootstrapCiRequestSchema>
export type BootstrapCi = Out<typeof BootstrapCiSchema>
export type BootstrapInterval = Out<typeof BootstrapIntervalSchema>
export type BootstrapMethod = Out<typeof BootstrapMethodSchema>
export type FitAllResult = Out<typeof FitAllResultSchema>
export type Diagnostics = Out<typeof DiagnosticsSchema>
export type DiagnosticsRequest = Out<typeof DiagnosticsRequestSchema>
export type FamilyCode = Out<typeof FamilyCodeSchema>
export type PercentilesRequest = Out<typeof PercentilesRequestSchema>
export type PercentileTable = Out<typeof PercentileTableSchema>
export type PercentileRow = Out<typeof PercentileRowSchema>
export type PercentileBootstrap = Out<typeof PercentileBootstrapSchema>
export type ExceedanceRow = Out<typeof ExceedanceRowSchema>
export type LikelihoodGridRequest = Out<typeof LikelihoodGridRequestSchema>
export type LikelihoodGrid = Out<typeof LikelihoodGridSchema>
export type EvaluateRequest = Out<typeof EvaluateRequestSchema>
export type Evaluation = Out<typeof EvaluationSchema>

export type RegressionModel = Out<typeof RegressionModelSchema>
export type RegressionRequest = Out<typeof RegressionRequestSchema>
export type CoefficientEstimate = Out<typeof CoefficientEstimateSchema>
export type TermTest = Out<typeof TermTestSchema>
export type RegressionResult = Out<typeof RegressionResultSchema>
export type RegressionGridRequest = Out<typeof RegressionGridRequestSchema>

export type SupportRange = Out<typeof SupportRangeSchema>
export type CullenFreyShape = Out<typeof CullenFreyShapeSchema>
export type DistributionInfo = Out<typeof DistributionInfoSchema>

export type StudioEvent = Out<typeof StudioEventSchema>
export type PngExport = Out<typeof PngExportSchema>
export type TextExport = Out<typeof TextExportSchema>
export type ReportExport = Out<typeof ReportExportSchema>

export type SessionSnapshot = Out<typeof SessionSnapshotSchema>
export type SessionSource = Out<typeof SessionSourceSchema>
export type SessionFile = Out<typeof SessionFileSchema>
export type SessionOpened = Out<typeof SessionOpenedSchema>
export type RecoveryOffer = Out<typeof RecoveryOfferSchema>
export type WorkspaceState = Out<typeof WorkspaceStateSchema>
export type RunningWork = Out<typeof RunningWorkSchema>

export type { ErrorInfo, ErrorName } from './errors'
export type { StudioCallName, StudioCalls } from './calls'
export { STUDIO_CALL_NAMES } from './calls'
export type {
  ArrivingUpload,
  EngineMessage,
  EngineRequest,
  EngineRequestBody,
  EngineRequestKind,
  EngineResults,
  ImportRequest,
  Progress,
} from './engine-protocol'

/** Result envelope on IPC and HTTP, so errors keep their name and message intact. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo }

/**
 * What the renderer may ask of the rest of the app. Implemented by the Electron preload and by the
 * browser-mode client; the renderer only ever sees this type.
 */
export interface RendererApi {
  /** `electron` has native dialogs; `browser` opens files by upload and saves by download. */
  readonly mode: 'electron' | 'browser'
  /**
   * Browser mode: this tab's page id (`PAGE_HEADER`), which the core names on the progress of its work;
   * absent for the Electron window (the only page).
   */
  readonly page?: string
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
  /**
   * Save an HTML report. Electron: the save dialog offers PDF (the default) and HTML; browser: downloads the
   * HTML (the page's "Print report…" gives a PDF through the browser's print dialog).
   */
  saveReport(report: ReportExport): Promise<string | null>
  /**
   * Whether the session holds results that no saved or opened session file has (Electron asks before
   * closing the window; the browser page asks through `beforeunload`).
   */
  setUnsaved(unsaved: boolean): Promise<void>
  /** Subscribe to pushed events; returns the unsubscribe function. */
  onEvent(listener: (event: StudioEvent) => void): () => void
}
