import { describe, expect, it } from 'vitest'
import { fitDistribution } from '../fit/fit-distribution'
import { Sample } from '../stats/sample'
import { gev } from './gev'
import { endPointRunaway } from './xi-regularity'

const asIs = (_: string, v: number) => v
/** Counts 0..5 with many ties (a geometric-like table): 24 zeros of 50. */
const COUNTS = [24, 13, 6, 3, 2, 2].flatMap((n, k) => Array<number>(n).fill(k))

describe('gev on tied counts: the likelihood is unbounded, and the message says so', () => {
  it('a fit that runs off names the tied value and suggests a discrete family or a fixed shape', async () => {
    const fit = await fitDistribution({ column: 'x', dist: gev, sorted: Float64Array.from(COUNTS) })
    expect(fit.converged).toBe(false)
    expect(fit.message).toMatch(
      /^No maximum: the GEV likelihood is unbounded on these data\. 24 values equal 0, and as the lower end point μ − σ\/ξ closes in on 0 the density there grows without bound/,
    )
    expect(fit.message).toMatch(
      /fit a discrete family \(poisson, negative_binomial\), or hold ξ at a fixed value/,
    )
    expect(fit.message).not.toMatch(/iteration limit|did not converge in/)
  })

  it('with ξ held at 0 (the Gumbel) the same data have a maximum', async () => {
    const fit = await fitDistribution({
      column: 'x',
      dist: gev,
      sorted: Float64Array.from(COUNTS),
      fixed: { xi: 0 },
    })
    expect(fit.converged).toBe(true)
  })

  it('says nothing where the end point is not on a data value, or the value is not tied', () => {
    const sample = Sample.sorted(Float64Array.from([0, 0, 0, 1, 2, 3]))
    // End point mu - sigma/xi = 0 on three zeros: unbounded.
    expect(endPointRunaway(sample, { mu: 0.05, sigma: 0.3, xi: 6 }, asIs)).toMatch(/3 values equal 0/)
    // The end point away from the values, between them, or on an untied one with xi > -1: the optimizer's words stand.
    expect(endPointRunaway(sample, { mu: 1.5, sigma: 1, xi: 1 }, asIs)).toBeNull()
    expect(endPointRunaway(sample, { mu: 0.5 + 1e-6, sigma: 2e-6, xi: 2 }, asIs)).toBeNull()
    expect(endPointRunaway(sample, { mu: 2 + 1e-6, sigma: 2e-6, xi: 2 }, asIs)).toBeNull()
    // The upper end point on the largest value with ξ < -1 (Smith 1985), tied or not.
    expect(endPointRunaway(sample, { mu: 2, sigma: 1.5, xi: -1.5 }, asIs)).toMatch(
      /with ξ < −1 the GEV likelihood grows without bound as the upper end point μ − σ\/ξ reaches 3/,
    )
  })
})

describe('gev on tied counts: the runaway, once established, ends the search', () => {
  it('stops within a few dozen iterations instead of running every start to its iteration limit', async () => {
    const fit = await fitDistribution({ column: 'x', dist: gev, sorted: Float64Array.from(COUNTS) })
    expect(fit.message).toMatch(
      /^No maximum: the GEV likelihood is unbounded on these data\. 24 values equal 0/,
    )
    // Before the watch: 4,500 (Newton, L-BFGS and its polish, 500 each, from three starts).
    expect(fit.iterations).toBeLessThan(100)
  })
})
