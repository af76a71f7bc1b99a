import { describe, expect, it } from 'vitest'
import { geometric } from './geometric'
import { negativeBinomial } from './negative-binomial'
import { poisson } from './poisson'
import { searchDiscreteQuantile } from './discrete-quantile'

describe('searchDiscreteQuantile', () => {
  it('finds the smallest k with cdf(k) >= q from any guess', () => {
    // cdf of a uniform on 0..9: (k + 1) / 10.
    const cdf = (k: number) => Math.min(1, Math.max(0, (Math.floor(k) + 1) / 10))
    for (const guess of [0, 3, 9, 1e6, NaN]) expect(searchDiscreteQuantile(cdf, 0.45, guess, 9)).toBe(4)
  })

  it('ends where integers are no longer doubles (used to loop forever)', () => {
    // A step cdf at 1e300: no integer between neighbouring doubles there.
    const cdf = (k: number) => (k >= 1e300 ? 1 : 0)
    const k = searchDiscreteQuantile(cdf, 0.5, 1e300 * 0.999, Infinity)
    expect(k).toBeGreaterThanOrEqual(1e300)
    expect(k).toBeLessThan(1.000001e300)
  })

  it.each([
    ['poisson', () => poisson.quantile(0.5, { lambda: 1e300 })],
    ['geometric', () => geometric.quantile(0.5, { p: 1e-300 })],
    ['negative_binomial', () => negativeBinomial.quantile(0.5, { size: 1, mu: 1e300 })],
  ])('%s quantile returns at extreme parameters', (_name, quantile) => {
    const k = quantile()
    expect(Number.isNaN(k) || k >= 0).toBe(true)
  })
})
