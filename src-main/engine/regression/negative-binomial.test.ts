import { describe, expect, it } from 'vitest'
import { inMemoryDataset } from '../../../test/support/in-memory-dataset'
import { fitRegression } from './fit-regression'

describe('negative binomial regression', () => {
  it('says the counts are not over-dispersed instead of calling a Poisson-limit fit converged', async () => {
    // Variance below the mean: theta's likelihood rises without bound.
    const x = Array.from({ length: 40 }, (_, i) => i % 4)
    const y = x.map((v, i) => 3 + v + (i % 2))
    const r = await fitRegression(inMemoryDataset({ x, y }), {
      model: 'negbin',
      response: 'y',
      predictors: ['x'],
    })
    expect(r.converged).toBe(false)
    expect(r.message).toMatch(/not over-dispersed/)
    expect(r.negbin!.theta).toBe(Infinity)
  })

  it('refuses gradient ascent and an exposure column with a reason', async () => {
    const ds = inMemoryDataset({ x: [1, 2, 3, 4, 5], y: [1, 0, 4, 2, 9], e: [1, 1, 2, 2, 3] })
    await expect(
      fitRegression(ds, { model: 'negbin', response: 'y', predictors: ['x'], method: 'gradient' }),
    ).rejects.toThrow(/Newton/)
    await expect(
      fitRegression(ds, { model: 'negbin', response: 'y', predictors: ['x'], exposure: 'e' }),
    ).rejects.toThrow(/exposure/i)
  })
})
