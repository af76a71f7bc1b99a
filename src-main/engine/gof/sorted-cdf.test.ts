import { describe, expect, it } from 'vitest'
import { distributions, findDistribution } from '../distributions/registry'
import { inSupport } from '../distributions/support'
import type { Distribution, Params } from '../distributions/types'
import { fitDistribution } from '../fit/fit-distribution'
import { seededRandom } from '../random/seeded-random'
import { edfStatistics, edfStatisticsOfCdf } from './edf-statistics'
import { gofStatistics } from './goodness-of-fit'
import { SORTED_CDF_MIN_N, cdfOnSorted } from './sorted-cdf'

const N = 2 * SORTED_CDF_MIN_N
const EPS = 2 ** -52
const relative = (a: number, b: number) => Math.abs(a - b) / Math.abs(b)
const withDensity = distributions.filter((d) => d.density !== undefined)

/** The straightforward path: the family's exact cdf at every value, clamped as the statistics need. */
function exactCdf(dist: Distribution, sorted: Float64Array, params: Params): Float64Array {
  return sorted.map((x) => {
    const v = dist.cdf(x, params)
    return Number.isNaN(v) ? 0 : Math.min(1, Math.max(0, v))
  })
}

/** Samples on which the integration path runs: smooth draws, rounded draws (ties), and a misfit family. */
function samples(dist: Distribution): { name: string; sorted: Float64Array; params: Params }[] {
  const truth: Record<string, Params> = {
    gamma: { shape: 0.8, rate: 2 },
    student_t: { mu: -1, sigma: 0.5, nu: 2.5 },
    lognormal: { mu: 0.3, sigma: 1.4 },
    inverse_gaussian: { mu: 2, lambda: 0.7 },
  }
  const params = truth[dist.id]
  const draws = dist.sample(N, params, seededRandom(5)).sort()
  const rounded = draws
    .map((x) => Math.round(x * 100) / 100)
    .filter((x) => inSupport(dist, x))
    .sort()
  // Parameters far from the data: steep densities and many fallbacks.
  const off: Params = Object.fromEntries(
    Object.entries(params).map(([k, v]) => [k, k === 'mu' ? v + 3 : v * 4]),
  )
  return [
    { name: 'draws', sorted: draws, params },
    { name: 'rounded draws (ties)', sorted: rounded, params },
    { name: 'a poorly fitting model', sorted: draws, params: off },
  ]
}

describe('cdf on sorted data: the density-integration path equals the exact cdf', () => {
  it('families with a density closure exist (the path is exercised)', () => {
    expect(withDensity.map((d) => d.id).sort()).toEqual([
      'gamma',
      'inverse_gaussian',
      'lognormal',
      'student_t',
    ])
  })
  for (const dist of withDensity) {
    for (const { name, sorted, params } of samples(dist)) {
      it(`${dist.id}, ${name}: every F_i within 1e-13, log(1 - F_i) within 1e-9`, () => {
        expect(sorted.length).toBeGreaterThanOrEqual(SORTED_CDF_MIN_N)
        const fast = cdfOnSorted(dist, sorted, params, {})
        const exact = exactCdf(dist, sorted, params)
        let worst = 0
        let worstTail = 0
        for (let i = 0; i < sorted.length; i++) {
          worst = Math.max(worst, Math.abs(fast[i] - exact[i]))
          if (exact[i] < 1)
            worstTail = Math.max(worstTail, Math.abs(Math.log1p(-fast[i]) - Math.log1p(-exact[i])))
        }
        expect(worst).toBeLessThan(1e-13)
        expect(worstTail).toBeLessThan(1e-9)
      })
    }
  }

  it('below the size threshold and for families without a density closure it is the exact cdf, bit for bit', () => {
    const gamma = findDistribution('gamma')!
    const small = gamma.sample(SORTED_CDF_MIN_N - 1, { shape: 2, rate: 1 }, seededRandom(9)).sort()
    expect(cdfOnSorted(gamma, small, { shape: 2, rate: 1 }, {})).toEqual(
      exactCdf(gamma, small, { shape: 2, rate: 1 }),
    )
    const weibull = findDistribution('weibull')!
    const big = weibull.sample(N, { shape: 1.5, scale: 2 }, seededRandom(9)).sort()
    expect(cdfOnSorted(weibull, big, { shape: 1.5, scale: 2 }, {})).toEqual(
      exactCdf(weibull, big, { shape: 1.5, scale: 2 }),
    )
  })

  it('goodness of fit of fitted models: KS, A² and W² match the exact path to 1e-9 relative', async () => {
    for (const dist of withDensity) {
      const { sorted } = samples(dist)[0]
      const fit = await fitDistribution({ dist, column: 'x', sorted, lean: true })
      const fast = gofStatistics(dist, sorted, fit.params, {}, dist.params.length)
      const exact = edfStatistics(sorted, (x) => dist.cdf(x, fit.params))
      expect(relative(fast.ks, exact.ks), dist.id).toBeLessThan(1e-9)
      expect(relative(fast.ad!, exact.ad), dist.id).toBeLessThan(1e-9)
      expect(relative(fast.cvm!, exact.cvm), dist.id).toBeLessThan(1e-9)
    }
  })
})

describe('Anderson-Darling with one logarithm per term', () => {
  /** The textbook form: -n - (1/n) sum (2i-1) [ln F_i + ln(1 - F_(n+1-i))], two logarithms per term. */
  function textbookAd(f: Float64Array): number {
    const n = f.length
    let s = 0
    for (let i = 0; i < n; i++) {
      const lo = Math.min(Math.max(f[i], 1e-300), 1 - 2 ** -53)
      const hi = Math.min(Math.max(f[n - 1 - i], 1e-300), 1 - 2 ** -53)
      s += (2 * i + 1) * (Math.log(lo) + Math.log1p(-hi))
    }
    return -n - s / n
  }
  const cases: [string, Float64Array][] = [
    ['uniform spacing', Float64Array.from({ length: 1000 }, (_, i) => (i + 0.5) / 1000)],
    [
      'tails near 0 and 1',
      Float64Array.from({ length: 1000 }, (_, i) => 1 / (1 + Math.exp(-(i - 500) / 20))),
    ],
    ['values at 0 and 1 (clamped)', Float64Array.from([0, 1e-320, 0.2, 0.5, 0.9, 1 - 1e-17, 1])],
    ['a bad fit', Float64Array.from({ length: 500 }, (_, i) => ((i + 0.5) / 500) ** 4)],
  ]
  for (const [name, f] of cases) {
    // A² = -n - S/n cancels (a good fit leaves A² ~ 0.2 from terms of size n): the bound is on the scale
    // of the sum, 8 n EPS per term's rounding.
    it(name, () => {
      const expected = textbookAd(f)
      expect(Math.abs(edfStatisticsOfCdf(f).ad - expected)).toBeLessThanOrEqual(
        8 * f.length * EPS * Math.max(1, Math.abs(expected)),
      )
    })
  }
})
