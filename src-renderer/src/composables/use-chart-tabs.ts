import { computed, ref, type Ref } from 'vue'
import type { PngExport } from '../../../src-shared/contract'
import { LIGHT_COLORS, type ChartColors } from '../charts/chart-theme'
import type { EChartsCoreOption } from '../charts/echarts-setup'
import { PNG_SIZES, renderPng, type PngSize } from '../charts/export-png'
import type { ChartViewSlot } from './use-chart-view'

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
  /** The PNG's title and file name for the shown tab (`label` is its tab label); null: nothing to export. */
  exportName(tab: T, label: string): { title: string; fileName: string } | null
  /** Whether the toolbar's Export is enabled. */
  canExport(): boolean
  /** Where the view registers while it is on screen (none in tests). */
  view?: ChartViewSlot
}

/** `data.csv` → `data`: the stem export file names start with. */
export const fileStem = (fileName: string) => fileName.replace(/\.[^.]+$/, '')

/**
 * A chart view's tabs (shown in ChartTabShell): the shown tab, its option, and the PNG export (white
 * background, titled, pixel ratio 2) and Alt+digit selection the view registers for the toolbar and keys.
 */
export function useChartTabs<T extends string>(options: UseChartTabsOptions<T>) {
  const { tabs, colors, optionFor, exportName } = options
  const tab = ref(options.initial) as Ref<T>
  const label = computed(() => tabs.find((t) => t.id === tab.value)?.label ?? '')
  const option = computed(() => optionFor(tab.value, colors.value))

  function exportPng(size: PngSize): PngExport | null {
    const name = exportName(tab.value, label.value)
    const opt = name ? optionFor(tab.value, LIGHT_COLORS, name.title) : null
    if (!name || !opt) return null
    return { dataUrl: renderPng(opt, PNG_SIZES[size]), suggestedName: name.fileName }
  }

  function selectTabByIndex(index: number): void {
    const t = tabs[index]
    if (t) tab.value = t.id
  }

  options.view?.register({
    exportPng,
    selectTabByIndex,
    tabCount: () => tabs.length,
    canExport: options.canExport,
  })
  return { tab, label, option, exportPng, selectTabByIndex }
}
