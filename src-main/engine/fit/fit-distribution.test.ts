import { describe, expect, it } from 'vitest'
import { referenceDataPath, referenceDistributionFits } from '../../../test/helpers/reference'
import { findDistribution } from '../distributions/registry'
import { importCsv } from '../import/csv-import'
import { finiteSorted } from '../import/dataset'
import { fitDistribution } from './fit-distribution'

const relative = (a: number, b: number) => Math.abs(a - b) / Math.abs(b)

describe('closed-form fits against the shared reference fits', () => {
  const cases = referenceDistributionFits().filter((c) => c.dist === 'normal' || c.dist === 'exponential')

  it('has reference cases for both closed-form families', () => {
    expect(cases.map((c) => c.dist)).toEqual(expect.arrayContaining(['normal', 'exponential']))
  })

  for (const ref of cases) {
    it(`${ref.dist} on ${ref.dataset}:${ref.column}`, async () => {
      const dataset = await importCsv(referenceDataPath(ref.dataset))
      const column = dataset.columns.find((c) => c.info.name === ref.column)!
      const fit = fitDistribution(findDistribution(ref.dist)!, ref.column, finiteSorted(column))
      expect(fit.n).toBe(ref.n)
      // The reference parameters come from a numerical optimizer and are themselves ~1e-8 from the exact
      // optimum (e.g. precip sigma: 13.60839309 vs exact 13.608393268); the exact closed form must reach at
      // least the reference log-likelihood.
      for (const [name, value] of Object.entries(ref.params))
        expect(relative(fit.params[name], value)).toBeLessThan(5e-8)
      expect(fit.logLikelihood).toBeGreaterThanOrEqual(ref.loglik - 1e-9 * Math.abs(ref.loglik))
      expect(relative(fit.logLikelihood, ref.loglik)).toBeLessThan(1e-9)
      expect(fit.aic).toBeCloseTo(2 * Object.keys(ref.params).length - 2 * fit.logLikelihood, 9)
    })
  }
})

describe('closed form against values computed independently (Python, exact arithmetic to 1e-15)', () => {
  it('precip: mean and sigma (divides by n)', async () => {
    const dataset = await importCsv(referenceDataPath('precip.csv'))
    const fit = fitDistribution(findDistribution('normal')!, 'precip', finiteSorted(dataset.columns[1]))
    expect(relative(fit.params.mu, 34.885714285714286)).toBeLessThan(1e-14)
    expect(relative(fit.params.sigma, 13.60839326838179)).toBeLessThan(1e-13)
  })
})

describe('degenerate columns', () => {
  const normal = findDistribution('normal')!
  it('refuses a constant column with a message instead of NaN', () => {
    expect(() => fitDistribution(normal, 'x', new Float64Array([3, 3, 3]))).toThrow(
      /constant.*every value is 3/,
    )
  })
  it('refuses values outside the support, saying how many', () => {
    const exponential = findDistribution('exponential')!
    expect(() => fitDistribution(exponential, 'x', new Float64Array([-2, -1, 1, 2]))).toThrow(
      /Exponential needs x ≥ 0: 2 values outside it \(first: -2\)/,
    )
  })
})
