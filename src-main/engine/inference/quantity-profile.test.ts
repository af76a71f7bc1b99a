import { describe, expect, it } from 'vitest'
import { findDistribution } from '../distributions/registry'
import { sampleOf } from '../stats/sample'
import fixture from './fixtures/percentile-profiles.json'
import { percentileTable, withProfileIntervals, type PercentileInput } from './percentiles'
import moreFixture from './fixtures/percentile-profiles-more.json'
import { normalMixture } from '../distributions/normal-mixture'
import type { CensoredData } from '../censoring/censored-data'
import { censoredFamily, representativeValues } from '../censoring/censored-likelihood'

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

/**
 * The table's rows (with their profile work announced, then computed) against R's: estimates to 1e-9,
 * each profile interval end to 1e-5 relative.
 */
async function agreesWithR(input: PercentileInput, c: Pick<Case, 'percentiles' | 'exceedances'>) {
  const delta = percentileTable(
    input,
    c.percentiles.map((r) => r.p),
    c.exceedances.map((r) => r.x),
  )
  expect(delta.profileWork).toBeGreaterThan(0)
  const table = await withProfileIntervals(delta, input)
  const expected = [...c.percentiles, ...c.exceedances]
  ;[...table.percentiles, ...table.exceedances].forEach((row, i) => {
    expect(row.estimate).toBeCloseTo(expected[i].estimate, 9)
    const [lo, hi] = row.profile95!
    const [rLo, rHi] = expected[i].profile95
    expect(Math.abs(lo - rLo)).toBeLessThanOrEqual(1e-5 * Math.abs(rLo))
    expect(Math.abs(hi - rHi)).toBeLessThanOrEqual(1e-5 * Math.abs(rHi))
  })
  return table
}

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
      const table = await agreesWithR(input, c)
      // Every row has its delta-method interval beside the profile one.
      for (const row of [...table.percentiles, ...table.exceedances]) expect(row.ci95).not.toBeNull()
    })
  }

  it('gives none without the data, and says why for fits with more than three free parameters', async () => {
    const c = reference.cases[0]
    const dist = findDistribution(c.dist)!
    const input = { dist, params: c.params, ctx: {}, covariance: c.covariance, free: c.free }
    const bare = await withProfileIntervals(percentileTable(input, [0.5], []), input)
    expect(bare.percentiles[0].profile95).toBeUndefined()
    // A two-component normal mixture: w1, mu1, mu2, sigma1, sigma2 free.
    const params = { w1: 0.5, w2: 0.5, mu1: 8, mu2: 12, sigma1: 1.5, sigma2: 1.5 }
    const free = ['w1', 'mu1', 'mu2', 'sigma1', 'sigma2']
    const five = {
      dist: normalMixture,
      params,
      ctx: {},
      covariance: free.map((_, i) => free.map((__, j) => (i === j ? 0.01 : 0))),
      free,
      sample: sampleOf(Float64Array.from(c.data).sort()),
    }
    const table = percentileTable(five, [0.5], [])
    expect(table.profileWork).toBeUndefined()
    const done = await withProfileIntervals(table, five)
    expect(done.percentiles[0].profile95).toBeUndefined()
    expect(done.note).toMatch(/up to 3 free parameters \(this one has 5\)/)
  })
})

interface MoreCase extends Omit<Case, 'data'> {
  data?: number[]
  exact?: number[]
  right?: number[]
  logLik: number
}
const more = moreFixture as unknown as { cases: MoreCase[] }

/** The fit's likelihood as the engine builds it for a request: censored data through `censoredFamily`. */
function inputOf(c: MoreCase) {
  const base = findDistribution(c.dist)!
  if (!c.right) return { dist: base, sample: sampleOf(Float64Array.from(c.data!).sort()) }
  const exact = Float64Array.from(c.exact!)
  const data: CensoredData = {
    exact,
    exactRows: exact,
    right: Float64Array.from(c.right),
    left: new Float64Array(0),
    lower: new Float64Array(0),
    upper: new Float64Array(0),
    n: exact.length + c.right.length,
    info: {} as CensoredData['info'],
  }
  return { dist: censoredFamily(base, data), sample: sampleOf(representativeValues(base, data)) }
}

describe('profile intervals of a three-parameter and a right-censored fit against R (fixtures/make-percentile-profiles-more.R)', () => {
  for (const c of more.cases) {
    it(c.right ? `${c.dist}, right-censored` : `${c.dist}, three free parameters`, async () => {
      const input = { ...inputOf(c), params: c.params, ctx: {}, covariance: c.covariance, free: c.free }
      await agreesWithR(input, c)
    })
  }
})

describe('profile intervals of weighted and discrete fits', () => {
  it('of a weighted fit equal those of the data with each value repeated as often as its weight', async () => {
    const values = [1.2, 2.5, 3.1, 4.8, 6.0, 7.7, 9.9, 12.4]
    const weights = [3, 1, 4, 1, 5, 2, 6, 2]
    const repeated = values.flatMap((x, i) => new Array<number>(weights[i]).fill(x))
    const gamma = findDistribution('gamma')!
    const common = {
      dist: gamma,
      params: { shape: 2.1, rate: 0.35 },
      ctx: {},
      covariance: [
        [0.3, 0.04],
        [0.04, 0.008],
      ],
      free: ['shape', 'rate'],
    }
    const weighted = { ...common, sample: sampleOf(Float64Array.from(values), Float64Array.from(weights)) }
    const plain = { ...common, sample: sampleOf(Float64Array.from(repeated)) }
    const a = await withProfileIntervals(percentileTable(weighted, [0.5, 0.9], [8]), weighted)
    const b = await withProfileIntervals(percentileTable(plain, [0.5, 0.9], [8]), plain)
    const ends = (t: typeof a) => [...t.percentiles, ...t.exceedances].map((r) => r.profile95)
    expect(ends(a).every((e) => e && e[0] < e[1])).toBe(true)
    ends(a).forEach((e, i) => {
      expect(e![0]).toBeCloseTo(ends(b)[i]![0], 8)
      expect(e![1]).toBeCloseTo(ends(b)[i]![1], 8)
    })
  })

  it('of a Poisson fit: the exceedance probability has one (the exact chi-square inversion), a percentile says why not', async () => {
    // Poisson: the profile of P(X > x) = 1 - F(x; lambda) is the likelihood of lambda itself, whose 95%
    // profile interval for n values summing to S solves S log(l) - n l = S log(S / n) - S - 1.92.
    const data = [0, 1, 1, 2, 2, 2, 3, 3, 4, 5, 1, 0, 2, 3, 2]
    const n = data.length
    const sum = data.reduce((s, x) => s + x, 0)
    const lambda = sum / n
    const poisson = findDistribution('poisson')!
    const input = {
      dist: poisson,
      params: { lambda },
      ctx: {},
      covariance: [[lambda / n]],
      free: ['lambda'],
      sample: sampleOf(Float64Array.from(data).sort()),
    }
    const delta = percentileTable(input, [0.5], [3])
    expect(delta.profileWork).toBe(n) // one row (the exceedance) to profile
    const table = await withProfileIntervals(delta, input)
    expect(table.percentiles[0].profile95).toBeNull()
    expect(table.note).toMatch(/whole numbers that jump .* neither a delta-method nor a profile interval/)
    const ll = (l: number) => sum * Math.log(l) - n * l
    const target = ll(lambda) - 1.920729
    const root = (a: number, b: number) => {
      for (let i = 0; i < 200; i++) {
        const m = (a + b) / 2
        if (Math.sign(ll(m) - target) === Math.sign(ll(a) - target)) a = m
        else b = m
      }
      return (a + b) / 2
    }
    const sf = (l: number) => 1 - poisson.cdf(3, { lambda: l }, {})
    const [lo, hi] = table.exceedances[0].profile95!
    expect(lo).toBeCloseTo(sf(root(1e-6, lambda)), 6)
    expect(hi).toBeCloseTo(sf(root(lambda, 20)), 6)
  })
})
