import { shallowRef, type ComputedRef } from 'vue'
import type { RendererApi, SessionSnapshot } from '../../../src-shared/contract'
import type { Dataset } from './use-dataset'
import type { Fits } from './use-fits'
import { unsavedWhat } from './use-open-question'
import type { Regression } from './use-regression'
import type { Status } from './use-status'

export interface UseEarlierResultsOptions {
  api: RendererApi
  status: Status
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

/** Results kept from an earlier file, with what the banner says of them. */
export interface EarlierResults {
  /** Told apart in the list (each banner's key). */
  id: number
  snapshot: SessionSnapshot
  text: string
  /** The file they were of. */
  file: string
}

/** Sets of earlier results kept at most (each is a banner); the oldest goes, said, when one more comes. */
export const MAX_EARLIER = 4

/**
 * Results this page showed, that no session file holds, of a file another browser tab has since opened
 * over it: kept before the page shows the new file, so they can still be saved as a session of the file
 * they were of (the core saves a snapshot with the data file its import id names) or discarded. Each open
 * over unsaved results keeps its own set (a second open does not replace the first's), newest last. The
 * page that opened the file asked about its own results; in Electron the shell asked before its open.
 */
export function useEarlierResults(options: UseEarlierResultsOptions) {
  const { api, dataset, fits, regression, status } = options
  const earlier = shallowRef<EarlierResults[]>([])
  let kept = 0

  /** Called before another page's open is shown here (the notice says which file it opened). */
  function keep(): void {
    if (api.mode !== 'browser' || !options.unsaved.value) return
    const snapshot = options.snapshot()
    if (!snapshot) return
    const file = dataset.dataset.value?.fileName ?? 'the earlier file'
    const fitCount = fits.fits.value.length
    const regressed = regression?.result.value != null
    const them = fitCount + (regressed ? 1 : 0) > 1 ? 'them' : 'it'
    const text = `${unsavedWhat(fitCount, regressed, file)} You can still save ${them} as a session of ${file}.`
    const entry = { id: ++kept, snapshot, text, file }
    const all = [...earlier.value, entry]
    const [gone] = all.length > MAX_EARLIER ? all.splice(0, 1) : []
    earlier.value = all
    if (gone) {
      status.warn(
        `The unsaved results on ${gone.file} are no longer kept: only the ${MAX_EARLIER} newest sets of ` +
          'results of files opened over them are.',
      )
    }
    // Results this page took over may have been saved as a session by another page since: nothing to keep.
    dropIfSaved(entry)
  }

  /** Drops a kept set the core knows saved as a session (by any page); a failed call keeps it. */
  function dropIfSaved(entry: EarlierResults): void {
    void api
      .call('session:is-saved', entry.snapshot)
      .catch(() => false)
      .then((saved) => saved && discard(entry))
  }

  /** Saves one set as a session (a dialog or a download); it goes once saved. */
  async function save(kept: EarlierResults): Promise<void> {
    if (await options.saveSnapshot(kept.snapshot)) discard(kept)
  }

  function discard(kept: EarlierResults): void {
    earlier.value = earlier.value.filter((k) => k !== kept)
  }

  /** Another page saved a session: the kept sets it holds go. */
  function recheckEarlier(): void {
    earlier.value.forEach(dropIfSaved)
  }

  return { earlier, keepEarlier: keep, saveEarlier: save, discardEarlier: discard, recheckEarlier }
}
