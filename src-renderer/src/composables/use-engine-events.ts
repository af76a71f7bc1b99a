import { onScopeDispose, ref, type Ref } from 'vue'
import type { RendererApi, StudioEvent } from '../../../src-shared/contract'
import type { Dataset } from './use-dataset'
import type { LiveTrace } from './use-live-trace'
import type { Status } from './use-status'

export interface UseEngineEventsOptions {
  api: RendererApi
  status: Status
  dataset: Dataset
  live: LiveTrace
  /** The selected family: where a progress event that names none belongs. */
  family: Ref<string>
}

/**
 * What the core pushes, turned into state: progress (status line and live trace), a file another page (or
 * the Electron menu) opened, engine restarts and halts (with `restartEngine` for the user's answer), and failures main met on
 * its own. A restart keeps everything the user sees: main re-imports the same file.
 */
export function useEngineEvents({ api, status, dataset, live, family }: UseEngineEventsOptions) {
  /** Set when the engine crashed too often and waits for the user (`engine-halted`): the banner's text. */
  const halted = ref<string | null>(null)
  /**
   * Set while the page shows another page's work as running (`useRunningWork`): its progress is shown too.
   * Otherwise only this page's own is: another tab's fit must not fill this page's busy line or live trace.
   */
  const followOthers = ref(false)
  /** The notice a restart showed, so the re-import's notice can keep it in view. */
  let restartNotice: string | null = null

  function onEvent(event: StudioEvent): void {
    switch (event.kind) {
      case 'progress':
        if (event.page !== api.page && !followOthers.value) return
        status.showProgress(event.progress)
        if (event.progress.trace?.length) live.push(event.progress.trace, event.progress.dist ?? family.value)
        return
      case 'dataset-opened':
        // Every open, this page's own too (told apart by `Dataset.announced`).
        return dataset.announced(event)
      case 'engine-stopped':
        // Only a halt (no restart) is an error.
        if (event.restarted === false) return status.fail(event.message)
        restartNotice = event.message
        return status.inform(event.message)
      case 'engine-halted':
        halted.value = event.message
        return
      case 'dataset-restored': {
        dataset.replace(event.dataset)
        // Both facts stay on screen: the engine restarted, and the data is back.
        const restart =
          restartNotice !== null && status.notice.value === restartNotice ? `${restartNotice} ` : ''
        restartNotice = null
        return status.inform(`${restart}${event.message}`)
      }
      case 'dataset-restore-failed':
      case 'autosave-failed':
      case 'error':
        return status.fail(event.message)
    }
  }
  onScopeDispose(api.onEvent(onEvent))

  /** Starts the engine again after a halt; main re-imports the open file (null when none was open). */
  async function restartEngine(): Promise<void> {
    const message = halted.value
    halted.value = null
    const result = await status.run('Restarting the engine', () => api.call('engine:restart', null))
    if (result === undefined) {
      halted.value = message
      return
    }
    if (result) dataset.replace(result)
    status.inform(
      result
        ? `The engine was restarted and ${result.fileName} was imported again.`
        : 'The engine was restarted.',
    )
  }

  return { halted, restartEngine, followOthers }
}

export type EngineEvents = ReturnType<typeof useEngineEvents>
