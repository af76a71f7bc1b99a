import { describe, expect, it } from 'vitest'
import { distributions } from '../distributions/registry'
import { familyCases } from '../../../test/support/family-cases'
import { logCdf, logInterval, logSf } from './tails'

// The censored likelihood's tail terms: equal to the logs of the CDF in the body, finite and accurate
// where the CDF rounds to 0 or 1.
describe('tail terms of every continuous family', () => {
  const continuous = distributions.filter((d) => !d.discrete && !d.needsThreshold)
  it.each(continuous.map((d) => [d.id, d] as const))('%s: logs of F and 1 - F in the body', (id, dist) => {
    const cases = familyCases.filter((c) => c.id === id && !c.extreme)
    expect(cases.length).toBeGreaterThan(0)
    for (const p of cases.flatMap((c) => c.valid))
      for (const q of [0.05, 0.3, 0.5, 0.7, 0.95]) {
        const x = dist.quantile(q, p)
        if (!Number.isFinite(x)) continue
        const f = dist.cdf(x, p)
        expect(Math.exp(logCdf(dist, x, p))).toBeCloseTo(f, 10)
        expect(Math.exp(logSf(dist, x, p))).toBeCloseTo(1 - f, 10)
        const y = dist.quantile(Math.min(q + 0.03, 0.99), p)
        if (y > x) expect(Math.exp(logInterval(dist, x, y, p))).toBeCloseTo(dist.cdf(y, p) - f, 10)
      }
  })

  it('the families with their own hooks stay finite and exact far in the tails', () => {
    const normal = distributions.find((d) => d.id === 'normal')!
    // log Phi(-40) = -804.608442013754 (SciPy log_ndtr).
    expect(logCdf(normal, -40, { mu: 0, sigma: 1 })).toBeCloseTo(-804.608442013754, 9)
    expect(logSf(normal, 40, { mu: 0, sigma: 1 })).toBeCloseTo(-804.608442013754, 9)
    // An interval far in the upper tail: S(40) - S(41) without cancellation.
    expect(Number.isFinite(logInterval(normal, 40, 41, { mu: 0, sigma: 1 }))).toBe(true)
    const weibull = distributions.find((d) => d.id === 'weibull')!
    expect(logSf(weibull, 1e3, { shape: 2, scale: 1 })).toBeCloseTo(-1e6, 6)
    const logistic = distributions.find((d) => d.id === 'logistic')!
    expect(logSf(logistic, 1000, { mu: 0, s: 1 })).toBeCloseTo(-1000, 9)
    const gamma = distributions.find((d) => d.id === 'gamma')!
    expect(Number.isFinite(logSf(gamma, 200, { shape: 2, rate: 1 }))).toBe(true)
  })
})
