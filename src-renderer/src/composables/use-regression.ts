import { computed, ref, shallowRef, type Ref } from 'vue'
import type {
  DatasetInfo,
  LikelihoodGrid,
  RegressionGridRequest,
  RegressionModel,
  RegressionRequest,
  RegressionResult,
  RendererApi,
} from '../../../src-shared/contract'
import { describeError } from '../errors'
import { regressionOutOfDate, requestOfRegression } from '../results/fitted-with'
import { ALWAYS_OPEN, dataReplacedNotice, type StillOpen } from './use-dataset'
import type { Status } from './use-status'

export interface UseRegressionOptions {
  api: RendererApi
  /** A fit runs through it: the busy line with Cancel, and its failure on the error line. */
  status: Status
  /** Whether the data a fit started on is still open when it ends (default: always; `Dataset.stillOpen`). */
  stillOpen?: StillOpen
}

/** The regression panel's settings, each set through `set`. */
export interface RegressionSettings {
  model: RegressionModel
  response: string | null
  intercept: boolean
  exposure: string | null
  method: 'newton' | 'gradient'
}

/** Numeric columns, offered as response and predictors. */
export function numericColumns(dataset: DatasetInfo | null): string[] {
  return dataset?.columns.filter((c) => c.numeric).map((c) => c.name) ?? []
}

/** Text columns the engine keeps as categories (2 to 1,000 levels), offered as predictors: name → levels. */
export function factorColumns(dataset: DatasetInfo | null): Map<string, string[]> {
  const out = new Map<string, string[]>()
  for (const c of dataset?.columns ?? [])
    if (c.type === 'text' && c.levels && c.levels.length >= 2) out.set(c.name, c.levels)
  return out
}

/** Interaction terms typed as `a:b, c:d` (spaces ignored), each part a column; blanks dropped. */
export function parseInteractions(text: string): string[] {
  return text
    .split(',')
    .map((t) =>
      t
        .split(':')
        .map((p) => p.trim())
        .filter((p) => p !== '')
        .join(':'),
    )
    .filter((t) => t.includes(':'))
}

/**
 * The grid request of ±4 SE around intercept and slope; null unless the fit is a simple regression with
 * an intercept whose surface the engine draws (linear or logistic).
 */
export function gridRequestAround(
  r: RegressionResult,
  request: RegressionRequest,
): RegressionGridRequest | null {
  if (r.coefficients.length !== 2 || !r.intercept || !r.plot) return null
  if (r.model === 'poisson' || r.model === 'negbin') return null
  const span = (c: RegressionResult['coefficients'][number]) => ({
    min: c.estimate - 4 * c.standardError,
    max: c.estimate + 4 * c.standardError,
    steps: 61,
  })
  return { request, intercept: span(r.coefficients[0]), slope: span(r.coefficients[1]) }
}

/**
 * Regression mode: the model, response and predictors, the fit, and for one predictor the negative
 * log-likelihood grid over intercept and slope with slider positions on it.
 */
export function useRegression({ api, status, stillOpen = ALWAYS_OPEN }: UseRegressionOptions) {
  const settings = useRegressionSettings()
  const fitting = useRegressionFit(api, status, settings.request, stillOpen)
  /** Set while the shown result was made with other settings than the panel's: what changed. */
  const outOfDate = computed(() =>
    fitting.result.value ? regressionOutOfDate(fitting.fittedWith.value, settings.request.value) : null,
  )

  /** Picks a sensible first response and predictor for a newly opened dataset. */
  function adopt(dataset: DatasetInfo | null): void {
    const cols = numericColumns(dataset)
    settings.response.value = cols[cols.length - 1] ?? null
    settings.predictors.value = cols.length > 1 ? [cols[0]] : []
    settings.reference.value = {}
    fitting.result.value = null
    fitting.fittedWith.value = null
    fitting.grid.value = null
  }

  /**
   * Shows a saved regression (a session) with the settings it was made with, or the saved panel
   * settings (`controls`, a reload) when the session kept them: then a result they no longer match stays
   * marked out of date.
   */
  function restore(saved: RegressionResult | null, controls?: SavedRegressionControls | null): void {
    fitting.result.value = saved
    fitting.grid.value = null
    fitting.fittedWith.value = controls?.fittedWith ?? (saved ? requestOfRegression(saved) : null)
    const panel = controls?.panel ?? (saved ? requestOfRegression(saved) : null)
    if (!panel) return
    for (const key of ['model', 'response', 'intercept', 'exposure', 'method'] as const) {
      settings.set(key, panel[key] as never)
    }
    settings.predictors.value = [...panel.predictors]
    settings.reference.value = { ...(panel.reference ?? {}) }
  }

  /** The panel's settings and what the shown result was made with, for a session to keep. */
  function controls(): SavedRegressionControls {
    return { panel: settings.panel(), fittedWith: fitting.fittedWith.value }
  }

  return { ...settings, ...fitting, outOfDate, adopt, restore, controls }
}

/** What a session keeps of the regression panel besides the result. */
export interface SavedRegressionControls {
  panel: RegressionPanelState
  fittedWith: RegressionRequest | null
}

/** Every regression control, complete or not (a request needs a response and a predictor). */
export type RegressionPanelState = Required<Omit<RegressionRequest, 'response' | 'options' | 'reference'>> & {
  response: string | null
  /** Absent in sessions saved before text predictors. */
  reference?: Record<string, string>
}

export type Regression = ReturnType<typeof useRegression>

/** The panel's settings and the request they describe. */
function useRegressionSettings() {
  const model = ref<RegressionModel>('linear')
  const response = ref<string | null>(null)
  const predictors = ref<string[]>([])
  const intercept = ref(true)
  const exposure = ref<string | null>(null)
  const method = ref<'newton' | 'gradient'>('newton')
  /** Chosen reference level per text column (a column absent here uses its first level). */
  const reference = ref<Record<string, string>>({})
  const settings: { [K in keyof RegressionSettings]: Ref<RegressionSettings[K]> } = {
    model,
    response,
    intercept,
    exposure,
    method,
  }

  /** Sets one of the model settings (components call this rather than writing the refs). */
  function set<K extends keyof RegressionSettings>(key: K, value: RegressionSettings[K]): void {
    settings[key].value = value
    if (key === 'response') predictors.value = predictors.value.filter((p) => p !== value)
  }

  /** Sets a text column's reference level (its first level in sorted order when `level` is null). */
  function setReference(column: string, level: string | null): void {
    const next = { ...reference.value }
    if (level === null) delete next[column]
    else next[column] = level
    reference.value = next
  }

  /** Replaces the interaction terms (`a:b`) and keeps the main effects as they are. */
  function setInteractions(terms: string[]): void {
    predictors.value = [...predictors.value.filter((p) => !p.includes(':')), ...terms]
  }

  function togglePredictor(name: string): void {
    predictors.value = predictors.value.includes(name)
      ? predictors.value.filter((p) => p !== name)
      : [...predictors.value, name]
  }

  function panel(): RegressionPanelState {
    return {
      model: model.value,
      response: response.value,
      predictors: [...predictors.value],
      intercept: intercept.value,
      exposure: exposure.value,
      method: method.value,
      reference: { ...reference.value },
    }
  }

  const request = computed<RegressionRequest | null>(() => {
    if (!response.value || predictors.value.length === 0) return null
    // Only references of columns the model uses (a column taken out keeps its choice for later); a logistic
    // model's text response has one too (its 0 level).
    const used = new Set(predictors.value.flatMap((p) => p.split(':')))
    if (model.value === 'logistic') used.add(response.value)
    const chosen = Object.entries(reference.value).filter(([c]) => used.has(c))
    return {
      model: model.value,
      response: response.value,
      predictors: predictors.value,
      ...(chosen.length > 0 ? { reference: Object.fromEntries(chosen) } : {}),
      intercept: intercept.value,
      exposure: model.value === 'poisson' ? exposure.value : null,
      method: method.value,
    }
  })

  return {
    ...settings,
    predictors,
    reference,
    request,
    set,
    togglePredictor,
    setReference,
    setInteractions,
    panel,
  }
}

/** The fit of the request, its likelihood grid and the sliders' position on it. */
function useRegressionFit(
  api: RendererApi,
  status: Status,
  request: Ref<RegressionRequest | null>,
  stillOpen: StillOpen,
) {
  const result = shallowRef<RegressionResult | null>(null)
  /** The request the shown result was made with (it stays, marked out of date, when a new fit fails). */
  const fittedWith = shallowRef<RegressionRequest | null>(null)
  const grid = shallowRef<LikelihoodGrid | null>(null)
  const gridProblem = ref<string | null>(null)
  const running = computed(() => status.busy.value !== null)
  /** Why the last fit gave no result (also on the error line); null after a success. */
  const problem = ref<string | null>(null)
  /** Slider positions (intercept, slope) on the grid. */
  const at = ref<[number, number] | null>(null)

  async function fit(): Promise<void> {
    const req = request.value
    if (!req) {
      problem.value = 'Choose a response and at least one predictor first.'
      return status.fail(problem.value)
    }
    problem.value = null
    gridProblem.value = null
    const label = `Fitting the ${req.model} regression`
    const still = stillOpen()
    const fitted = await status.run(label, () => api.call('regression:fit', req))
    if (fitted && !still()) return status.warn(dataReplacedNotice(label))
    if (!fitted) {
      // status.run put the message on the error (or notice) line; the chart pane says it too.
      problem.value = status.error.value ?? status.notice.value ?? `${label} gave no result.`
      return
    }
    result.value = fitted
    fittedWith.value = req
    grid.value = null
    await loadGrid(fitted, req)
  }

  async function loadGrid(r: RegressionResult, req: RegressionRequest): Promise<void> {
    const gridRequest = gridRequestAround(r, req)
    if (!gridRequest) return
    try {
      grid.value = await api.call('regression:get-grid', gridRequest)
      at.value = [r.coefficients[0].estimate, r.coefficients[1].estimate]
    } catch (e) {
      gridProblem.value = describeError(e)
    }
  }

  function setAt(next: [number, number]): void {
    at.value = next
  }

  return { result, fittedWith, grid, gridProblem, running, problem, at, fit, setAt }
}
