import { shallowRef } from 'vue'
import { describeError } from '../errors'

/** What a chart that needs one engine call shows: nothing yet, loading, the data, or why not. */
export type ViewState<T> =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'ready'; value: T }
  | { kind: 'unavailable'; message: string }

/**
 * One engine call behind a view, keyed so that a stale answer (for a previous fit) is dropped. Failures
 * become a message the view shows in place of the chart ("not available: ..."), not a global error.
 */
export function useAsyncView<T>() {
  const state = shallowRef<ViewState<T>>({ kind: 'idle' })
  let key: string | null = null

  async function load(nextKey: string, fetch: () => Promise<T>): Promise<void> {
    if (key === nextKey && state.value.kind !== 'idle') return
    key = nextKey
    state.value = { kind: 'loading' }
    try {
      const value = await fetch()
      if (key === nextKey) state.value = { kind: 'ready', value }
    } catch (e) {
      if (key === nextKey) state.value = { kind: 'unavailable', message: describeError(e) }
    }
  }

  function reset(): void {
    key = null
    state.value = { kind: 'idle' }
  }

  return { state, load, reset }
}
