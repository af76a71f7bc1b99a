import { describe, expect, it } from 'vitest'
import { findDistribution } from '../distributions/registry'
import { sampleOf } from '../stats/sample'
import fixture from './fixtures/percentile-profiles.json'
import { percentileTable, withProfileIntervals } from './percentiles'

interface Row {
  estimate: number
  profile95: [number, number]
}
interface Case {
  dist: string
  data: number[]
  params: Record<string, number>
  free: string[]
  covariance: number[][]
  percentiles: (Row & { p: number })[]
  exceedances: (Row & { x: number })[]
}

const reference = fixture as unknown as { cases: Case[] }

describe('profile-likelihood intervals of percentiles and exceedances against R (fixtures/make-percentile-profiles.R)', () => {
  for (const c of reference.cases) {
    it(c.dist, async () => {
      const input = {
        dist: findDistribution(c.dist)!,
        params: c.params,
        ctx: {},
        covariance: c.covariance,
        free: c.free,
        sample: sampleOf(Float64Array.from(c.data).sort()),
      }
      const probabilities = c.percentiles.map((r) => r.p)
      const exceed = c.exceedances.map((r) => r.x)
      const table = await withProfileIntervals(percentileTable(input, probabilities, exceed), input)
      const rows = [...table.percentiles, ...table.exceedances]
      const expected = [...c.percentiles, ...c.exceedances]
      rows.forEach((row, i) => {
        expect(row.estimate).toBeCloseTo(expected[i].estimate, 9)
        const [lo, hi] = row.profile95!
        const [rLo, rHi] = expected[i].profile95
        expect(Math.abs(lo - rLo)).toBeLessThanOrEqual(1e-5 * Math.abs(rLo))
        expect(Math.abs(hi - rHi)).toBeLessThanOrEqual(1e-5 * Math.abs(rHi))
        // The profile interval is not the delta-method one (skewed where the likelihood is).
        expect(row.ci95).not.toBeNull()
      })
    })
  }

  it('gives none without the data, and none for fits with more than two free parameters', async () => {
    const c = reference.cases[0]
    const dist = findDistribution(c.dist)!
    const input = { dist, params: c.params, ctx: {}, covariance: c.covariance, free: c.free }
    const bare = await withProfileIntervals(percentileTable(input, [0.5], []), input)
    expect(bare.percentiles[0].profile95).toBeUndefined()
    const gev = findDistribution('gev')!
    const threeInput = {
      dist: gev,
      params: { mu: 10, sigma: 2, xi: 0.1 },
      ctx: {},
      covariance: [
        [0.1, 0, 0],
        [0, 0.05, 0],
        [0, 0, 0.01],
      ],
      free: ['mu', 'sigma', 'xi'],
      sample: sampleOf(Float64Array.from(c.data).sort()),
    }
    const three = await withProfileIntervals(percentileTable(threeInput, [0.5], []), threeInput)
    expect(three.percentiles[0].profile95).toBeUndefined()
    expect(three.note).toMatch(/one or two free parameters/)
  })
})
