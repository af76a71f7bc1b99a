import { shallowRef, type ComputedRef } from 'vue'
import type { RendererApi, SessionSnapshot } from '../../../src-shared/contract'
import type { Dataset } from './use-dataset'
import type { Fits } from './use-fits'
import { unsavedWhat } from './use-open-question'
import type { Regression } from './use-regression'

export interface UseEarlierResultsOptions {
  api: RendererApi
  dataset: Dataset
  fits: Fits
  regression?: Regression
  /** Results that no saved session file holds (`useSession`'s). */
  unsaved: ComputedRef<boolean>
  /** The page's snapshot now (`takeSnapshot`): it names the import its results are of. */
  snapshot: () => SessionSnapshot | null
  /** Saves a snapshot as a session file; true when it was saved. */
  saveSnapshot: (snapshot: SessionSnapshot) => Promise<boolean>
}

/**
 * Results this page showed, that no session file holds, of a file another browser tab has since opened
 * over it: kept before the page shows the new file, so they can still be saved as a session of the file
 * they were of (the core saves a snapshot with the data file its import id names) or discarded. The
 * page that opened the file asked about its own results; in Electron the shell asked before its open.
 */
export function useEarlierResults(options: UseEarlierResultsOptions) {
  const { api, dataset, fits, regression } = options
  const earlier = shallowRef<{ snapshot: SessionSnapshot; text: string } | null>(null)

  /** Called before another page's open is shown here (the notice says which file it opened). */
  function keep(): void {
    if (api.mode !== 'browser' || !options.unsaved.value) return
    const snapshot = options.snapshot()
    if (!snapshot) return
    const file = dataset.dataset.value?.fileName ?? 'the earlier file'
    const fitCount = fits.fits.value.length
    const regressed = regression?.result.value != null
    const them = fitCount + (regressed ? 1 : 0) > 1 ? 'them' : 'it'
    earlier.value = {
      snapshot,
      text: `${unsavedWhat(fitCount, regressed, file)} You can still save ${them} as a session of ${file}.`,
    }
  }

  async function save(): Promise<void> {
    const kept = earlier.value
    if (kept && (await options.saveSnapshot(kept.snapshot))) earlier.value = null
  }

  return {
    earlier,
    keepEarlier: keep,
    saveEarlier: save,
    discardEarlier: () => void (earlier.value = null),
  }
}
