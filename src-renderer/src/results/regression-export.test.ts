import { describe, expect, it } from 'vitest'
import type { RegressionResult } from '../../../src-shared/contract'
import { syntheticLinearRegression } from '../../../test/support/renderer/synthetic-fits'
import { regressionCsv, regressionJson, regressionMarkdown } from './regression-export'

/** A Poisson fit on a factor with an interaction test, as the engine would return it. */
function factorFit(): RegressionResult {
  const base = syntheticLinearRegression()
  const coef = (name: string, estimate: number, se: number, pValue: number) => ({
    name,
    estimate,
    standardError: se,
    statistic: estimate / se,
    pValue,
    ci95: [estimate - 1.96 * se, estimate + 1.96 * se] as [number, number],
  })
  return {
    ...base,
    model: 'poisson',
    response: 'breaks',
    predictors: ['wool', 'tension', 'wool:tension'],
    coefficients: [
      coef('(Intercept)', 3.7967368, 0.04994, 1e-300),
      coef('wool = B', -0.4566272, 0.08019, 1.24e-8),
      coef('tension | odd, "name"', 0.1, 0.2, 0.617),
    ],
    linear: null,
    glm: {
      nullDeviance: 297.37,
      dfNull: 53,
      dfResidual: 48,
      lrTest: { statistic: 115.2, df: 5, pValue: 3.1e-23 },
      devianceGofPValue: 1.2e-7,
    },
    factors: [{ column: 'wool', reference: 'A', levels: ['A', 'B'] }],
    termTests: [
      { term: 'wool', df: 1, statistic: NaN, pValue: NaN, containedIn: 'wool:tension' },
      { term: 'wool:tension', df: 2, statistic: 28.086757476607147, pValue: 7.96e-7, containedIn: null },
    ],
    negbin: null,
  }
}

describe('regression results export', () => {
  const ctx = { fileName: 'warpbreaks.csv' }

  it('writes one tidy CSV row per coefficient at full precision, quoting where needed', () => {
    const out = regressionCsv(factorFit(), ctx)
    const lines = out.text.trim().split('\n')
    expect(lines[0]).toMatch(/^file,model,response,coefficient,estimate,standard_error,statistic,p_value/)
    expect(lines).toHaveLength(4)
    expect(lines[1]).toMatch(/^warpbreaks\.csv,poisson,breaks,\(Intercept\),3\.7967368,0\.04994,/)
    expect(lines[3]).toContain('"tension | odd, ""name"""')
    expect(out.suggestedName).toBe('warpbreaks-breaks-poisson-regression.csv')
  })

  it('writes Markdown by the formatting policy: p-values floored, tests and untested terms in words', () => {
    const md = regressionMarkdown(factorFit(), ctx).text
    expect(md).toContain('| (Intercept) | 3.79674 | 0.04994 |')
    expect(md).toContain('< 1e-16')
    expect(md).toContain('tension \\| odd')
    expect(md).toContain('Reference level of wool: A.')
    expect(md).toContain('LR test χ² 115.2 on 5 df, p < 1e-16 · deviance goodness of fit p < 0.001')
    expect(md).toContain('| wool | 1 | not tested: part of wool:tension | — |')
    expect(md).toContain('| wool:tension | 2 | 28.0868 | < 0.001 |')
    expect(md).not.toMatch(/NaN|undefined/)
  })

  it('writes JSON of the numbers without chart series, undefined values as null', () => {
    const doc = JSON.parse(regressionJson(factorFit(), ctx).text) as {
      file: string
      regression: Record<string, unknown> & { termTests: { statistic: number | null }[] }
    }
    expect(doc.file).toBe('warpbreaks.csv')
    expect(doc.regression.plot).toBeUndefined()
    expect(doc.regression.trace).toBeUndefined()
    expect(doc.regression.termTests[0].statistic).toBeNull()
    expect(doc.regression.glm).toMatchObject({ nullDeviance: 297.37 })
  })
})
