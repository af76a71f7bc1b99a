import { computed, ref, watch } from 'vue'
import type {
  FitResult,
  PercentilesRequest,
  PercentileTable,
  RendererApi,
} from '../../../src-shared/contract'
import { percentilesRequest } from '../../../src-shared/fit-requests'
import { DEFAULT_PERCENTILES } from '../../../src-shared/shapes/percentiles'
import { isCancelled, describeError } from '../errors'
import { useAsyncView } from './use-async-view'
import type { Status } from './use-status'
import type { Fits } from './use-fits'

export interface UsePercentilesOptions {
  api: RendererApi
  fits: Pick<Fits, 'fit'>
  /** The profile intervals run under its busy line (progress and Cancel). */
  status: Pick<Status, 'follow'>
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
 * Profile intervals start by themselves up to this much work (the engine's `profileWork`: values × rows;
 * a few seconds at most); on larger data they wait for the user's "Compute profile intervals", so a fit
 * never leaves the app busy for minutes on work the user did not ask for.
 */
export const AUTO_PROFILE_WORK = 300_000

/**
 * The shown fit's percentile table (`model:get-percentiles`): P1 … P99 plus the probabilities the user
 * adds, and P(X > x) at the values the user gives, each with its delta-method interval (and bootstrap
 * intervals when the fit has bootstrap replicates). Reloaded when the shown fit or either list changes;
 * exports and the report read `table`. The table comes at once without profile-likelihood intervals; they
 * follow as a second request (seconds on large data) under the busy line with progress and Cancel, and
 * `profile` says where that stands.
 */
export function usePercentiles({ api, fits, status }: UsePercentilesOptions) {
  /** Probabilities the user added to the default ones. */
  const added = ref<number[]>([])
  /** Values x whose exceedance probability the user asked for. */
  const exceed = ref<number[]>([])
  const probabilities = computed(() => percentileProbabilities(added.value))
  const view = useAsyncView<PercentileTable>()
  const shown: ShownTable = { key: null }
  const profiles = useProfileRuns({ api, status }, view, shown)

  /** Loads the delta-method table of `f` for these lists (unless it is the one shown), then its profiles. */
  async function showTable(f: FitResult | null, probs: number[], xs: number[]): Promise<void> {
    profiles.profile.value = null
    if (!f) {
      shown.key = null
      profiles.stopStale()
      return view.reset()
    }
    const key = `${fitId(f)}|${probs.join(',')}|${xs.join(',')}`
    if (key === shown.key) return
    shown.key = key
    profiles.stopStale()
    const request = percentilesRequest(f, probs, xs)
    profiles.offered.value = null
    await view.load(key, () => api.call('model:get-percentiles', { ...request, profiles: false }))
    await profiles.follow(key, request)
  }

  watch([fits.fit, probabilities, exceed], ([f, probs, xs]) => showTable(f, probs, xs), {
    immediate: true,
  })

  /** The table of the shown fit, when it has loaded. */
  const table = computed(() => {
    const s = view.state.value
    return s.kind === 'ready' && fits.fit.value ? { dist: fits.fit.value.dist, table: s.value } : null
  })

  return {
    added,
    exceed,
    probabilities,
    state: view.state,
    profile: profiles.profile,
    canComputeProfiles: computed(() => profiles.offered.value !== null),
    computeProfiles: profiles.computeProfiles,
    table,
  }
}

export type Percentiles = ReturnType<typeof usePercentiles>

/** The default percentiles and the user's added ones, each once, in increasing order. */
export function percentileProbabilities(added: readonly number[]): number[] {
  return [...new Set([...DEFAULT_PERCENTILES, ...added])].sort((a, b) => a - b)
}

/** The key of the table shown (fit, probabilities, values): a profile run of another table is stale. */
interface ShownTable {
  key: string | null
}

/**
 * The profile-likelihood column: one run at a time (tagged, so `task:cancel` stops it alone), what its
 * state is when it is not in the table, and on large data the run offered to the user instead of started.
 */
function useProfileRuns(
  { api, status }: Pick<UsePercentilesOptions, 'api' | 'status'>,
  view: ReturnType<typeof useAsyncView<PercentileTable>>,
  shown: ShownTable,
) {
  /** The profile column's state when it is not in the table: being computed, cancelled, or why it failed. */
  const profile = ref<string | null>(null)
  /** Large data: the profile run the user may start (`computeProfiles`), else null. */
  const offered = ref<{ key: string; request: PercentilesRequest } | null>(null)
  /** The profile run in flight, by the table it is for and the tag `task:cancel` stops it alone by. */
  let running: { key: string; task: string } | null = null
  let runs = 0

  /**
   * Cancels the profile run of a table no longer shown (another fit, column or list), by its tag: only that
   * run stops, a fit or other work running meanwhile goes on.
   */
  function stopStale(): void {
    if (!running || running.key === shown.key) return
    const { task } = running
    running = null
    api.call('task:cancel', { task }).catch(() => undefined) // already over: nothing to stop
  }

  /** The table again with profile intervals, in place of the delta-method one while it is still shown. */
  async function addProfiles(key: string, request: PercentilesRequest): Promise<void> {
    const isShown = () => shown.key === key && view.state.value.kind === 'ready'
    if (!isShown() || request.covariance === null || request.free.length === 0) return
    profile.value = 'Profile intervals: computing…'
    const task = `percentiles-${++runs}`
    try {
      const full = await status.follow('Profile intervals of percentiles', () => {
        if (!isShown()) return Promise.resolve(null)
        running = { key, task }
        return api.call('model:get-percentiles', { ...request, task })
      })
      if (full && isShown()) view.state.value = { kind: 'ready', value: full }
      if (shown.key === key) profile.value = null
    } catch (e) {
      if (shown.key !== key) return
      profile.value = isCancelled(e)
        ? 'Profile intervals were cancelled: the table shows the delta-method intervals.'
        : `Profile intervals not available: ${describeError(e)}`
    } finally {
      if (running?.task === task) running = null
    }
  }

  /** After table `key` loaded: its profile intervals at once when they are little work, else offered. */
  async function follow(key: string, request: PercentilesRequest): Promise<void> {
    const s = view.state.value
    const work = s.kind === 'ready' ? s.value?.profileWork : undefined
    if (work === undefined || shown.key !== key) return
    if (work <= AUTO_PROFILE_WORK) await addProfiles(key, request)
    else offered.value = { key, request }
  }

  /** Starts the offered profile run (large data), under the busy line with progress and Cancel. */
  async function computeProfiles(): Promise<void> {
    const o = offered.value
    offered.value = null
    if (o && o.key === shown.key) await addProfiles(o.key, o.request)
  }

  return { profile, offered, stopStale, follow, computeProfiles }
}
