import { onScopeDispose, shallowRef } from 'vue'
import type { ExportableChart } from '../charts/chart-export'
import type { ReportChart } from '../../../src-shared/present/report/report-figures'

export type { ReportChart }

/** What the shown chart view (distributions or regression) offers the toolbar, menu and shortcuts. */
export interface ChartViewHandle {
  /** The shown chart for export (titled, on white, with its naming parts), or null when it shows none. */
  exportable(): ExportableChart | null
  /** The figures of a fit report (SVG with captions); views without a report leave it out. */
  reportCharts?(): Promise<ReportChart[]>
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
