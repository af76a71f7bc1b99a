import type { LikelihoodGrid, RegressionResult, TracePoint } from '../../../src-shared/contract'
import type { ChartColors } from './chart-theme'
import type { EChartsCoreOption } from './echarts-setup'
import { buildLikelihoodOption, type OptimizerPath } from './likelihood-option'
import { buildRegressionFitOption, buildResidualOption } from './regression-option'

/** The regression charts' tabs, in order (Alt+1 … Alt+3); a new one is an entry here and a builder below. */
export const REGRESSION_CHART_TABS = [
  { id: 'fit', label: 'Fit' },
  { id: 'residuals', label: 'Residuals' },
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
  if (!r.plot && tab !== 'surface') return 'Charts need exactly one predictor; the table below has the fit.'
  if (tab !== 'surface') return null
  if (gridProblem) return `Likelihood surface: not available. ${gridProblem}`
  return 'The likelihood surface is drawn for one predictor with an intercept (linear or logistic).'
}
