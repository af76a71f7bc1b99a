import { describe, expect, it } from 'vitest'
import { buildDesign } from './design'
import { glmMeans } from './glm-pass'
import { inMemoryDataset } from '../../../test/support/in-memory-dataset'

/** Columns of `rows` rows; when `gapAt` is given, that row of x2 is missing. */
function columns(rows: number, gapAt?: number): Record<string, Float64Array> {
  const x1 = Float64Array.from({ length: rows }, (_, i) => Math.sin(i) * 3)
  const x2 = Float64Array.from({ length: rows }, (_, i) => (i % 7) - 2.5)
  const b = Float64Array.from({ length: rows }, (_, i) => (i % 3 === 0 ? 1 : 0))
  if (gapAt !== undefined) x2[gapAt] = NaN
  return { x1, x2, b }
}

describe('design matrix: the one-pass copy (no missing values) equals the two-pass path', () => {
  for (const intercept of [true, false]) {
    it(`intercept ${intercept}`, () => {
      const request = { model: 'logistic' as const, response: 'b', predictors: ['x1', 'x2'], intercept }
      const complete = buildDesign(inMemoryDataset(columns(500)), request)
      // Same rows plus one with a missing value at the end: the two-pass path drops just that row.
      const gapped = buildDesign(inMemoryDataset(columns(501, 500)), request)
      expect(complete.n).toBe(500)
      expect(gapped.n).toBe(500)
      expect(gapped.missing).toBe(1)
      expect(complete.columns.map((c) => Array.from(c))).toEqual(gapped.columns.map((c) => Array.from(c)))
      expect(Array.from(complete.y)).toEqual(Array.from(gapped.y))
      // Every row used: no row-number array (row i + 1); the two-pass path lists the same rows.
      expect(complete.rowNumbers).toBeNull()
      expect(Array.from(gapped.rowNumbers ?? [])).toEqual(Array.from({ length: 500 }, (_, i) => i + 1))
      expect(complete.p).toBe(intercept ? 3 : 2)
    })
  }
})

describe('fitted means equal the straightforward row loop', () => {
  it('logistic and Poisson', () => {
    const d = buildDesign(inMemoryDataset(columns(300)), {
      model: 'logistic',
      response: 'b',
      predictors: ['x1', 'x2'],
    })
    const beta = Float64Array.from([0.3, -0.7, 0.2])
    for (const family of ['logistic', 'poisson'] as const) {
      const mu = glmMeans(family, d, beta)
      for (let i = 0; i < d.n; i++) {
        let eta = 0
        for (let j = 0; j < d.p; j++) eta += (j === 0 ? 1 : d.columns[j - 1][i]) * beta[j]
        expect(mu[i]).toBe(family === 'logistic' ? 1 / (1 + Math.exp(-eta)) : Math.exp(eta))
      }
    }
  })
})
