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
import { describeError, isCancelled } from '../errors'

export interface UseRegressionOptions {
  api: RendererApi
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

/**
 * The grid request of ±4 SE around intercept and slope; null unless the fit is a simple regression with
 * an intercept whose surface the engine draws (linear or logistic).
 */
export function gridRequestAround(
  r: RegressionResult,
  request: RegressionRequest,
): RegressionGridRequest | null {
  if (r.predictors.length !== 1 || !r.intercept || r.model === 'poisson') return null
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
export function useRegression({ api }: UseRegressionOptions) {
  const settings = useRegressionSettings()
  const fitting = useRegressionFit(api, settings.request)

  /** Picks a sensible first response and predictor for a newly opened dataset. */
  function adopt(dataset: DatasetInfo | null): void {
    const cols = numericColumns(dataset)
    settings.response.value = cols[cols.length - 1] ?? null
    settings.predictors.value = cols.length > 1 ? [cols[0]] : []
    fitting.result.value = null
    fitting.grid.value = null
  }

  /** Shows a saved regression (a session) with the settings it was made with. */
  function restore(saved: RegressionResult | null): void {
    fitting.result.value = saved
    if (!saved) return
    settings.model.value = saved.model
    settings.response.value = saved.response
    settings.predictors.value = [...saved.predictors]
    settings.intercept.value = saved.intercept
  }

  return { ...settings, ...fitting, adopt, restore }
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

  function togglePredictor(name: string): void {
    predictors.value = predictors.value.includes(name)
      ? predictors.value.filter((p) => p !== name)
      : [...predictors.value, name]
  }

  const request = computed<RegressionRequest | null>(() => {
    if (!response.value || predictors.value.length === 0) return null
    return {
      model: model.value,
      response: response.value,
      predictors: predictors.value,
      intercept: intercept.value,
      exposure: model.value === 'poisson' ? exposure.value : null,
      method: method.value,
    }
  })

  return { ...settings, predictors, request, set, togglePredictor }
}

/** The fit of the request, its likelihood grid and the sliders' position on it. */
function useRegressionFit(api: RendererApi, request: Ref<RegressionRequest | null>) {
  const result = shallowRef<RegressionResult | null>(null)
  const grid = shallowRef<LikelihoodGrid | null>(null)
  const gridProblem = ref<string | null>(null)
  const running = ref(false)
  const problem = ref<string | null>(null)
  /** Slider positions (intercept, slope) on the grid. */
  const at = ref<[number, number] | null>(null)

  async function fit(): Promise<void> {
    const req = request.value
    if (!req) {
      problem.value = 'Choose a response and at least one predictor first.'
      return
    }
    running.value = true
    problem.value = null
    grid.value = null
    gridProblem.value = null
    try {
      result.value = await api.call('regression:fit', req)
      await loadGrid(result.value, req)
    } catch (e) {
      problem.value = isCancelled(e) ? 'The regression was cancelled.' : describeError(e)
    } finally {
      running.value = false
    }
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

  return { result, grid, gridProblem, running, problem, at, fit, setAt }
}
