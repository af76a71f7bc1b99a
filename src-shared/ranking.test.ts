import { describe, expect, it } from 'vitest'
import { rankFits, rankOrder } from './ranking'

const fit = (dist: string, aic: number, converged = true, discrete = false) => ({
  dist,
  aic,
  converged,
  discrete,
})

describe('ranking fits (issue 11)', () => {
  it('never puts a fit that did not converge above one that did, whatever its AIC', () => {
    const ranked = rankFits([fit('student_t', -12_000, false), fit('normal', 500), fit('gamma', 480)])
    expect(ranked.map((r) => r.fit.dist)).toEqual(['gamma', 'normal', 'student_t'])
    expect(ranked[2].akaikeWeight).toBe(0)
  })

  it('ranks discrete and continuous families in separate groups, discrete first, weights within each', () => {
    // On counts the exponential's log density beats every log probability by an arbitrary unit.
    const ranked = rankFits([
      fit('exponential', 100),
      fit('negative_binomial', 900, true, true),
      fit('poisson', 904, true, true),
      fit('gamma', 102),
    ])
    expect(ranked.map((r) => [r.fit.dist, r.group])).toEqual([
      ['negative_binomial', 'discrete'],
      ['poisson', 'discrete'],
      ['exponential', 'continuous'],
      ['gamma', 'continuous'],
    ])
    const e2 = Math.exp(-2)
    expect(ranked[0].akaikeWeight).toBeCloseTo(1 / (1 + e2), 14)
    expect(ranked[1].deltaAic).toBe(4)
    expect(ranked[2].akaikeWeight).toBeCloseTo(1 / (1 + Math.exp(-1)), 14)
    expect(ranked[2].deltaAic).toBe(0)
    const total = (g: string) => ranked.filter((r) => r.group === g).reduce((s, r) => s + r.akaikeWeight, 0)
    expect(total('discrete')).toBeCloseTo(1, 14)
    expect(total('continuous')).toBeCloseTo(1, 14)
  })

  it('sorts NaN AICs last within their block', () => {
    expect([fit('a', NaN), fit('b', 3)].sort(rankOrder).map((f) => f.dist)).toEqual(['b', 'a'])
  })
})
