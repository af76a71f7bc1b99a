import type { Diagnostics, FitResult } from '../../contract'
import { buildBootstrapOption } from '../charts/bootstrap-option'
import { renderSvg } from '../charts/chart-render'
import { LIGHT_COLORS } from '../charts/chart-theme'
import { buildDensityOption } from '../charts/density-option'
import { buildSummaryOption } from '../charts/summary-option'

/** One figure of the HTML report. */
export interface ReportChart {
  caption: string
  svg: string
}

/**
 * The report's figures of a fit, as SVG on white: the density, the four-panel summary (from the engine's
 * diagnostics of the fit) and, when the fit has bootstrap replicates, their estimates. The app and
 * `mle-fit --report` draw the same figures.
 */
export function fitReportFigures(f: FitResult, d: Diagnostics, xScale: 'log' | 'linear'): ReportChart[] {
  const density = buildDensityOption(f, { colors: LIGHT_COLORS, xScale, zoom: false })
  const out = [
    {
      caption: `Histogram and fitted ${f.distLabel} density.`,
      svg: renderSvg(density, { width: 900, height: 520 }),
    },
  ]
  const summary = buildSummaryOption(f, d, { colors: LIGHT_COLORS, xScale })
  out.push({
    caption: 'Density, CDF with its 95% KS band, Q-Q and P-P plots with pointwise 95% bands.',
    svg: renderSvg(summary, { width: 900, height: 640 }),
  })
  const boot = buildBootstrapOption(f, { colors: LIGHT_COLORS })
  if (boot) {
    out.push({
      caption:
        'Bootstrap estimates of every replicate, with the estimate, percentile and BCa intervals marked.',
      svg: renderSvg(boot, { width: 900, height: 420 }),
    })
  }
  return out
}
