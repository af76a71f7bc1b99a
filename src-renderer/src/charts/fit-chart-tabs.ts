import type {
  Diagnostics,
  Evaluation,
  FitMethod,
  FitResult,
  LikelihoodGrid,
  ThresholdChoice,
  TracePoint,
} from '../../../src-shared/contract'
import type { ViewState } from '../composables/use-async-view'
import { fitLabel, formatNumber } from '../../../src-shared/present/format'
import type { ChartColors } from '../../../src-shared/present/charts/chart-theme'
import { buildBootstrapOption } from '../../../src-shared/present/charts/bootstrap-option'
import { buildConvergenceOption, optimumOf } from '../../../src-shared/present/charts/convergence-option'
import { buildDensityOption } from '../../../src-shared/present/charts/density-option'
import {
  buildDiagnosticsOption,
  type DiagnosticKind,
} from '../../../src-shared/present/charts/diagnostics-option'
import type { EChartsCoreOption } from './echarts-setup'
import {
  buildLikelihoodOption,
  type OptimizerPath,
} from '../../../src-shared/present/charts/likelihood-option'
import { buildSummaryOption } from '../../../src-shared/present/charts/summary-option'
import { buildThresholdChoiceOption } from '../../../src-shared/present/charts/threshold-choice-option'

/**
 * The chart tabs of a distribution fit, in order (Alt+1 … Alt+9 reach the first nine). A new chart of a
 * fit is one entry here and one builder in BUILDERS (plus, when it needs an engine call, a loader in
 * useFitChartData; DIAGNOSTIC_TABS when it draws the engine's diagnostics, SCALED_TABS when its data axis
 * can be log).
 */
export const FIT_CHART_TABS = [
  // The first seven keep the Alt+digit shortcuts they had before the later ones were added.
  { id: 'density', label: 'Density' },
  { id: 'cdf', label: 'CDF' },
  { id: 'qq', label: 'Q-Q' },
  { id: 'pp', label: 'P-P' },
  { id: 'convergence', label: 'Convergence' },
  { id: 'likelihood', label: 'Likelihood' },
  { id: 'explorer', label: 'Explorer' },
  { id: 'summary', label: 'Summary' },
  { id: 'probability', label: 'Probability' },
  { id: 'survival', label: 'Survival' },
  { id: 'hazard', label: 'Hazard' },
  { id: 'threshold', label: 'Threshold choice' },
  { id: 'bootstrap', label: 'Bootstrap' },
] as const

export type FitChartTab = (typeof FIT_CHART_TABS)[number]['id']

/** Tabs drawn from the engine's diagnostic points (CDF, survival, hazard, Q-Q, P-P, probability plot). */
export const DIAGNOSTIC_TABS: readonly FitChartTab[] = [
  'cdf',
  'survival',
  'hazard',
  'qq',
  'pp',
  'probability',
  'summary',
]
/** Tabs with a data axis that can be log or linear. */
export const SCALED_TABS: readonly FitChartTab[] = [
  'density',
  'cdf',
  'survival',
  'hazard',
  'qq',
  'probability',
  'summary',
]

/** Everything the fit's charts are drawn from; each builder takes what its tab needs. */
export interface FitChartInput {
  fit: FitResult | null
  colors: ChartColors
  /** Set for exports: the chart's title. */
  title?: string
  /** The running fit's live trace (empty when none streams) and its parameters. */
  live: {
    points: readonly TracePoint[]
    params: { name: string; symbol: string }[]
    /** True while a gradient-ascent fit streams its trace: its (empty) frame shows before the first points. */
    streaming?: boolean
    /** The streaming fit has a validation split: its series is in the frame before its first value. */
    validation?: boolean
    /** The epochs the streaming fit was asked for: where its iteration axes end at most. */
    epochs?: number
    /** The iteration the streaming fit is on course to reach soon (`useLiveTrace`'s `reach`). */
    reach?: number
  }
  /** The shown fit's full trace (its live trace when it streamed one, else the result's own). */
  trace: readonly TracePoint[]
  /** The starting-point density is drawn (the user wants it and it differs from the fit). */
  showStart: boolean
  overlays: FitResult[]
  diagnostics: ViewState<Diagnostics>
  grid: ViewState<LikelihoodGrid>
  /** Peaks-over-threshold fits: mean excess and parameter stability over candidate thresholds. */
  thresholdChoice: ViewState<ThresholdChoice>
  /** A fit of the same family by another method, whose path the surface adds. */
  comparePath: FitResult | null
  evaluation: Evaluation | null
  /** Parameter symbols by name, for axes. */
  symbols: Record<string, string>
  /** Scale of the data axis, already resolved (axis-scale.ts). */
  xScale: 'log' | 'linear'
}

export const METHOD_LABELS: Record<FitMethod, string> = {
  auto: 'Auto',
  'closed-form': 'Closed form',
  newton: 'Newton',
  lbfgs: 'L-BFGS',
  gradient: 'Gradient ascent',
  mps: 'Maximum product of spacings (MPS)',
}

/** What ran for a fit: its method, or what says more (a mixture's `EM (20 starts) + Newton polish`). */
export function methodLabel(fit: Pick<FitResult, 'method' | 'methodDetail'>): string {
  return fit.methodDetail ?? METHOD_LABELS[fit.method]
}

type Builder = (input: FitChartInput, fit: FitResult) => EChartsCoreOption | null

const diagnostic =
  (kind: DiagnosticKind): Builder =>
  ({ diagnostics, colors, title, xScale }, fit) =>
    diagnostics.kind === 'ready'
      ? buildDiagnosticsOption(kind, diagnostics.value, {
          colors,
          title,
          column: fit.column,
          distLabel: fit.distLabel,
          fitLabel: fitLabel(fit),
          xScale,
        })
      : null

/** Density, CDF, Q-Q and P-P on one figure (fitdistrplus' `plot(fit)`). */
const summary: Builder = ({ diagnostics, colors, title, xScale }, fit) =>
  diagnostics.kind === 'ready' ? buildSummaryOption(fit, diagnostics.value, { colors, title, xScale }) : null

function likelihood({ grid, trace, comparePath, colors, title, symbols }: FitChartInput, fit: FitResult) {
  if (grid.kind !== 'ready') return null
  const paths: OptimizerPath[] = []
  if (trace.length) paths.push({ label: methodLabel(fit), trace })
  if (comparePath?.trace.length)
    paths.push({ label: METHOD_LABELS[comparePath.method], trace: comparePath.trace })
  return buildLikelihoodOption(grid.value, {
    colors,
    title,
    symbols,
    paths,
    mle: fit.params,
    maxLogLikelihood: fit.logLikelihood,
  })
}

function explorer({ evaluation, colors, title }: FitChartInput, fit: FitResult) {
  const label = `At chosen parameters (log-lik ${evaluation ? formatNumber(evaluation.logLikelihood) : '…'})`
  return buildDensityOption(fit, {
    colors,
    title,
    explorer: evaluation ? { ...evaluation.density, label } : null,
  })
}

const BUILDERS: Record<Exclude<FitChartTab, 'convergence'>, Builder> = {
  density: ({ colors, title, showStart, overlays, xScale }, fit) =>
    buildDensityOption(fit, { colors, title, showStart, overlays, xScale }),
  cdf: diagnostic('cdf'),
  qq: diagnostic('qq'),
  pp: diagnostic('pp'),
  likelihood,
  explorer,
  summary,
  probability: diagnostic('probability'),
  survival: diagnostic('survival'),
  hazard: diagnostic('hazard'),
  threshold: ({ thresholdChoice, colors, title }, fit) =>
    fit.threshold != null && thresholdChoice.kind === 'ready'
      ? buildThresholdChoiceOption(thresholdChoice.value, { colors, title, threshold: fit.threshold })
      : null,
  bootstrap: ({ colors, title }, fit) => buildBootstrapOption(fit, { colors, title }),
}

/**
 * The convergence chart: the live trace while one streams (500 points a series keep ~10 redraws a second
 * cheap; its axes and legend as soon as the fit starts, so the first points only fill them in), else the
 * shown fit's full trace against its exact optimum.
 */
function convergence({ fit, live, trace, colors, title }: FitChartInput): EChartsCoreOption | null {
  const params = live.params
  if (live.points.length || live.streaming)
    return buildConvergenceOption(live.points, {
      params,
      colors,
      title,
      live: true,
      maxPoints: 500,
      validation: live.validation ?? false,
      epochs: live.epochs,
      reach: live.reach,
    })
  if (!fit || trace.length === 0) return null
  return buildConvergenceOption(trace, { params, colors, title, optimum: optimumOf(fit) })
}

/** Charts of exactly observed order statistics: none for a censored fit (`fitChartMissing` says why). */
const NEEDS_EXACT: readonly FitChartTab[] = ['qq', 'pp', 'probability', 'summary']

/** The option of `tab`; null when its data is missing (`fitChartMissing` says why). */
export function buildFitChartOption(tab: FitChartTab, input: FitChartInput): EChartsCoreOption | null {
  if (tab === 'convergence') return convergence(input)
  if (input.fit?.censoring && NEEDS_EXACT.includes(tab)) return null
  return input.fit ? BUILDERS[tab](input, input.fit) : null
}

/** Why `tab` shows no chart, in plain words; null when it shows one or the placeholder speaks. */
export function fitChartMissing(
  tab: FitChartTab,
  input: Pick<FitChartInput, 'fit' | 'diagnostics' | 'grid' | 'thresholdChoice'>,
): string | null {
  const { fit } = input
  const label = FIT_CHART_TABS.find((t) => t.id === tab)?.label ?? ''
  if (tab === 'convergence') {
    if (!fit) return 'Convergence: fit a model to see the optimizer’s progress here, live.'
    return `Convergence: no iterations to show. ${METHOD_LABELS[fit.method]} gave the estimate directly; choose Newton, L-BFGS or Gradient ascent under Method and fit again to watch the optimizer.`
  }
  if (!fit) return null
  if (fit.censoring && NEEDS_EXACT.includes(tab))
    return `${label}: not available for censored data (it needs every value observed exactly). The CDF and Survival tabs compare the fit with the nonparametric (Kaplan-Meier or Turnbull) estimate.`
  if (tab === 'threshold' && fit.threshold == null) {
    return 'Threshold choice: for peaks-over-threshold fits. Fit gpd with a threshold to see the mean-excess and parameter-stability plots over candidate thresholds.'
  }
  if (tab === 'bootstrap' && !fit.bootstrapCi)
    return 'Bootstrap: choose the number of replicates under the results and press “Bootstrap intervals” to see the estimates of every replicate here.'
  const state =
    tab === 'likelihood'
      ? input.grid
      : tab === 'threshold'
        ? input.thresholdChoice
        : DIAGNOSTIC_TABS.includes(tab)
          ? input.diagnostics
          : null
  if (state?.kind === 'loading' || state?.kind === 'idle') return `Computing the ${label} chart…`
  if (state?.kind === 'unavailable') return `${label}: not available. ${state.message}`
  return null
}
