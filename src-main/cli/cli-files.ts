import { stat } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import type {
  ColumnSummary,
  DatasetInfo,
  Diagnostics,
  DistributionInfo,
  FitResult,
  HistogramBin,
  PercentileTable,
} from '../../src-shared/contract'
import { rankFits } from '../../src-shared/ranking'
import { fitXScale } from '../../src-shared/present/charts/axis-scale'
import { buildFitReport } from '../../src-shared/present/report/fit-report'
import { fitReportFigures } from '../../src-shared/present/report/report-figures'
import { reproduceSnippets } from '../../src-shared/present/results/reproduce-snippet'
import { describeFsError, writeFileAtomic } from '../core/atomic-write'
import { rankByAic } from '../engine/fit/fit-all'
import { UsageError, VERSION, type CliArgs } from './cli-args'
import { figureFile, figureOption, needsDiagnostics } from './cli-figures'

/**
 * Before any fitting: each output file's folder exists and is writable, and the name is not a folder, so a
 * long fit never ends in "could not write". A UsageError says which file and why.
 */
export async function checkOutputPaths(args: Pick<CliArgs, 'plot' | 'report'>): Promise<void> {
  for (const [flag, path] of [
    ['--plot', args.plot],
    ['--report', args.report],
  ] as const) {
    if (!path) continue
    const target = resolve(path)
    try {
      const folder = await stat(dirname(target))
      if (!folder.isDirectory()) throw Object.assign(new Error(), { code: 'ENOTDIR' })
    } catch (e) {
      const why =
        (e as NodeJS.ErrnoException).code === 'ENOTDIR' ? 'its folder is a file' : describeFsError(e)
      throw new UsageError(`${flag} cannot write ${path}: ${why}`)
    }
    const existing = await stat(target).catch(() => null)
    if (existing?.isDirectory()) throw new UsageError(`${flag} cannot write ${path}: a folder has that name`)
  }
}

/** What the written files are drawn from: the run's fits and the engine's answers about the column. */
export interface FilesInput {
  file: string
  dataset: DatasetInfo
  fits: FitResult[]
  notApplicable: { dist: string; reason: string }[]
  percentiles: ReadonlyMap<FitResult, PercentileTable>
  ask: {
    summary(column: string): Promise<ColumnSummary>
    diagnostics(fit: FitResult): Promise<Diagnostics>
    /** The fit's histogram with log-spaced bins (the app's bars on a log x axis). */
    logBins(fit: FitResult): Promise<HistogramBin[]>
    distributions(): Promise<DistributionInfo[]>
  }
}

/**
 * Writes `--plot` and `--report` (each atomically: a temporary file renamed over the name, so a failure
 * leaves nothing half-written). Both are of the best-ranked fit (the only one with one --dist); the
 * density chart draws the other fits over it and the report compares them. Throws UsageError/SaveError.
 */
export async function writeCliFiles(args: CliArgs, input: FilesInput): Promise<string[]> {
  const ranked = rankFits(input.fits)
  if (ranked.length === 0) throw new UsageError('no family could be fitted, so nothing was drawn')
  const summary = await input.ask.summary(ranked[0].fit.column).catch(() => null)
  const fit = await withAxisBins(args, ranked[0].fit, summary, input.ask)
  const others = ranked.slice(1).map((r) => r.fit)
  const wantsDiagnostics =
    args.report !== undefined || (args.plot !== undefined && needsDiagnostics(args.chart))
  const diagnostics = wantsDiagnostics ? await input.ask.diagnostics(fit) : null
  const written: string[] = []
  if (args.plot) {
    const option = figureOption(args.chart, args, {
      fit,
      others,
      summary,
      diagnostics,
      fileName: input.dataset.fileName,
    })
    await writeFileAtomic(resolve(args.plot), await figureFile(args.chart, option, args.plot))
    written.push(args.plot)
  }
  if (args.report) {
    const html = await reportHtml(args, input, fit, summary, diagnostics!)
    await writeFileAtomic(resolve(args.report), new TextEncoder().encode(html))
    written.push(args.report)
  }
  return written
}

/**
 * `fit` with the bars its charts draw: on a log x axis log-spaced bins, equally wide there, as the app
 * draws them (the equal-width bars stay where the engine cannot make them).
 */
async function withAxisBins(
  args: CliArgs,
  fit: FitResult,
  summary: ColumnSummary | null,
  ask: FilesInput['ask'],
): Promise<FitResult> {
  if (fit.discrete || fit.censoring || fitXScale(args.xScale, fit, summary) !== 'log') return fit
  const bins = await ask.logBins(fit).catch(() => null)
  return bins ? { ...fit, histogram: bins } : fit
}

/** The app's report of `fit`, with the comparison table when several families were fitted. */
async function reportHtml(
  args: CliArgs,
  input: FilesInput,
  fit: FitResult,
  summary: ColumnSummary | null,
  diagnostics: Diagnostics,
): Promise<string> {
  const family = (await input.ask.distributions()).find((d) => d.id === fit.dist)
  const fitAll =
    input.fits.length > 1
      ? {
          column: fit.column,
          fits: input.fits,
          ranking: rankByAic(input.fits),
          notApplicable: input.notApplicable,
        }
      : null
  return buildFitReport({
    dataset: input.dataset,
    summary,
    fit,
    fitAll,
    charts: fitReportFigures(fit, diagnostics, fitXScale(args.xScale, fit, summary)),
    percentiles: input.percentiles.get(fit) ?? null,
    reproduce: reproduceSnippets(fit, family, input.dataset),
    appVersion: VERSION,
    created: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  })
}
