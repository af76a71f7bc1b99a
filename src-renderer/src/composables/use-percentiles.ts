import { computed, ref, watch } from 'vue'
import type { FitResult, PercentileTable, RendererApi } from '../../../src-shared/contract'
import { percentilesRequest } from '../../../src-shared/fit-requests'
import { DEFAULT_PERCENTILES } from '../../../src-shared/shapes/percentiles'
import { useAsyncView } from './use-async-view'
import type { Fits } from './use-fits'

export interface UsePercentilesOptions {
  api: RendererApi
  fits: Pick<Fits, 'fit'>
}

/** A key per fit object: two fits with equal parameters can differ in covariance (held parameters). */
const ids = new WeakMap<FitResult, number>()
let nextId = 1
function fitId(f: FitResult): number {
  let id = ids.get(f)
  if (id === undefined) ids.set(f, (id = nextId++))
  return id
}

/**
 * The shown fit's percentile table (`model:get-percentiles`): P1 … P99 plus the probabilities the user
 * adds, and P(X > x) at the values the user gives, each with its delta-method interval (and bootstrap
 * intervals when the fit has bootstrap replicates). Reloaded when
 * the shown fit or either list changes; exports and the report read `table`.
 */
export function usePercentiles({ api, fits }: UsePercentilesOptions) {
  /** Probabilities the user added to the default ones. */
  const added = ref<number[]>([])
  /** Values x whose exceedance probability the user asked for. */
  const exceed = ref<number[]>([])
  const probabilities = computed(() =>
    [...new Set([...DEFAULT_PERCENTILES, ...added.value])].sort((a, b) => a - b),
  )
  const view = useAsyncView<PercentileTable>()

  watch(
    [fits.fit, probabilities, exceed],
    ([f, probs, xs]) => {
      if (!f) return view.reset()
      const key = `${fitId(f)}|${probs.join(',')}|${xs.join(',')}`
      void view.load(key, () => api.call('model:get-percentiles', percentilesRequest(f, probs, xs)))
    },
    { immediate: true },
  )

  /** The table of the shown fit, when it has loaded. */
  const table = computed(() => {
    const s = view.state.value
    return s.kind === 'ready' && fits.fit.value ? { dist: fits.fit.value.dist, table: s.value } : null
  })

  return { added, exceed, probabilities, state: view.state, table }
}

export type Percentiles = ReturnType<typeof usePercentiles>
