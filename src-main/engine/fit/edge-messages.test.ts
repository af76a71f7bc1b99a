import { describe, expect, it } from 'vitest'
import { findDistribution } from '../distributions/registry'
import { fitDistribution } from './fit-distribution'

describe('plain words at the edges (issue 11)', () => {
  it('the Cauchy on [0, 0, 1] says the likelihood has no maximum, not "raise the iteration limit"', async () => {
    const dist = findDistribution('cauchy')!
    for (const method of ['auto', 'newton'] as const) {
      const fit = await fitDistribution({ column: 'x', dist, sorted: Float64Array.from([0, 0, 1]), method })
      expect(fit.converged).toBe(false)
      expect(fit.message).toMatch(/^No maximum: the likelihood keeps rising as gamma shrinks towards 0/)
      expect(fit.message).not.toMatch(/iteration limit/)
    }
  })

  it('an ordinary iteration limit still says to raise it', async () => {
    const dist = findDistribution('gamma')!
    const sorted = Float64Array.from([1.2, 2.5, 3.1, 4.8, 0.7, 2.2].sort())
    const fit = await fitDistribution({
      column: 'x',
      dist,
      sorted,
      method: 'newton',
      options: { maxIterations: 1 },
    })
    expect(fit.converged).toBe(false)
    expect(fit.message).toMatch(/raise the iteration limit/)
  })
})
