import { computed, ref, type Ref } from 'vue'
import type { ExportableChart } from '../charts/chart-export'
import { LIGHT_COLORS, type ChartColors } from '../../../src-shared/present/charts/chart-theme'
import type { EChartsCoreOption } from '../charts/echarts-setup'
import type { ChartViewHandle, ChartViewSlot } from './use-chart-view'

/** One tab of a chart view: its id (in test ids and file names) and the label on the tab. */
export interface ChartTab<T extends string> {
  id: T
  label: string
}

export interface UseChartTabsOptions<T extends string> {
  tabs: readonly ChartTab<T>[]
  initial: T
  colors: Ref<ChartColors>
  /** The tab's option in `colors`, with `title` for exports; null when it has nothing to draw. */
  optionFor(tab: T, colors: ChartColors, title?: string): EChartsCoreOption | null
  /**
   * The export's title and the parts its file name is made of (chartFileName adds size and format) for
   * the shown tab (`label` is its tab label); null: nothing to export.
   */
  exportName(tab: T, label: string): { title: string; naming: ExportableChart['naming'] } | null
  /** Whether the toolbar's Export is enabled. */
  canExport(): boolean
  /** Where the view registers while it is on screen (none in tests). */
  view?: ChartViewSlot
  /** The view's report figures, when it has a report. */
  reportCharts?: ChartViewHandle['reportCharts']
}

/**
 * A chart view's tabs (shown in ChartTabShell): the shown tab, its option, and the export (white
 * background, titled; rendered as PNG, SVG or PDF by useExports) and Alt+digit selection the view
 * registers for the toolbar and keys.
 */
export function useChartTabs<T extends string>(options: UseChartTabsOptions<T>) {
  const { tabs, colors, optionFor, exportName } = options
  const tab = ref(options.initial) as Ref<T>
  const label = computed(() => tabs.find((t) => t.id === tab.value)?.label ?? '')
  const option = computed(() => optionFor(tab.value, colors.value))

  function exportable(): ExportableChart | null {
    const name = exportName(tab.value, label.value)
    const option = name ? optionFor(tab.value, LIGHT_COLORS, name.title) : null
    return name && option ? { option, naming: name.naming } : null
  }

  function selectTabByIndex(index: number): void {
    const t = tabs[index]
    if (t) tab.value = t.id
  }

  options.view?.register({
    exportable,
    selectTabByIndex,
    tabCount: () => tabs.length,
    canExport: options.canExport,
    ...(options.reportCharts ? { reportCharts: options.reportCharts } : {}),
  })
  return { tab, label, option, exportable, selectTabByIndex }
}
