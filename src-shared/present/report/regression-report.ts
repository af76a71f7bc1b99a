import type { RegressionResult } from '../../contract'
import { renderSvg } from '../charts/chart-render'
import { LIGHT_COLORS } from '../charts/chart-theme'
import {
  buildCoefficientOption,
  buildResidualOption,
  buildResidualQqOption,
} from '../charts/regression-diagnostics-option'
import { buildRegressionFitOption } from '../charts/regression-option'
import { criterionDecimals, formatCriterion, formatNumber, formatPValue, formatStatistic } from '../format'
import { esc, figure, keyValues, reportPage } from './fit-report'
import type { ReportChart } from './report-figures'
import { responseEventText } from '../results/response-event'

/** Everything a regression report shows. */
export interface RegressionReportInput {
  fileName: string
  result: RegressionResult
  charts: ReportChart[]
  appVersion: string
  /** When the report was made (ISO 8601). */
  created: string
}

const MODEL_NAMES: Record<RegressionResult['model'], string> = {
  linear: 'Linear',
  logistic: 'Logistic',
  poisson: 'Poisson',
  negbin: 'Negative binomial',
}
const METHOD_NAMES: Record<RegressionResult['method'], string> = {
  newton: 'Newton-Raphson (iteratively reweighted least squares)',
  qr: 'least squares by QR decomposition',
  gradient: 'gradient ascent',
}

/**
 * The report's figures of a regression, as SVG on white: the fitted curve (one predictor), the
 * coefficients with 95% intervals, residuals against fitted values and their normal Q-Q plot; each where
 * the result has its data. The app and `mle-fit --model … --report` draw the same.
 */
export function regressionReportFigures(r: RegressionResult): ReportChart[] {
  const settings = { colors: LIGHT_COLORS }
  const figures: [string, ReturnType<typeof buildResidualOption>, number][] = [
    ['The data and the fitted model.', buildRegressionFitOption(r, settings), 520],
    // One row per coefficient: the figure grows with them rather than spreading two over a page.
    [
      'Coefficients (intercept aside) with 95% Wald intervals.',
      buildCoefficientOption(r, settings),
      Math.min(900, 200 + 32 * r.coefficients.length),
    ],
    ['Residuals against fitted values.', buildResidualOption(r, settings), 460],
    ['Normal Q-Q plot of the residuals.', buildResidualQqOption(r, settings), 460],
  ]
  return figures.flatMap(([caption, option, height]) =>
    option ? [{ caption, svg: renderSvg(option, { width: 900, height }) }] : [],
  )
}

/**
 * One self-contained HTML report of a regression (the same page as the fit report: inline CSS and SVG, no
 * script, no network): data, coefficient table, fit statistics and model tests, figures, methods.
 */
export function buildRegressionReport(r: RegressionReportInput): string {
  const x = r.result
  const title = `${MODEL_NAMES[x.model]} regression of ${x.response} — ${r.fileName}`
  return reportPage(title, [
    `<h1>${esc(title)}</h1>`,
    `<p class="meta">MLE Studio ${esc(r.appVersion)} · ${esc(r.created)}</p>`,
    `<h2>Data</h2>${keyValues([
      ['File', r.fileName],
      ['Response', x.event ? `${x.response}. ${responseEventText(x.event)}` : x.response],
      ['Predictors', x.predictors.join(', ')],
      ['Rows in the file', x.data.rows.toLocaleString('en-US')],
      ['Rows used (n)', x.data.used.toLocaleString('en-US')],
      ['Rows dropped (missing or non-numeric)', x.data.missing.toLocaleString('en-US')],
      ...(x.factors ?? []).map((f): [string, string] => [`Reference level of ${f.column}`, f.reference]),
    ])}`,
    coefficientTable(x),
    statistics(x),
    ...r.charts.map(figure),
    `<h2>Methods</h2><p>${esc(regressionMethods(x))}</p>`,
  ])
}

function coefficientTable(x: RegressionResult): string {
  const stat = x.model === 'linear' ? 't' : 'z'
  const rows = x.coefficients.map(
    (c) =>
      `<tr><th>${esc(c.name)}</th><td>${formatNumber(c.estimate)}</td><td>${formatStatistic(c.standardError)}</td>` +
      `<td>${formatStatistic(c.statistic)}</td><td>${esc(formatPValue(c.pValue))}</td>` +
      `<td>${formatNumber(c.ci95[0])} – ${formatNumber(c.ci95[1])}</td></tr>`,
  )
  return `<h2>Coefficients</h2><table><thead><tr><th>Term</th><th>Estimate</th><th>SE</th><th>${stat}</th>
<th>p-value</th><th>95% Wald</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
}

/** Criteria, the model's tests (R² and F; deviances and the LR test; theta), drop-one tests, convergence. */
function statistics(x: RegressionResult): string {
  const d = criterionDecimals([x.logLikelihood, x.aic, x.bic])
  const rows: [string, string][] = [
    ['Log-likelihood', formatCriterion(x.logLikelihood, d)],
    ['AIC', formatCriterion(x.aic, d)],
    ['BIC', formatCriterion(x.bic, d)],
    ['Deviance', formatNumber(x.deviance)],
  ]
  if (x.linear) {
    const f = x.linear.fTest
    rows.push([
      'R² (adjusted)',
      `${formatNumber(x.linear.rSquared)} (${formatNumber(x.linear.adjustedRSquared)})`,
    ])
    rows.push([
      'F test',
      `${formatStatistic(f.statistic)} on ${f.df1} and ${f.df2} df, p ${formatPValue(f.pValue)}`,
    ])
    rows.push(['Residual standard error', formatNumber(x.linear.residualStandardError)])
  }
  if (x.glm) {
    const g = x.glm
    rows.push(['Null deviance', `${formatNumber(g.nullDeviance)} on ${g.dfNull} df`])
    rows.push(['Residual deviance', `${formatNumber(x.deviance)} on ${g.dfResidual} df`])
    rows.push([
      'LR test (all terms)',
      `${formatStatistic(g.lrTest.statistic)} on ${g.lrTest.df} df, p ${formatPValue(g.lrTest.pValue)}`,
    ])
    if (g.devianceGofPValue !== null)
      rows.push(['Deviance goodness of fit', `p ${formatPValue(g.devianceGofPValue)}`])
  }
  if (x.negbin)
    rows.push(['θ (SE)', `${formatNumber(x.negbin.theta)} (${formatStatistic(x.negbin.thetaStandardError)})`])
  if (x.logistic) {
    rows.push(['Accuracy', `${formatNumber(x.logistic.accuracy * 100)}%`])
    if (x.logistic.separation !== 'none')
      rows.push(['Separation', `${x.logistic.separation}: the MLE does not exist`])
  }
  for (const t of x.termTests ?? [])
    rows.push([
      `Drop ${t.term}`,
      t.containedIn !== null
        ? `not tested (part of ${t.containedIn})`
        : `LR ${formatStatistic(t.statistic)} on ${t.df} df, p ${formatPValue(t.pValue)}`,
    ])
  rows.push(['Converged', x.converged ? 'yes' : `no — ${x.message}`])
  return `<h2>Fit statistics</h2>${keyValues(rows)}`
}

/** The methods paragraph, from the actual settings. */
export function regressionMethods(x: RegressionResult): string {
  const how = `${METHOD_NAMES[x.method]}, ${x.iterations.toLocaleString('en-US')} iteration${x.iterations === 1 ? '' : 's'}${x.converged ? ', converged' : ', not converged'}`
  const stat = x.model === 'linear' ? 't statistics on the residual degrees of freedom' : 'Wald z statistics'
  return (
    `A ${MODEL_NAMES[x.model].toLowerCase()} regression of ${x.response} on ${x.predictors.join(', ')}` +
    `${x.intercept ? ' with an intercept' : ' without an intercept'} was fitted by maximum likelihood to ` +
    `${x.n.toLocaleString('en-US')} rows (${how}). p-values are from ${stat}; 95% intervals are Wald ` +
    `intervals, estimate ± critical value × SE, the critical value from the ${x.model === 'linear' ? 't distribution' : 'standard normal'}.`
  )
}
