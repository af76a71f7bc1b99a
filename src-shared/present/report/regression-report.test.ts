import { describe, expect, it } from 'vitest'
import { syntheticLinearRegression } from '../../../test/support/renderer/synthetic-fits'
import { buildRegressionReport, regressionMethods, regressionReportFigures } from './regression-report'

describe('buildRegressionReport', () => {
  const result = syntheticLinearRegression()
  const charts = regressionReportFigures(result)
  const html = buildRegressionReport({
    fileName: 'cars <1>.csv',
    result,
    charts,
    appVersion: '1.2.3',
    created: '2026-01-02T03:04:05Z',
  })

  it('has the coefficient table, the fit statistics and the diagnostics figures, all inline', () => {
    expect(html).toContain('cars &lt;1&gt;.csv')
    for (const c of result.coefficients) expect(html).toContain(`<th>${c.name}</th>`)
    expect(html).toContain('<th>t</th>')
    expect(html).toContain('R² (adjusted)')
    expect(html).toContain(`<td>${result.aic.toFixed(2)}</td>`)
    expect(charts.map((c) => c.caption)).toEqual([
      'The data and the fitted model.',
      'Coefficients (intercept aside) with 95% Wald intervals.',
      'Residuals against fitted values.',
      // The Q-Q plot needs the engine's residual views (this synthetic result has the plot's residuals only).
      ...(result.residuals ? ['Normal Q-Q plot of the residuals.'] : []),
    ])
    expect(html.match(/<svg /g)).toHaveLength(charts.length)
    expect(html).not.toMatch(/https?:|<script|undefined|NaN/)
  })

  it('writes the methods from the actual settings', () => {
    expect(regressionMethods(result)).toContain(`${result.n} rows`)
    expect(regressionMethods({ ...result, model: 'poisson', converged: false })).toMatch(
      /not converged.*Wald z statistics.*standard normal/,
    )
  })
})
