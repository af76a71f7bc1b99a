import { computed, ref, shallowRef } from 'vue'
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
  const model = ref<RegressionModel>('linear')
  const response = ref<string | null>(null)
  const predictors = ref<string[]>([])
  const intercept = ref(true)
  const exposure = ref<string | null>(null)
  const method = ref<'newton' | 'gradient'>('newton')
  const result = shallowRef<RegressionResult | null>(null)
  const grid = shallowRef<LikelihoodGrid | null>(null)
  const gridProblem = ref<string | null>(null)
  const running = ref(false)
  const problem = ref<string | null>(null)
  /** Slider positions (intercept, slope) on the grid. */
  const at = ref<[number, number] | null>(null)

  /** Picks a sensible first response and predictor for a newly opened dataset. */
  function adopt(dataset: DatasetInfo | null): void {
    const cols = numericColumns(dataset)
    response.value = cols[cols.length - 1] ?? null
    predictors.value = cols.length > 1 ? [cols[0]] : []
    result.value = null
    grid.value = null
  }

  /** Shows a saved regression (a session) with the settings it was made with. */
  function restore(saved: RegressionResult | null): void {
    result.value = saved
    if (!saved) return
    model.value = saved.model
    response.value = saved.response
    predictors.value = [...saved.predictors]
    intercept.value = saved.intercept
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

  const settings = { model, response, intercept, exposure, method }
  type Settings = typeof settings
  /** Sets one of the model settings (components call this rather than writing the refs). */
  function set<K extends keyof Settings>(key: K, value: Settings[K]['value']): void {
    ;(settings[key] as { value: Settings[K]['value'] }).value = value
    if (key === 'response') predictors.value = predictors.value.filter((p) => p !== value)
  }

  function setAt(next: [number, number]): void {
    at.value = next
  }

  function togglePredictor(name: string): void {
    predictors.value = predictors.value.includes(name)
      ? predictors.value.filter((p) => p !== name)
      : [...predictors.value, name]
  }

  return {
    model,
    response,
    predictors,
    intercept,
    exposure,
    method,
    result,
    grid,
    gridProblem,
    running,
    problem,
    at,
    adopt,
    restore,
    fit,
    set,
    setAt,
    togglePredictor,
  }
}

export type Regression = ReturnType<typeof useRegression>
