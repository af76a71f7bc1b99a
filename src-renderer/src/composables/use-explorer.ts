import { onScopeDispose, reactive, shallowRef } from 'vue'
import type { Evaluation, EvaluateRequest, FitResult, RendererApi } from '../../../src-shared/contract'
import { gridAxesAround, type ParamDomains } from '../../../src-shared/present/charts/likelihood-option'
import { describeError } from '../errors'
import { chartRequest } from '../results/fit-request'

export interface UseExplorerOptions {
  api: RendererApi
  /** Each parameter's domain for a family, so the sliders stay where the parameters are valid. */
  domains?: (family: string) => ParamDomains
}

/**
 * The likelihood explorer: a value per free parameter (slider), evaluated by the engine. At most one
 * `model:evaluate` is in flight; moves made meanwhile collapse into one follow-up call with the latest
 * values, so dragging a slider never queues up requests.
 */
export function useExplorer({ api, domains = () => ({}) }: UseExplorerOptions) {
  const values = reactive<Record<string, number>>({})
  const ranges = shallowRef<Record<string, { min: number; max: number; step: number }>>({})
  const evaluation = shallowRef<Evaluation | null>(null)
  const problem = shallowRef<string | null>(null)
  let fit: FitResult | null = null
  let inFlight = false
  let dirty = false
  let disposed = false

  /** Sets the sliders' ranges (±4 SE around the MLE) and puts them at the MLE. */
  function attach(next: FitResult): void {
    fit = next
    const free = next.estimates.filter((e) => !e.fixed).map((e) => e.name)
    const axes = gridAxesAround(next, free, 2, [], domains(next.dist))
    ranges.value = Object.fromEntries(
      axes.map((a) => [a.name, { min: a.min, max: a.max, step: (a.max - a.min) / 400 }]),
    )
    evaluation.value = null
    problem.value = null
    jumpToMle()
  }

  function jumpToMle(): void {
    if (!fit) return
    for (const [k, v] of Object.entries(fit.params)) values[k] = v
    request()
  }

  function set(name: string, value: number): void {
    values[name] = value
    request()
  }

  function request(): void {
    if (inFlight) {
      dirty = true
      return
    }
    void send()
  }

  async function send(): Promise<void> {
    if (!fit || disposed) return
    inFlight = true
    dirty = false
    const payload: EvaluateRequest = { ...chartRequest(fit), params: { ...fit.params, ...values } }
    try {
      evaluation.value = await api.call('model:evaluate', payload)
      problem.value = null
    } catch (e) {
      problem.value = describeError(e)
    } finally {
      inFlight = false
      if (dirty && !problem.value) void send()
    }
  }

  onScopeDispose(() => {
    disposed = true
  })

  return { values, ranges, evaluation, problem, attach, jumpToMle, set }
}
