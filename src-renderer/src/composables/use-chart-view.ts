import { onScopeDispose, shallowRef } from 'vue'
import type { PngExport } from '../../../src-shared/contract'
import type { PngSize } from '../charts/export-png'

/** What the shown chart view (distributions or regression) offers the toolbar, menu and shortcuts. */
export interface ChartViewHandle {
  /** PNG of the shown chart (white background, titled), or null when it shows none. */
  exportPng(size: PngSize): PngExport | null
  /** How many tabs the view has (Alt+1 … Alt+n reach them). */
  tabCount(): number
  /** Shows the i-th tab (0-based). */
  selectTabByIndex(index: number): void
  /** Whether there is a chart to export. */
  canExport(): boolean
}

/**
 * The slot the mounted chart view registers itself in, so that exports and shortcuts reach whichever view
 * is on screen without template refs between siblings.
 */
export function useChartViewSlot() {
  const current = shallowRef<ChartViewHandle | null>(null)

  /** Makes `handle` the shown view until the caller's scope (its component) ends. */
  function register(handle: ChartViewHandle): void {
    current.value = handle
    onScopeDispose(() => {
      if (current.value === handle) current.value = null
    })
  }

  return { current, register }
}

export type ChartViewSlot = ReturnType<typeof useChartViewSlot>
