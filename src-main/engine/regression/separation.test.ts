import { describe, expect, it } from 'vitest'
import { fitRegression } from './fit-regression'
import { inMemoryDataset } from '../../../test/support/in-memory-dataset'

const x = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]

describe('logistic separation is detected and reported, not fitted', () => {
  it.each([
    { name: 'complete: y = (x > 5)', cols: { x, y: x.map((v) => (v > 5 ? 1 : 0)) }, kind: 'complete' },
    {
      name: 'quasi-complete: tie at x = 5',
      cols: { x: [1, 2, 3, 4, 5, 5, 6, 7, 8, 9], y: [0, 0, 0, 0, 0, 1, 1, 1, 1, 1] },
      kind: 'quasi-complete',
    },
    {
      name: 'quasi-complete in one of two predictors',
      cols: {
        x: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
        g: [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1],
        y: [0, 1, 0, 1, 1, 0, 1, 1, 1, 1, 1, 1],
      },
      kind: 'quasi-complete',
    },
  ])('$name', async ({ cols, kind }) => {
    const predictors = Object.keys(cols).filter((c) => c !== 'y')
    const r = await fitRegression(inMemoryDataset(cols as Record<string, number[]>), {
      model: 'logistic',
      response: 'y',
      predictors,
    })
    expect(r.logistic?.separation).toBe(kind)
    expect(r.converged).toBe(false)
    expect(r.message).toMatch(kind === 'complete' ? /^Complete separation/ : /^Quasi-complete separation/)
    expect(r.message).toMatch(/do not exist/)
    for (const c of r.coefficients) expect(c.estimate).toBeNaN()
    expect(r.plot).toBeNull()
    // It stops soon after the likelihood flattens, not at the iteration limit.
    expect(r.iterations).toBeLessThan(60)
  })

  it('separation names the separating predictor', async () => {
    const r = await fitRegression(
      inMemoryDataset({ x, z: [3, 1, 4, 1, 5, 9, 2, 6, 5, 3], y: x.map((v) => (v > 5 ? 1 : 0)) }),
      { model: 'logistic', response: 'y', predictors: ['z', 'x'] },
    )
    expect(r.logistic?.separation).toBe('complete')
    expect(r.message).toContain('"x"')
  })

  it.each([
    { name: 'overlapping classes', y: [0, 0, 1, 0, 0, 1, 1, 0, 1, 1] },
    { name: 'a single overlap point', y: [0, 0, 0, 0, 1, 0, 1, 1, 1, 1] },
  ])('no separation: $name', async ({ y }) => {
    const r = await fitRegression(inMemoryDataset({ x, y }), {
      model: 'logistic',
      response: 'y',
      predictors: ['x'],
    })
    expect(r.logistic?.separation).toBe('none')
    expect(r.converged).toBe(true)
    for (const c of r.coefficients) expect(Number.isFinite(c.estimate)).toBe(true)
  })
})

describe('Poisson coefficients that run off to -infinity', () => {
  it('reports a group with all counts zero', async () => {
    const g = [0, 0, 0, 0, 0, 1, 1, 1, 1, 1]
    const y = [0, 0, 0, 0, 0, 3, 1, 4, 2, 5]
    const r = await fitRegression(inMemoryDataset({ g, y }), {
      model: 'poisson',
      response: 'y',
      predictors: ['g'],
    })
    expect(r.converged).toBe(false)
    expect(r.message).toMatch(/does not exist.*"g"/)
    for (const c of r.coefficients) expect(c.estimate).toBeNaN()
  })
})
