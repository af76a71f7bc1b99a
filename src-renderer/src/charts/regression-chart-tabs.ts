import type { LikelihoodGrid, RegressionResult, TracePoint } from '../../../src-shared/contract'
import type { ChartColors } from '../../../src-shared/present/charts/chart-theme'
import type { EChartsCoreOption } from './echarts-setup'
import {
  buildLikelihoodOption,
  type OptimizerPath,
} from '../../../src-shared/present/charts/likelihood-option'
import { buildRegressionFitOption } from '../../../src-shared/present/charts/regression-option'
import {
  buildCoefficientOption,
  buildResidualOption,
  buildResidualQqOption,
} from '../../../src-shared/present/charts/regression-diagnostics-option'

/** The regression charts' tabs, in order (Alt+1 … Alt+5); a new one is an entry here and a builder below. */
export const REGRESSION_CHART_TABS = [
  { id: 'fit', label: 'Fit' },
  { id: 'residuals', label: 'Residuals' },
  { id: 'qq', label: 'Residual Q-Q' },
  { id: 'coefficients', label: 'Coefficients' },
  { id: 'surface', label: 'Likelihood surface' },
] as const

export type RegressionChartTab = (typeof REGRESSION_CHART_TABS)[number]['id']

/** What the regression charts are drawn from. */
export interface RegressionChartInput {
  result: RegressionResult
  colors: ChartColors
  title?: string
  /** The log-likelihood surface over intercept and slope (null: not drawn for this fit). */
  surface: LikelihoodGrid | null
  /** The sliders' position (intercept, slope) on the surface. */
  at: [number, number] | null
}

/** The surface with the optimizer's path and the sliders' point; the MLE is the fit's two coefficients. */
function surface({
  result,
  colors,
  title,
  surface: grid,
  at,
}: RegressionChartInput): EChartsCoreOption | null {
  const c = result.coefficients
  if (!grid || c.length < 2) return null
  const [a, b] = grid.axes.map((x) => x.name)
  const paths: OptimizerPath[] = []
  if (result.trace.length)
    paths.push({ label: result.method === 'gradient' ? 'Gradient' : 'Newton', trace: result.trace })
  if (at) {
    const params = { [a]: at[0], [b]: at[1] }
    const point: TracePoint = { iteration: 0, logLikelihood: 0, validationLogLikelihood: null, params }
    paths.push({ label: 'Sliders', trace: [point] })
  }
  return buildLikelihoodOption(grid, {
    colors,
    title,
    paths,
    symbols: { [a]: 'β₀ (intercept)', [b]: `β₁ (${b})` },
    mle: { [a]: c[0].estimate, [b]: c[1].estimate },
    maxLogLikelihood: result.logLikelihood,
  })
}

const BUILDERS: Record<RegressionChartTab, (input: RegressionChartInput) => EChartsCoreOption | null> = {
  fit: ({ result, colors, title }) => buildRegressionFitOption(result, { colors, title }),
  residuals: ({ result, colors, title }) => buildResidualOption(result, { colors, title }),
  qq: ({ result, colors, title }) => buildResidualQqOption(result, { colors, title }),
  coefficients: ({ result, colors, title }) => buildCoefficientOption(result, { colors, title }),
  surface,
}

/** The option of `tab`; null when it has nothing to draw (`regressionChartMissing` says why). */
export function buildRegressionChartOption(tab: RegressionChartTab, input: RegressionChartInput) {
  return BUILDERS[tab](input)
}

/** Why `tab` shows no chart, in plain words; null when it shows one. */
export function regressionChartMissing(
  tab: RegressionChartTab,
  r: RegressionResult | null,
  problem: string | null,
  gridProblem: string | null,
): string | null {
  if (problem) return `Regression: ${problem}`
  if (!r) return 'Choose a model, a response and predictors, then press Fit regression.'
  const noEstimate = !r.coefficients.some((c) => Number.isFinite(c.estimate))
  if (noEstimate && tab !== 'surface') return `No estimates to draw: ${r.message}`
  if (tab === 'fit' && !r.plot) {
    return 'The fitted curve is drawn for one numeric predictor; see Residuals, Residual Q-Q and Coefficients.'
  }
  if ((tab === 'residuals' || tab === 'qq') && !r.residuals && !(tab === 'residuals' && r.plot)) {
    return 'This result has no residuals (a session saved by an older version): press Fit regression.'
  }
  if (tab === 'coefficients' && !r.coefficients.some((c) => c.name !== '(Intercept)')) {
    return 'The model has only the intercept: no coefficient to plot.'
  }
  if (tab !== 'surface') return null
  if (gridProblem) return `Likelihood surface: not available. ${gridProblem}`
  return 'The likelihood surface is drawn for one predictor with an intercept (linear or logistic).'
}
