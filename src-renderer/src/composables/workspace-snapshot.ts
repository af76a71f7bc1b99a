import type { Ref } from 'vue'
import { unchangingResults } from '../api/json-body'
import type { DatasetInfo, SessionSnapshot } from '../../../src-shared/contract'
import { MAX_BOOTSTRAP_CI } from '../../../src-shared/shapes/bootstrap'
import type { Dataset } from './use-dataset'
import type { WorkspaceMode } from './use-exports'
import type { FitInputs, Fits } from './use-fits'
import type { GroupFits } from './use-group-fits'
import type { ModelSettings } from './use-model-settings'
import type { Percentiles } from './use-percentiles'
import type { RegressionPanelState, Regression, SavedRegressionControls } from './use-regression'

/** The parts of the workspace a session snapshot is taken from and brought back into. */
export interface SnapshotParts {
  dataset: Dataset
  settings: ModelSettings
  fits: Fits
  regression?: Regression
  groups?: GroupFits
  mode?: Ref<WorkspaceMode>
  percentiles?: Pick<Percentiles, 'added' | 'exceed'>
}

/** Longest text a session's `ui` entry may hold (SessionSnapshotSchema); longer state is left out. */
const MAX_UI_TEXT = 10_000

/** `value` as JSON when it fits in a `ui` entry, else null (the state is then not kept). */
function uiJson(value: unknown): string | null {
  const text = JSON.stringify(value)
  return text.length <= MAX_UI_TEXT ? text : null
}

/** What the user would lose right now (selections, settings, finished results), or null when nothing is open. */
export function takeSnapshot(parts: SnapshotParts) {
  const { dataset, settings, fits, regression, groups, mode } = parts
  const results = fits.fits.value
  const regressionResult = regression?.result.value ?? null
  if (!dataset.dataset.value && results.length === 0 && !regressionResult) return null
  const { bins, bootstrap, components, ...model } = settings.snapshot()
  const id = dataset.dataset.value?.id
  const snapshot: SessionSnapshot = {
    // The import it is of: the core lands work started on another import nowhere (another file's columns
    // may be named alike).
    ...(id ? { datasetId: id } : {}),
    column: dataset.column.value,
    ...model,
    ...(groups?.result.value ? { groupFit: groups.result.value } : {}),
    ...tableInputs(parts),
    results,
    regressionResults: regressionResult ? [regressionResult] : [],
    ui: {
      active: fits.active.value,
      bins,
      bootstrap,
      components,
      // What each fit was made with, so a result the controls no longer match stays marked out of date.
      inputs: uiJson(fits.inputs.value),
      regression: regression ? uiJson(regression.controls()) : null,
      mode: mode?.value ?? null,
    },
  }
  // Finished results never change (a change makes a new object): browser mode sends each one's JSON as
  // written the first time (`jsonBody`), not again at every autosave.
  unchangingResults(finishedResults(snapshot))
  return snapshot
}

/** A snapshot's finished results: fits, the regression and the group fit. */
export function finishedResults(s: SessionSnapshot): object[] {
  return [...s.results, ...s.regressionResults, ...(s.groupFit ? [s.groupFit] : [])]
}

/**
 * Brings a snapshot back: the dataset (null when its file is missing: the saved results are shown anyway)
 * and column, then settings, results and the regression, each by its owner. `ui` entries come from a file
 * the user opened: anything unreadable there is ignored, never trusted.
 */
export async function applySnapshot(
  parts: SnapshotParts,
  s: SessionSnapshot,
  data: DatasetInfo | null,
): Promise<void> {
  const { dataset, settings, fits, regression, groups, mode } = parts
  const summarized = dataset.restore(data, s.column)
  settings.restore(s)
  fits.restore(s.results, s.ui['active'], readInputs(s.ui['inputs']))
  restoreTableInputs(parts, s)
  regression?.restore(s.regressionResults[0] ?? null, readRegressionControls(s.ui['regression']))
  groups?.restore(s.groupFit)
  const shown = s.ui['mode']
  if (mode && (shown === 'distributions' || shown === 'regression')) mode.value = shown
  await summarized
}

/** What the tables under the results were asked for: percentile inputs and the bootstrap settings. */
function tableInputs({ fits, percentiles }: SnapshotParts): Partial<SessionSnapshot> {
  const b = fits.bootstrapReplicates.value
  // A B the user is still typing (out of range) is not kept: the saved session stays valid.
  const replicates = Number.isInteger(b) && b >= 10 && b <= MAX_BOOTSTRAP_CI ? b : 999
  return {
    ...(percentiles
      ? { percentiles: { probabilities: percentiles.added.value, exceed: percentiles.exceed.value } }
      : {}),
    bootstrapCi: { replicates, method: fits.bootstrapMethod.value },
  }
}

/** Brings the table inputs back; a session without them (older ones) gets the defaults. */
function restoreTableInputs({ fits, percentiles }: SnapshotParts, s: SessionSnapshot): void {
  if (percentiles) {
    percentiles.added.value = s.percentiles?.probabilities ?? []
    percentiles.exceed.value = s.percentiles?.exceed ?? []
  }
  fits.bootstrapReplicates.value = s.bootstrapCi?.replicates ?? 999
  fits.bootstrapMethod.value = s.bootstrapCi?.method ?? 'nonparametric'
}

function parseJson(value: unknown): unknown {
  if (typeof value !== 'string') return null
  try {
    return JSON.parse(value)
  } catch {
    return null
  }
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/** Saved fit inputs: entries that look like `{ all, request: { column, ... } }`, the rest dropped. */
function readInputs(value: unknown): Record<string, FitInputs> {
  const parsed = parseJson(value)
  if (!isObject(parsed)) return {}
  const out: Record<string, FitInputs> = {}
  for (const [dist, made] of Object.entries(parsed)) {
    if (isObject(made) && typeof made['all'] === 'boolean' && isObject(made['request'])) {
      if (typeof made['request']['column'] === 'string') out[dist] = made as FitInputs
    }
  }
  return out
}

function readPanel(v: unknown): RegressionPanelState | null {
  if (!isObject(v)) return null
  const ok =
    ['linear', 'logistic', 'poisson', 'negbin'].includes(v['model'] as string) &&
    (v['response'] === null || typeof v['response'] === 'string') &&
    Array.isArray(v['predictors']) &&
    v['predictors'].every((p) => typeof p === 'string') &&
    typeof v['intercept'] === 'boolean' &&
    (v['exposure'] === null || typeof v['exposure'] === 'string') &&
    (v['method'] === 'newton' || v['method'] === 'gradient') &&
    (v['reference'] === undefined ||
      (isObject(v['reference']) && Object.values(v['reference']).every((l) => typeof l === 'string')))
  return ok ? (v as unknown as RegressionPanelState) : null
}

/** Saved regression controls, or null when absent or unreadable (the result's own settings are used). */
function readRegressionControls(value: unknown): SavedRegressionControls | null {
  const parsed = parseJson(value)
  if (!isObject(parsed)) return null
  const panel = readPanel(parsed['panel'])
  const made = parsed['fittedWith'] === null ? null : readPanel(parsed['fittedWith'])
  if (!panel || (made !== null && made.response === null)) return null
  return { panel, fittedWith: made ? { ...made, response: made.response! } : null }
}
