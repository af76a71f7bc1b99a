import { computed, ref, type Ref } from 'vue'
import { version as appVersion } from '../../../package.json'
import type {
  DatasetInfo,
  DistributionInfo,
  FitResult,
  RegressionResult,
  RendererApi,
  ReportExport,
} from '../../../src-shared/contract'
import { chartFile, copyPng, EXPORT_CHOICES, renderPng, type ExportChoice } from '../charts/chart-export'
import { describeError } from '../errors'
import { printHtml } from '../results/print-html'
import { buildFitReport } from '../../../src-shared/present/report/fit-report'
import {
  buildRegressionReport,
  regressionReportFigures,
} from '../../../src-shared/present/report/regression-report'
import { reproduceSnippets } from '../../../src-shared/present/results/reproduce-snippet'
import { resultsCsv, resultsJson, resultsMarkdown } from '../results/results-export'
import { regressionCsv, regressionJson, regressionMarkdown } from '../results/regression-export'
import type { Regression } from './use-regression'
import type { ChartViewSlot, ReportChart } from './use-chart-view'
import type { Dataset } from './use-dataset'
import type { Fits } from './use-fits'
import type { GroupFits } from './use-group-fits'
import type { Percentiles } from './use-percentiles'
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
  /** Regression mode exports its shown result (absent: distributions only). */
  regression?: Regression
  /** The shown fit's percentile table, when loaded: results exports and the report include it. */
  percentiles?: Pick<Percentiles, 'table'>
  /** The fit by group, when one was made: the report includes it for the shown column. */
  groups?: Pick<GroupFits, 'result'>
  /** The catalog's description of a family: the report's "Reproduce this fit" code. */
  findFamily?: (id: string) => DistributionInfo | undefined
}

/**
 * Exports: the shown chart as PNG (in the chosen size), SVG or PDF, or as an image on the clipboard; the
 * fits as CSV or Markdown on the clipboard, or JSON; a self-contained report of the shown fit (Electron: PDF
 * or HTML; browser: the HTML, or a PDF through the print dialog).
 */
export function useExports(options: UseExportsOptions) {
  const { dataset, fits, mode, regression } = options
  const fileName = computed(() => dataset.dataset.value?.fileName ?? 'data')
  /** The fits a results export covers: all fits of the column when several, else the shown one. */
  const exportFits = computed(() =>
    fits.fits.value.length > 1 ? fits.fits.value : fits.fit.value ? [fits.fit.value] : [],
  )
  /** The regression result a results export covers in regression mode. */
  const regressionResult = computed(() =>
    mode.value === 'regression' ? (regression?.result.value ?? null) : null,
  )
  const scope: ExportScope = { fileName, exportFits, regressionResult }
  return {
    fileName,
    ...useChartExport(options),
    ...useResultsExport(options, scope),
    ...useReportExport(options, scope),
  }
}

/** What the results exports and the report share: the file name, the fits and the regression they cover. */
interface ExportScope {
  fileName: Ref<string>
  exportFits: Ref<FitResult[]>
  regressionResult: Ref<RegressionResult | null>
}

/** The shown chart: saved in the chosen format, or copied to the clipboard as a PNG. */
function useChartExport({ api, status, view }: UseExportsOptions) {
  const exportChoice = ref<ExportChoice>('png-medium')
  const canExport = computed(() => view.current.value?.canExport() ?? false)

  /** The chart on screen, ready to export; null (and a message) when there is none. */
  function shownChart() {
    const chart = view.current.value?.exportable() ?? null
    if (!chart)
      status.fail('There is no chart to export yet: fit a model and open a chart tab that shows one.')
    return chart
  }

  async function exportChart(): Promise<void> {
    const chart = shownChart()
    if (!chart) return
    try {
      const file = await chartFile(chart, exportChoice.value)
      // The boundary takes exactly its shape: no `kind`.
      const saved = await (file.kind === 'text'
        ? api.saveText({ text: file.text, suggestedName: file.suggestedName, mimeType: file.mimeType })
        : api.savePng({ dataUrl: file.dataUrl, suggestedName: file.suggestedName }))
      if (saved) status.inform(`Chart saved: ${saved}`)
    } catch (e) {
      status.fail(describeError(e))
    }
  }

  /** The shown chart on the clipboard as a PNG (at the chosen PNG size; the medium one for SVG and PDF). */
  async function copyChart(): Promise<void> {
    const chart = shownChart()
    if (!chart) return
    const size = EXPORT_CHOICES.find((c) => c.id === exportChoice.value && c.format === 'png')?.size
    try {
      await copyPng(renderPng(chart.option, size))
      status.inform('Chart copied to the clipboard as an image.')
    } catch {
      status.fail('The clipboard refused the image (the page may not have focus). Use Export chart instead.')
    }
  }

  return { exportChoice, canExport, exportChart, copyChart }
}

/** The results as CSV or Markdown on the clipboard, or as a JSON file. */
function useResultsExport(options: UseExportsOptions, scope: ExportScope) {
  const { api, status, mode, percentiles } = options
  const { fileName, exportFits, regressionResult } = scope
  const context = () => ({ fileName: fileName.value, percentiles: percentiles?.table.value ?? undefined })
  const hasResults = computed(() =>
    mode.value === 'distributions' ? exportFits.value.length > 0 : regressionResult.value !== null,
  )

  async function copyResults(format: 'csv' | 'markdown'): Promise<void> {
    const ctx = { fileName: fileName.value }
    const r = regressionResult.value
    let out
    if (r) out = format === 'csv' ? regressionCsv(r, ctx) : regressionMarkdown(r, ctx)
    else if (exportFits.value.length && mode.value === 'distributions') {
      const build = format === 'csv' ? resultsCsv : resultsMarkdown
      out = build(exportFits.value, context())
    } else return
    try {
      await navigator.clipboard.writeText(out.text)
      status.inform(`Results copied to the clipboard as ${format === 'csv' ? 'CSV' : 'Markdown'}.`)
    } catch {
      status.fail('The clipboard refused the text (the page may not have focus). Use “Save JSON…” instead.')
    }
  }

  async function saveJson(): Promise<void> {
    const ctx = { fileName: fileName.value }
    const r = regressionResult.value
    if (!r && (!exportFits.value.length || mode.value !== 'distributions')) return
    try {
      const saved = await api.saveText(r ? regressionJson(r, ctx) : resultsJson(exportFits.value, context()))
      if (saved) status.inform(`Results saved: ${saved}`)
    } catch (e) {
      status.fail(describeError(e))
    }
  }

  return { hasResults, copyResults, saveJson }
}

/**
 * The report of the shown fit or regression: saved (Electron: the dialog offers PDF and HTML; browser: the
 * HTML downloads) or, in browser mode, printed through the browser's print dialog (its "Save as PDF").
 */
function useReportExport(options: UseExportsOptions, scope: ExportScope) {
  const { api, status, fits, dataset, view, mode } = options
  const { fileName, exportFits, regressionResult } = scope
  const canReport = computed(() =>
    mode.value === 'distributions' ? exportFits.value.length > 0 : regressionResult.value !== null,
  )
  /** The browser prints; Electron saves PDFs itself (Save report…). */
  const canPrintReport = computed(() => api.mode === 'browser' && canReport.value)

  /** The report to save or print, or null when there is nothing to report. */
  async function currentReport(): Promise<ReportExport | null> {
    const r = regressionResult.value
    if (r) return regressionReportFile(r, fileName.value)
    const fit = fits.fit.value
    const info = dataset.dataset.value
    const reportCharts = view.current.value?.reportCharts
    if (!fit || !info || mode.value !== 'distributions' || !reportCharts) return null
    return reportFile(options, fit, info, await reportCharts())
  }

  /**
   * Saves the report of the shown fit (and of fit all when it ran on the column), or of the regression, under
   * the busy line: Electron's PDF takes a few seconds to lay out and print.
   */
  async function saveReport(): Promise<void> {
    if (!canReport.value) {
      status.warn('Nothing to report yet: fit a family (or a regression) first.')
      return
    }
    const saved = await status.run('Saving the report', async () => {
      const report = await currentReport()
      return report ? api.saveReport(report) : null
    })
    if (!saved) return
    status.inform(
      api.mode === 'browser'
        ? `Report saved: ${saved}. For a PDF, use “Print report…” (Ctrl+P) and choose Save as PDF.`
        : `Report saved: ${saved}`,
    )
  }

  /** Browser mode: the report in the browser's print dialog (a printer, or Save as PDF). */
  async function printReport(): Promise<void> {
    try {
      const report = await currentReport()
      if (report) await printHtml(report.html, report.suggestedName.replace(/\.html$/, ''))
    } catch (e) {
      status.fail(describeError(e))
    }
  }

  return { canReport, canPrintReport, saveReport, printReport }
}

export type Exports = ReturnType<typeof useExports>

/** The HTML report of `fit` as a file to save: what the workspace shows of it, with the charts given. */
function reportFile(
  { dataset, fits, percentiles, groups, findFamily }: UseExportsOptions,
  fit: FitResult,
  info: DatasetInfo,
  charts: ReportChart[],
): ReportExport {
  const all = fits.fitAll.value
  const byGroup = groups?.result.value
  const summary = dataset.summary.value
  const html = buildFitReport({
    dataset: info,
    summary: summary?.column === fit.column ? summary : null,
    fit,
    fitAll: all && all.column === fit.column ? all : null,
    charts,
    percentiles: percentiles?.table.value?.dist === fit.dist ? percentiles.table.value.table : null,
    groups: byGroup?.column === fit.column ? byGroup : null,
    reproduce: reproduceSnippets(fit, findFamily?.(fit.dist), info),
    appVersion,
    created: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  })
  const stem = info.fileName.replace(/\.[^.]+$/, '')
  const suggestedName = `${stem}-${fit.column}-${fit.dist}-report.html`.replace(/[^\p{L}\p{N}._-]+/gu, '-')
  return { html, suggestedName }
}

/** The HTML report of a regression as a file to save (its figures drawn from the result itself). */
function regressionReportFile(r: RegressionResult, fileName: string): ReportExport {
  const html = buildRegressionReport({
    fileName,
    result: r,
    charts: regressionReportFigures(r),
    appVersion,
    created: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  })
  const stem = fileName.replace(/\.[^.]+$/, '')
  const suggestedName = `${stem}-${r.response}-${r.model}-report.html`.replace(/[^\p{L}\p{N}._-]+/gu, '-')
  return { html, suggestedName }
}
