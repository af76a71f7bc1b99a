import { describe, expect, it } from 'vitest'
import { findDistribution } from '../distributions/registry'
import { seededRandom } from '../random/seeded-random'
import { Sample } from '../stats/sample'
import { assess, type AssessInput } from './assess'

const gamma = findDistribution('gamma')!
const sorted = gamma.sample(200, { shape: 2, rate: 1 }, seededRandom(3)).sort()
const fitted = (more: Partial<AssessInput> = {}): AssessInput => ({
  dist: gamma,
  sorted,
  params: { shape: 2.1, rate: 1.05 },
  ctx: {},
  fixed: {},
  freeCount: 2,
  ...more,
})

describe('assess stage', () => {
  it('asymptotic p-values unless a bootstrap is asked for', async () => {
    const r = await assess(fitted())
    expect(r.pValueMethod).toBe('asymptotic')
    expect(r.ad).toBeGreaterThan(0)
    expect(r.chiSquare).toBeNull()
    for (const key of ['ks', 'ad', 'cvm']) expect(r.pValues[key]).toBeGreaterThan(0.01)
  })

  it('bootstrap p-values re-fit every replicate: the same seed gives the same answer, another seed another', async () => {
    const a = await assess(fitted({ bootstrap: 19, seed: 7 }))
    const b = await assess(fitted({ bootstrap: 19, seed: 7 }))
    const c = await assess(fitted({ bootstrap: 19, seed: 8 }))
    expect(a.pValueMethod).toBe('bootstrap')
    expect(a.pValues).toEqual(b.pValues)
    expect(a.pValues).not.toEqual(c.pValues)
    // Resolution 1/20, and the statistics are the observed ones.
    for (const v of Object.values(a.pValues))
      if (v !== null) expect(Math.round(v * 20)).toBeCloseTo(v * 20, 10)
    expect(a.ks).toBe((await assess(fitted())).ks)
  })

  it('discrete families get KS and a grouped chi-square with df = groups - 1 - free', async () => {
    const poisson = findDistribution('poisson')!
    const counts = poisson.sample(300, { lambda: 4 }, seededRandom(1)).sort()
    const lambda = poisson.closedFormMle!(Sample.sorted(counts)).lambda
    const r = await assess({ ...fitted(), dist: poisson, sorted: counts, params: { lambda }, freeCount: 1 })
    expect(r.ad).toBeNull()
    expect(r.chiSquareDf).toBeGreaterThanOrEqual(1)
    expect(r.note).toMatch(/conservative for counts/)
  })
})
