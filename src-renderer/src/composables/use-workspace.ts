import { inject, provide, ref, type InjectionKey } from 'vue'
import type { RendererApi } from '../../../src-shared/contract'
import { useChartViewSlot, type ChartViewSlot } from './use-chart-view'
import { useDataset, type Dataset } from './use-dataset'
import { useEngineEvents, type EngineEvents } from './use-engine-events'
import { useExports, type Exports, type WorkspaceMode } from './use-exports'
import { useFits, type Fits } from './use-fits'
import { useGroupFits, type GroupFits } from './use-group-fits'
import { useLiveTrace } from './use-live-trace'
import { useModelSettings, type ModelSettings } from './use-model-settings'
import { usePercentiles, type Percentiles } from './use-percentiles'
import { useRegression, type Regression } from './use-regression'
import { useRunningWork } from './use-running-work'
import { useSession, type Session } from './use-session'
import { useStatus, type FrameScheduler, type Status } from './use-status'
import { applySnapshot } from './workspace-snapshot'

export interface UseWorkspaceOptions {
  api: RendererApi
  /** Frame scheduling of progress and the live trace (default requestAnimationFrame). */
  frames?: FrameScheduler & { now?: () => number }
  /** Least time between two autosave pushes, ms. */
  autosaveMs?: number
}

/**
 * The composition root: creates the workspace's composables, wires the few ways one follows another (a
 * new column clears its fits, a summarized column keeps an applicable family, a new file resets
 * regression) and starts it. Components get the parts by `inject` (see `provideWorkspace`).
 */
export function useWorkspace({ api, frames = {}, autosaveMs }: UseWorkspaceOptions) {
  const status = useStatus(frames)
  const dataset = useDataset({ api, status })
  const settings = useModelSettings({ summary: dataset.summary })
  // Each answer is shown only while the data its work started on is open (`stillOpen`), as the core lands it.
  const { column, stillOpen } = dataset
  const fits = useFits({ api, status, settings, column, stillOpen, live: useLiveTrace(frames) })
  const regression = useRegression({ api, status, stillOpen })
  const groups = useGroupFits({ api, status, settings, fits, column, stillOpen })
  const events = useEngineEvents({ api, status, dataset, live: fits.live, family: settings.dist })
  const mode = ref<WorkspaceMode>('distributions')
  const percentiles = usePercentiles({ api, fits, status })
  const session = useSession({
    api,
    status,
    dataset,
    settings,
    fits,
    regression,
    groups,
    mode,
    percentiles,
    throttleMs: autosaveMs,
  })
  const running = useRunningWork({
    api,
    status,
    labelOf: (id) => settings.find(id)?.label,
    gradientRunning: fits.gradientRunning,
    followOthers: events.followOthers,
    show: (landed) =>
      applySnapshot(
        { dataset, settings, fits, regression, groups, mode, percentiles },
        landed,
        dataset.dataset.value,
      ),
  })
  const view = useChartViewSlot()
  const exports = useExports({
    api,
    status,
    dataset,
    fits,
    view,
    mode,
    regression,
    percentiles,
    groups,
    findFamily: settings.find,
  })

  // Opening a file asks first when it would replace results no saved session holds.
  dataset.guardOpens(session.askBeforeOpen)
  // Results no session file holds stay savable when another page's open replaces them here.
  dataset.beforeOthersShown(session.keepEarlier)
  // A session another page opened shows here as there (its results, with its data file).
  dataset.showSessionsWith((s, data) =>
    applySnapshot({ dataset, settings, fits, regression, groups, mode, percentiles }, s, data),
  )
  dataset.onColumnChanged(() => {
    fits.clear()
    groups.clear()
  })
  dataset.onSummarized(() => settings.keepApplicable())
  // Only a newly opened file resets regression: an engine restart re-imports the same data.
  dataset.onOpened((d) => {
    regression.adopt(d)
    settings.adoptDataset(d)
    groups.clear()
  })

  /**
   * Loads the family catalog and takes over the core's workspace (the start-up file on a first load; on a
   * reload or in a second tab the open file, selections and results as they were, and a fit still running
   * shown as running), then asks about a session a crash left behind.
   */
  async function start(): Promise<void> {
    const opened = dataset.generation.value
    const state = await status.run('Loading', async () => {
      settings.setCatalog(await api.call('engine:list-distributions', null))
      return api.call('workspace:get', null)
    })
    // A file the user opened while this page was loading is newer than the state just read: keep it. One
    // still on its way is waited for (the state's column would be asked of its data).
    await dataset.ownOpens.idle()
    const taken = dataset.generation.value === opened ? state : undefined
    await session.rehydrate(taken)
    // Not awaited: the page is usable while the fit runs (its banner shows progress and Cancel).
    void running.adopt(taken?.running ?? [])
    await session.checkRecovery()
  }

  return {
    api,
    status,
    dataset,
    settings,
    fits,
    groups,
    regression,
    events,
    session,
    mode,
    view,
    exports,
    percentiles,
    start,
  }
}

export type Workspace = ReturnType<typeof useWorkspace>

export const ApiKey: InjectionKey<RendererApi> = Symbol('api')
export const StatusKey: InjectionKey<Status> = Symbol('status')
export const DatasetKey: InjectionKey<Dataset> = Symbol('dataset')
export const ModelSettingsKey: InjectionKey<ModelSettings> = Symbol('model settings')
export const FitsKey: InjectionKey<Fits> = Symbol('fits')
export const GroupFitsKey: InjectionKey<GroupFits> = Symbol('group fits')
export const RegressionKey: InjectionKey<Regression> = Symbol('regression')
export const EngineEventsKey: InjectionKey<EngineEvents> = Symbol('engine events')
export const SessionKey: InjectionKey<Session> = Symbol('session')
export const ChartViewKey: InjectionKey<ChartViewSlot> = Symbol('chart view')
export const ExportsKey: InjectionKey<Exports> = Symbol('exports')
export const PercentilesKey: InjectionKey<Percentiles> = Symbol('percentiles')

/** Makes each part of `ws` available to the components below the caller. */
export function provideWorkspace(ws: Workspace): void {
  provide(ApiKey, ws.api)
  provide(StatusKey, ws.status)
  provide(DatasetKey, ws.dataset)
  provide(ModelSettingsKey, ws.settings)
  provide(FitsKey, ws.fits)
  provide(GroupFitsKey, ws.groups)
  provide(RegressionKey, ws.regression)
  provide(EngineEventsKey, ws.events)
  provide(SessionKey, ws.session)
  provide(ChartViewKey, ws.view)
  provide(ExportsKey, ws.exports)
  provide(PercentilesKey, ws.percentiles)
}

/** `inject` for what must have been provided: a missing provider is a programming error, said plainly. */
export function injectStrict<T>(key: InjectionKey<T>): T {
  const value = inject(key)
  if (value === undefined) throw new Error(`${key.description ?? 'A workspace part'} was not provided.`)
  return value
}
