import { computed, ref, type Ref } from 'vue'
import type { RendererApi } from '../../../src-shared/contract'
import type { PngSize } from '../charts/export-png'
import { describeError } from '../errors'
import { resultsCsv, resultsJson, resultsMarkdown } from '../results/results-export'
import type { ChartViewSlot } from './use-chart-view'
import type { Dataset } from './use-dataset'
import type { Fits } from './use-fits'
import type { Status } from './use-status'

/** Which workspace is on screen. */
export type WorkspaceMode = 'distributions' | 'regression'

export interface UseExportsOptions {
  api: RendererApi
  status: Status
  dataset: Dataset
  fits: Fits
  view: ChartViewSlot
  mode: Ref<WorkspaceMode>
}

/** Exports: the shown chart as PNG (in the chosen size), the fits as CSV or Markdown on the clipboard, or JSON. */
export function useExports({ api, status, dataset, fits, view, mode }: UseExportsOptions) {
  const pngSize = ref<PngSize>('medium')
  const fileName = computed(() => dataset.dataset.value?.fileName ?? 'data')
  /** The fits a results export covers: all fits of the column when several, else the shown one. */
  const exportFits = computed(() =>
    fits.fits.value.length > 1 ? fits.fits.value : fits.fit.value ? [fits.fit.value] : [],
  )
  const canExport = computed(() => view.current.value?.canExport() ?? false)
  const hasResults = computed(() => mode.value === 'distributions' && exportFits.value.length > 0)

  async function exportPng(): Promise<void> {
    const png = view.current.value?.exportPng(pngSize.value) ?? null
    if (!png)
      return status.fail('There is no chart to export yet: fit a model and open a chart tab that shows one.')
    try {
      const saved = await api.savePng(png)
      if (saved) status.inform(`Chart saved: ${saved}`)
    } catch (e) {
      status.fail(describeError(e))
    }
  }

  async function copyResults(format: 'csv' | 'markdown'): Promise<void> {
    if (!exportFits.value.length) return
    const build = format === 'csv' ? resultsCsv : resultsMarkdown
    const out = build(exportFits.value, { fileName: fileName.value })
    try {
      await navigator.clipboard.writeText(out.text)
      status.inform(`Results copied to the clipboard as ${format === 'csv' ? 'CSV' : 'Markdown'}.`)
    } catch {
      status.fail('The clipboard refused the text (the page may not have focus). Use “Save JSON…” instead.')
    }
  }

  async function saveJson(): Promise<void> {
    if (!exportFits.value.length) return
    try {
      const saved = await api.saveText(resultsJson(exportFits.value, { fileName: fileName.value }))
      if (saved) status.inform(`Results saved: ${saved}`)
    } catch (e) {
      status.fail(describeError(e))
    }
  }

  return { pngSize, fileName, canExport, hasResults, exportPng, copyResults, saveJson }
}

export type Exports = ReturnType<typeof useExports>
