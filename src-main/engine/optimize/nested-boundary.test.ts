import { describe, expect, it } from 'vitest'
import { findDistribution } from '../distributions/registry'
import { fitDistribution } from '../fit/fit-distribution'

const fit = (id: string, values: number[]) =>
  fitDistribution({
    dist: findDistribution(id)!,
    column: 'x',
    sorted: Float64Array.from(values).sort(),
    lean: true,
  })

// Counts with fewer zeros than a Poisson explains: zero inflation's pi runs to its boundary 0, where the
// family is the one it nests. That is no saddle point and no iteration limit; the words must say so.
describe('a zero-inflated fit whose pi runs to 0', () => {
  it.each([[[5, 5, 5, 5]], [[3]], [[1, 2, 2, 3, 3, 3, 4, 4, 5, 6]]])(
    'zip on %j: not converged, and says to fit poisson',
    async (values) => {
      const r = await fit('zip', values)
      expect(r.converged).toBe(false)
      expect(r.message).toMatch(
        /keeps rising as pi shrinks towards 0 .*At pi = 0 zip is poisson.*fit poisson instead/,
      )
    },
  )

  it('zinb on counts without zeros or over-dispersion: not converged, and says why', async () => {
    const r = await fit('zinb', [5, 5, 5, 5])
    expect(r.converged).toBe(false)
    expect(r.message).toMatch(/No finite maximum: the likelihood keeps rising as size grows.*fit zip instead/)
  })

  it('zip on counts with excess zeros still converges inside', async () => {
    const r = await fit('zip', [0, 0, 0, 0, 0, 1, 2, 2, 3, 3, 4, 5])
    expect(r.converged).toBe(true)
    expect(r.params.pi).toBeGreaterThan(0.1)
  })
})
