import { shallowRef, type Ref } from 'vue'
import type { GroupFitRequest, GroupFitResult, RendererApi } from '../../../src-shared/contract'
import { ALWAYS_OPEN, dataReplacedNotice, type StillOpen } from './use-dataset'
import type { Fits } from './use-fits'
import type { ModelSettings } from './use-model-settings'
import type { Status } from './use-status'

export interface UseGroupFitsOptions {
  api: RendererApi
  status: Status
  settings: ModelSettings
  fits: Fits
  column: Ref<string | null>
  /** Whether the data it started on is still open when it ends (default: always; `Dataset.stillOpen`). */
  stillOpen?: StillOpen
}

/**
 * Fits by group (the By column): the families the user is looking at (the chosen one and those already
 * fitted to the column) in each group, pooled, and the likelihood-ratio test between them; one engine call
 * (`model:fit-groups`) through `status.run`, so it shows progress and can be cancelled. The core lands it in
 * the workspace too (`withGroupFit`), so a page reloaded while it runs shows it.
 */
export function useGroupFits({
  api,
  status,
  settings,
  fits,
  column,
  stillOpen = ALWAYS_OPEN,
}: UseGroupFitsOptions) {
  const result = shallowRef<GroupFitResult | null>(null)

  /** The request for the current column and controls, or null when no column or By column is chosen. */
  function request(): GroupFitRequest | null {
    const name = column.value
    const by = settings.by.value
    if (!name || !by) return null
    const dists = [...new Set([settings.dist.value, ...fits.fits.value.map((f) => f.dist)])].filter(Boolean)
    // Fit all's family choice (`only`, `include`) is not the group fit's: it fits the families in `dists`,
    // a mixture among them with the components the user chose (as its single fit does).
    const { only: _only, include: _include, components: _k, ...common } = settings.fitAllRequest(name)
    const chosen = dists.slice(0, 10)
    const mixture = chosen.some((id) => settings.find(id)?.components)
    return { ...common, ...(mixture ? { components: settings.components.value } : {}), by, dists: chosen }
  }

  async function run(): Promise<void> {
    const body = request()
    if (!body) return
    const label = `Fitting by ${body.by}`
    const still = stillOpen()
    const answer = await status.run(label, () => api.call('model:fit-groups', body))
    if (answer && !still()) return status.warn(dataReplacedNotice(label))
    // Groups of a column no longer shown are not kept (a new column clears them), as the core lands them.
    if (answer && column.value === body.column) result.value = answer
  }

  function clear(): void {
    result.value = null
  }

  return { result, run, clear, restore: (r: GroupFitResult | null | undefined) => (result.value = r ?? null) }
}

export type GroupFits = ReturnType<typeof useGroupFits>
