import { shallowRef, watch, type ShallowRef } from 'vue'
import type { DatasetInfo, RendererApi } from '../../../src-shared/contract'

export interface UseStatusCodesOptions {
  api: RendererApi
  dataset: () => DatasetInfo
  /** The chosen status column's name, or null (no status column chosen). */
  status: () => string | null
}

/**
 * A numeric status column's two codes when they are not 1 and 0 (lung's 1 = censored, 2 = dead): the
 * panel then asks which one marks an event, as it does for text. They come from the engine's column
 * summary (`values`, a column's distinct values when it has at most two): the renderer holds no column
 * values. Null for text columns, 0/1 columns and columns with other than two values.
 */
export function useStatusCodes({ api, dataset, status }: UseStatusCodesOptions): ShallowRef<string[] | null> {
  const codes = shallowRef<string[] | null>(null)
  let asked = 0
  watch(
    () => [dataset(), status()] as const,
    async ([info, name]) => {
      const ticket = ++asked
      codes.value = null
      const col = info.columns.find((c) => c.name === name)
      if (!col?.numeric) return
      const summary = await api.call('column:get-summary', { column: col.name }).catch(() => null)
      // A summary that arrives after another file or column was chosen describes neither.
      if (ticket !== asked) return
      const values = summary?.values
      const oneZero = values?.length === 2 && values[0] === 0 && values[1] === 1
      codes.value = values?.length === 2 && !oneZero ? values.map(String) : null
    },
    { immediate: true },
  )
  return codes
}
