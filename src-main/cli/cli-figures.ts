import { createRequire } from 'node:module'
import type { EChartsCoreOption } from 'echarts/core'
import type { ColumnSummary, Diagnostics, FitResult } from '../../src-shared/contract'
import { fitXScale } from '../../src-shared/present/charts/axis-scale'
import { chartTitle, renderSvg } from '../../src-shared/present/charts/chart-render'
import { LIGHT_COLORS } from '../../src-shared/present/charts/chart-theme'
import { buildDensityOption } from '../../src-shared/present/charts/density-option'
import { buildDiagnosticsOption } from '../../src-shared/present/charts/diagnostics-option'
import { buildSummaryOption } from '../../src-shared/present/charts/summary-option'
import { fitLabel } from '../../src-shared/present/format'
import { UsageError, type CliArgs, type CliChart } from './cli-args'

/** Chart names as the app's tabs call them (titles of written charts). */
const CHART_LABELS: Record<CliChart, string> = {
  density: 'Density',
  cdf: 'CDF',
  qq: 'Q-Q',
  pp: 'P-P',
  survival: 'Survival',
  hazard: 'Hazard',
  probability: 'Probability plot',
  summary: 'Summary',
}
/** Charts of exactly observed order statistics: a censored fit has none (as in the app). */
const NEEDS_EXACT: readonly CliChart[] = ['qq', 'pp', 'probability', 'summary']
/** Written chart sizes in CSS pixels (the app's medium export; the summary's four panels get more room). */
const SIZES: Record<'single' | 'summary', { width: number; height: number }> = {
  single: { width: 1000, height: 600 },
  summary: { width: 1000, height: 720 },
}

/** What one written chart is drawn from: the fit, the engine's answers for it, and the file's name. */
export interface FigureInput {
  fit: FitResult
  /** Other fits of the column, drawn over the density (several --dist). */
  others: FitResult[]
  summary: ColumnSummary | null
  /** The engine's diagnostics of the fit (`diagnostics` request); null for the density. */
  diagnostics: Diagnostics | null
  fileName: string
}

/** Whether `chart` needs the engine's diagnostics of the fit (everything but the density). */
export const needsDiagnostics = (chart: CliChart) => chart !== 'density'

/**
 * The option of one chart of a fit, titled and on white as the app exports it; the x axis by `--x-scale`
 * (auto: the app's rule on the column's range and skewness). A UsageError when the chart cannot be drawn
 * for this fit (a censored fit has no Q-Q, P-P or probability plot).
 */
export function figureOption(
  chart: CliChart,
  args: Pick<CliArgs, 'xScale'>,
  input: FigureInput,
): EChartsCoreOption {
  const { fit, diagnostics } = input
  if (fit.censoring && NEEDS_EXACT.includes(chart))
    throw new UsageError(
      `--chart ${chart} needs exactly observed values, and the ${fit.distLabel} fit is to censored data (use density, cdf, survival or hazard)`,
    )
  const xScale = fitXScale(args.xScale, fit, input.summary)
  const title = chartTitle({
    file: input.fileName,
    column: fit.column,
    fit: fitLabel(fit),
    chart: CHART_LABELS[chart],
  })
  const common = { colors: LIGHT_COLORS, title, xScale }
  if (chart === 'density') return buildDensityOption(fit, { ...common, overlays: input.others, zoom: false })
  if (!diagnostics) throw new Error(`the ${chart} chart needs the engine's diagnostics of the fit`)
  if (chart === 'summary') return buildSummaryOption(fit, diagnostics, common)
  return buildDiagnosticsOption(chart, diagnostics, {
    ...common,
    zoom: false,
    column: fit.column,
    distLabel: fit.distLabel,
    fitLabel: fitLabel(fit),
  })
}

/** The chart as the file's bytes: SVG text, or PNG (by `path`'s extension) at twice the pixels. */
export async function figureFile(
  chart: CliChart,
  option: EChartsCoreOption,
  path: string,
): Promise<Uint8Array> {
  const size = chart === 'summary' ? SIZES.summary : SIZES.single
  const svg = renderSvg(option, size)
  if (!/\.png$/i.test(path)) return new TextEncoder().encode(svg)
  return svgToPng(svg)
}

/**
 * PNG through resvg (a maintained Rust SVG rasteriser with prebuilt Node binaries: no browser, no
 * network), with DejaVu Sans Condensed, shipped with the app, so text renders alike on every machine; its
 * widths are close to the Helvetica metrics ECharts lays text out by when it renders without a canvas.
 */
async function svgToPng(svg: string): Promise<Uint8Array> {
  let Resvg: typeof import('@resvg/resvg-js').Resvg
  try {
    ;({ Resvg } = await import('@resvg/resvg-js'))
  } catch (e) {
    throw new UsageError(
      `PNG output needs the @resvg/resvg-js package, which did not load here (${(e as Error).message.split('\n')[0]}): write .svg instead`,
    )
  }
  const font = (name: string) => createRequire(__filename).resolve(`dejavu-fonts-ttf/ttf/${name}.ttf`)
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: 2 },
    background: '#ffffff',
    font: {
      loadSystemFonts: false,
      fontFiles: [font('DejaVuSansCondensed'), font('DejaVuSansCondensed-Bold')],
      defaultFontFamily: 'DejaVu Sans',
      sansSerifFamily: 'DejaVu Sans',
      serifFamily: 'DejaVu Sans',
    },
  })
  return resvg.render().asPng()
}
