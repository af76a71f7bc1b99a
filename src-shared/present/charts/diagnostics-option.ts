import type { EChartsCoreOption } from 'echarts/core'
import type { Diagnostics, NonparametricCdf } from '../../../src-shared/contract'
import { formatShort } from '../format'
import {
  baseOption,
  gridTop,
  LIGHT_COLORS,
  referenceLine,
  scaledAxis,
  SLIDER_ROOM,
  valueAxis,
  zoomFor,
  type ChartColors,
} from './chart-theme'
import { axisTitle, xyPairs } from './density-option'

export type DiagnosticKind = 'cdf' | 'survival' | 'hazard' | 'qq' | 'pp' | 'probability'

export interface DiagnosticsOptionSettings {
  title?: string
  colors?: ChartColors
  /** Column name for axis labels. */
  column: string
  /** Family label for axis titles, e.g. `Gamma`. */
  distLabel: string
  /** Legend name of the fitted curve, e.g. `Gamma (k = 7.97, β = 2.28)`; defaults to distLabel. */
  fitLabel?: string
  /** Scale of the data axis, already resolved (see axis-scale.ts); P-P is always linear. */
  xScale?: 'log' | 'linear'
  /** Zoom and pan (on screen); exports leave it out. Defaults to true without a title. */
  zoom?: boolean
}

type Series = Record<string, unknown>

/** Smallest and largest finite value of the arrays (positive only for a log axis). */
export function finiteRange(positive: boolean, ...arrays: readonly number[][]): [number, number] {
  let lo = Infinity
  let hi = -Infinity
  for (const a of arrays)
    for (const v of a) {
      if (!Number.isFinite(v) || (positive && !(v > 0))) continue
      if (v < lo) lo = v
      if (v > hi) hi = v
    }
  return lo <= hi ? [lo, hi] : positive ? [1, 10] : [0, 1]
}

/**
 * Half-width of the simultaneous 95% Kolmogorov-Smirnov band around an empirical CDF of n values
 * (Stephens' approximation to the 95% point of D_n; within 2e-4 of the exact value for n >= 10).
 */
export function ksBandHalfWidth(n: number): number {
  const r = Math.sqrt(n)
  return 1.358 / (r + 0.12 + 0.11 / r)
}

/**
 * One diagnostic chart from the engine's points. CDF: the empirical step function with the simultaneous
 * 95% KS band around it, against the fitted CDF. Survival (1 - F) likewise; hazard f / (1 - F) of the
 * fit. Q-Q (sample against theoretical quantiles) and P-P (empirical against fitted probabilities) with
 * the identity a perfect fit would follow and the pointwise 95% band; the probability plot puts the
 * data against the fitted family's quantile scale, labelled in probabilities (its "paper").
 */
export function buildDiagnosticsOption(
  kind: DiagnosticKind,
  d: Diagnostics,
  settings: DiagnosticsOptionSettings,
): EChartsCoreOption {
  const colors = settings.colors ?? LIGHT_COLORS
  const zoom = settings.zoom ?? settings.title === undefined
  const log = settings.xScale === 'log' && kind !== 'pp'
  const build = kind === 'cdf' || kind === 'survival' ? cdfPanel : kind === 'hazard' ? hazardPanel : qqPanel
  const panel = build(kind, d, { ...settings, colors }, log)
  const shown =
    kind === 'cdf' || kind === 'survival' || kind === 'hazard' ? d.cdf.x.length : d.pp.empirical.length
  return {
    ...baseOption(colors, settings.title),
    legend: { top: settings.title ? 36 : 8, textStyle: { color: colors.text }, type: 'scroll' },
    grid: { left: 72, right: 24, top: gridTop(settings.title), bottom: 52 + (zoom ? SLIDER_ROOM : 0) },
    dataZoom: zoomFor(zoom),
    // A nonparametric estimate (censored data) draws every step, not a sample of the points.
    graphic: d.nonparametric ? [] : samplingNote(d.n, shown, colors, gridTop(settings.title)),
    ...panel,
  }
}

type Panel = Pick<Record<string, unknown>, 'xAxis' | 'yAxis' | 'series'>
type PanelSettings = DiagnosticsOptionSettings & { colors: ChartColors }

/** Empirical and fitted CDF (or survival 1 - F) with the KS band around the empirical curve. */
function cdfPanel(kind: DiagnosticKind, d: Diagnostics, s: PanelSettings, log: boolean): Panel {
  if (d.nonparametric) return nonparametricPanel(kind, d.nonparametric, s, log)
  const survival = kind === 'survival'
  const flip = (p: number) => (survival ? 1 - p : p)
  const half = d.n ? ksBandHalfWidth(d.n) : NaN
  const emp = d.cdf.empirical.map(flip)
  const lower = d.cdf.empirical.map((e) => flip(survival ? Math.min(1, e + half) : Math.max(0, e - half)))
  const upper = d.cdf.empirical.map((e) => flip(survival ? Math.max(0, e - half) : Math.min(1, e + half)))
  const pairs = (y: readonly number[]) => xyPairs(d.cdf.x, y, log)
  const fitName = `${s.fitLabel ?? s.distLabel} ${survival ? 'survival' : 'CDF'}`
  const series: Series[] = [
    stepLine('empirical', survival ? 'Empirical survival' : 'Empirical CDF', s.colors.palette[0], pairs(emp)),
    curve('fitted', fitName, s.colors.density, pairs(d.cdf.fitted.map(flip))),
  ]
  if (Number.isFinite(half)) {
    series.push(
      bandLine('band-lower', '95% KS band', s.colors.reference, pairs(lower), 'end'),
      bandLine('band-upper', '95% KS band', s.colors.reference, pairs(upper), 'end'),
    )
  }
  return {
    xAxis: scaledAxis(s.colors, axisTitle(s.column, log), log ? 'log' : 'linear', finiteRange(log, d.cdf.x)),
    yAxis: probabilityAxis(s.colors, survival),
    series,
  }
}

/** The y axis of a CDF or survival panel: a probability from 0 to 1. */
function probabilityAxis(colors: ChartColors, survival: boolean) {
  return valueAxis(colors, survival ? 'Survival probability 1 − F(x)' : 'Cumulative probability F(x)', {
    min: 0,
    max: 1,
    scale: false,
    nameGap: 44,
    axisLabel: { color: colors.text },
  })
}

/** The nonparametric estimate's curve name (`NonparametricCdf.method`). */
const ESTIMATE_NAMES = { 'kaplan-meier': 'Kaplan-Meier', turnbull: 'Turnbull NPMLE' } as const

/**
 * Censored data: the Kaplan-Meier (with its pointwise 95% band) or Turnbull estimate as a step function
 * against the fitted CDF or survival. The KS band does not apply to censored data and is not drawn.
 */
function nonparametricPanel(
  kind: DiagnosticKind,
  np: NonparametricCdf,
  s: PanelSettings,
  log: boolean,
): Panel {
  const survival = kind === 'survival'
  const flip = (p: number) => (survival ? 1 - p : p)
  const pairs = (y: readonly number[]) => xyPairs(np.x, y.map(flip), log)
  const name = `${ESTIMATE_NAMES[np.method]} ${survival ? 'survival' : 'CDF'}`
  const series: Series[] = [
    stepLine('empirical', name, s.colors.palette[0], pairs(np.cdf)),
    curve(
      'fitted',
      `${s.fitLabel ?? s.distLabel} ${survival ? 'survival' : 'CDF'}`,
      s.colors.density,
      pairs(np.fitted),
    ),
  ]
  if (np.lower.length > 0) {
    series.push(
      bandLine('band-lower', '95% pointwise band', s.colors.reference, pairs(np.lower), 'end'),
      bandLine('band-upper', '95% pointwise band', s.colors.reference, pairs(np.upper), 'end'),
    )
  }
  return {
    xAxis: scaledAxis(s.colors, axisTitle(s.column, log), log ? 'log' : 'linear', finiteRange(log, np.x)),
    yAxis: probabilityAxis(s.colors, survival),
    series,
  }
}

/** The fitted hazard rate f(x) / (1 - F(x)) at the data (where the survival is not zero). */
function hazardPanel(_kind: DiagnosticKind, d: Diagnostics, s: PanelSettings, log: boolean): Panel {
  const density = d.cdf.density ?? []
  const hazard = d.cdf.fitted.map((F, i) => (F < 1 ? (density[i] ?? NaN) / (1 - F) : NaN))
  return {
    xAxis: scaledAxis(s.colors, axisTitle(s.column, log), log ? 'log' : 'linear', finiteRange(log, d.cdf.x)),
    yAxis: valueAxis(s.colors, 'Hazard rate f(x) / (1 − F(x))', { nameGap: 52 }),
    series: [
      curve('hazard', `${s.fitLabel ?? s.distLabel} hazard`, s.colors.density, xyPairs(d.cdf.x, hazard, log)),
    ],
  }
}

/** Q-Q, P-P or probability plot: points, the identity and the pointwise 95% band. */
function qqPanel(kind: DiagnosticKind, d: Diagnostics, s: PanelSettings, log: boolean): Panel {
  const { colors } = s
  const pp = kind === 'pp'
  const prob = kind === 'probability'
  // Points and band as [x, y]: Q-Q (theoretical, sample), P-P (fitted, empirical), probability plot
  // (sample, theoretical); the band bounds the coordinate that varies under the model.
  let points: [number, number][]
  let band: [[number, number][], [number, number][]] | null = null
  if (pp) {
    points = xyPairs(d.pp.theoretical, d.pp.empirical)
    if (d.pp.lower && d.pp.upper)
      band = [xyPairs(d.pp.lower, d.pp.empirical), xyPairs(d.pp.upper, d.pp.empirical)]
  } else {
    const { theoretical: t, sample: x, lower, upper } = d.qq
    points = prob ? xyPairs(x, t, log) : xyPairs(t, x, log)
    if (lower && upper)
      band = prob
        ? [xyPairs(lower, t, log), xyPairs(upper, t, log)]
        : [xyPairs(t, lower, log), xyPairs(t, upper, log)]
    if (band && log) band = [band[0].filter((p) => p[1] > 0), band[1].filter((p) => p[1] > 0)]
    if (log) points = points.filter((p) => p[1] > 0)
  }
  const [lo, hi] = pp
    ? [0, 1]
    : finiteRange(
        log,
        points.map((p) => p[0]),
        points.map((p) => p[1]),
      )
  const scale = log ? 'log' : 'linear'
  const names = axisNames(kind, s, log)
  const series: Series[] = [
    {
      ...referenceLine(
        colors,
        'reference',
        prob ? `${s.fitLabel ?? s.distLabel} (fitted)` : 'y = x (perfect fit)',
        [
          [lo, lo],
          [hi, hi],
        ],
        1.5,
      ),
      // The probability plot's line is the fitted family itself, not a reference: solid.
      ...(prob ? { lineStyle: { width: 1.5, type: 'solid', color: colors.reference } } : {}),
      ...(prob && d.ticks ? probabilityTicks(d.ticks, colors, lo, hi) : {}),
    },
    {
      id: 'points',
      name: pp ? 'P-P points' : prob ? 'Data' : 'Q-Q points',
      type: 'line',
      lineStyle: { width: 0 },
      symbol: 'circle',
      symbolSize: 5,
      showSymbol: true,
      itemStyle: { color: colors.palette[0] },
      data: points,
    },
  ]
  if (band)
    series.push(
      bandLine('band-lower', '95% pointwise band', colors.palette[1], band[0]),
      bandLine('band-upper', '95% pointwise band', colors.palette[1], band[1]),
    )
  const yExtra = prob ? { axisLabel: { show: false } } : {}
  return {
    xAxis: scaledAxis(colors, names[0], scale, [lo, hi], { scale: false }),
    yAxis: scaledAxis(colors, names[1], scale, [lo, hi], {
      scale: false,
      nameGap: prob ? 56 : 52,
      ...yExtra,
    }),
    series,
  }
}

function axisNames(kind: DiagnosticKind, s: PanelSettings, log: boolean): [string, string] {
  const suffix = log ? ' (log scale)' : ''
  if (kind === 'pp') return [`Fitted ${s.distLabel} CDF`, 'Empirical probability']
  if (kind === 'probability') return [axisTitle(s.column, log), `Probability (${s.distLabel} scale)`]
  return [`Theoretical ${s.distLabel} quantiles${suffix}`, `Sample quantiles (${s.column})${suffix}`]
}

/** Horizontal lines at the fitted quantiles of round probabilities, labelled "1%", "50%", "99.9%". */
function probabilityTicks(ticks: { p: number[]; q: number[] }, colors: ChartColors, lo: number, hi: number) {
  const data = ticks.q
    .map((q, i) => ({ q, p: ticks.p[i] }))
    .filter((t) => t.q >= lo && t.q <= hi)
    .map((t) => ({ yAxis: t.q, label: { formatter: `${formatShort(t.p * 100)}%` } }))
  return {
    markLine: {
      silent: true,
      symbol: 'none',
      animation: false,
      label: { position: 'start', color: colors.text, fontSize: 11 },
      lineStyle: { color: colors.grid, type: 'solid', width: 1 },
      data,
    },
  }
}

/** "Showing 1,000 of 1,000,000 points (evenly spaced quantiles)" in the plot's corner when thinned. */
function samplingNote(n: number | undefined, shown: number, colors: ChartColors, top: number) {
  if (!n || n <= shown) return []
  const text = `Showing ${shown.toLocaleString('en-US')} of ${n.toLocaleString('en-US')} points (evenly spaced quantiles)`
  return [
    { type: 'text', right: 30, top: top + 6, silent: true, style: { text, fill: colors.axis, fontSize: 11 } },
  ]
}

function curve(id: string, name: string, color: string, data: [number, number][]): Series {
  return {
    id,
    name,
    type: 'line',
    showSymbol: false,
    lineStyle: { width: 2.5, color },
    itemStyle: { color },
    data,
  }
}

function stepLine(id: string, name: string, color: string, data: [number, number][]): Series {
  return { ...curve(id, name, color, data), step: 'end', lineStyle: { width: 1.5, color } }
}

function bandLine(id: string, name: string, color: string, data: [number, number][], step?: 'end'): Series {
  return {
    ...curve(id, name, color, data),
    ...(step ? { step } : {}),
    silent: true,
    lineStyle: { width: 1.2, type: 'dashed', color },
  }
}
