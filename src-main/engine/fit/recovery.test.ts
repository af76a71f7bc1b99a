import { describe, expect, it } from 'vitest'
import type { FitMethod, FitResult } from '../../../src-shared/contract'
import { findDistribution } from '../distributions/registry'
import type { Distribution, Params } from '../distributions/types'
import { seededRandom } from '../random/seeded-random'
import { rankByAic } from './fit-all'
import { fitDistribution } from './fit-distribution'

const relative = (a: number, b: number) => Math.abs(a - b) / Math.abs(b)

function family(id: string): Distribution {
  const d = findDistribution(id)
  if (!d) throw new Error(`no family ${id}`)
  return d
}

/** A seeded sample from the family's own sampler, sorted. */
function draw(dist: Distribution, n: number, params: Params, seed: number, trials?: number): Float64Array {
  return dist.sample(n, params, seededRandom(seed), { trials }).sort()
}

describe('recovery on hard data: heavy tails, many orders of magnitude, tiny shapes, over-dispersion', () => {
  const cases: [string, string, Params, number][] = [
    ['heavy tails: student_t nu = 2.5', 'student_t', { mu: 10, sigma: 2, nu: 2.5 }, 3000],
    ['heavy tails: cauchy', 'cauchy', { x0: -3, gamma: 0.5 }, 3000],
    ['heavy-tailed losses: pareto alpha 1.2', 'pareto', { xm: 1000, alpha: 1.2 }, 3000],
    ['ten orders of magnitude: lognormal sigma 4', 'lognormal', { mu: 0, sigma: 4 }, 3000],
    ['many orders of magnitude: weibull shape 0.3', 'weibull', { shape: 0.3, scale: 50 }, 3000],
    ['tiny gamma shape 0.05', 'gamma', { shape: 0.05, rate: 2 }, 3000],
    ['over-dispersed counts: negative_binomial size 0.8', 'negative_binomial', { size: 0.8, mu: 12 }, 3000],
    ['inverse_gaussian', 'inverse_gaussian', { mu: 3, lambda: 0.5 }, 3000],
    ['gumbel', 'gumbel', { mu: 100, beta: 15 }, 3000],
    ['beta near the edges', 'beta', { alpha: 0.3, beta: 0.6 }, 3000],
  ]
  for (const [name, id, truth, n] of cases) {
    it(name, async () => {
      const dist = family(id)
      const sorted = draw(dist, n, truth, 2024)
      const fit = await fitDistribution({ dist, column: 'x', sorted })
      expect(fit.converged).toBe(true)
      expect(fit.health.informationPositiveDefinite).toBe(true)
      for (const e of fit.estimates) {
        // Within 4.5 standard errors of the truth (boundary estimates like pareto xm: within 1%).
        if (e.standardError === null) expect(relative(e.estimate, truth[e.name])).toBeLessThan(0.01)
        else expect(Math.abs(e.estimate - truth[e.name])).toBeLessThan(4.5 * e.standardError)
      }
      // Every optimizer reaches the same optimum (1e-9 relative in log-likelihood).
      for (const method of ['newton', 'lbfgs'] as FitMethod[]) {
        const other = await fitDistribution({
          dist,
          column: 'x',
          sorted,
          method,
          options: { maxIterations: 2000 },
        })
        expect(relative(other.logLikelihood, fit.logLikelihood)).toBeLessThan(1e-9)
      }
    })
  }
})

describe('scale equivariance at the ends of floating point (values near 1e-300 and 1e300)', () => {
  const base = new Float64Array([1, 2, 3, 7, 11, 4.5])
  for (const id of ['gamma', 'weibull', 'lognormal', 'exponential']) {
    for (const scale of [1e-300, 1e300]) {
      it(`${id} x ${scale}`, async () => {
        const dist = family(id)
        const a = await fitDistribution({ dist, column: 'x', sorted: base })
        const b = await fitDistribution({ dist, column: 'x', sorted: base.map((v) => v * scale) })
        expect(b.converged).toBe(true)
        const shapeLike = dist.params.find((p) => p.name === 'shape' || p.name === 'sigma')
        if (shapeLike) expect(relative(b.params[shapeLike.name], a.params[shapeLike.name])).toBeLessThan(1e-7)
        // The log-likelihood shifts by -n log(scale) (the Jacobian of x -> scale x).
        expect(relative(b.logLikelihood, a.logLikelihood - base.length * Math.log(scale))).toBeLessThan(1e-9)
        for (const e of b.estimates) expect(e.standardError).not.toBeNull()
      })
    }
  }
})

describe('fast paths equal the straightforward ones', () => {
  /** The same family without its analytic hooks: the fitting layer sums logPdf and differentiates numerically. */
  function plain(dist: Distribution): Distribution {
    return {
      id: dist.id,
      label: dist.label,
      discrete: dist.discrete,
      params: dist.params,
      support: dist.support,
      needsTrials: dist.needsTrials,
      logPdf: dist.logPdf,
      cdf: dist.cdf,
      quantile: dist.quantile,
      startValues: dist.startValues,
      startIsMoments: dist.startIsMoments,
      sample: dist.sample,
    }
  }
  for (const [id, truth] of [
    ['gamma', { shape: 2.5, rate: 0.3 }],
    ['weibull', { shape: 1.7, scale: 20 }],
    ['negative_binomial', { size: 3, mu: 7 }],
    ['student_t', { mu: 1, sigma: 2, nu: 5 }],
  ] as [string, Params][]) {
    it(`${id}: analytic score/Hessian and sufficient statistics vs finite differences over logPdf`, async () => {
      const dist = family(id)
      const sorted = draw(dist, 1500, truth, 99)
      const fast = await fitDistribution({ dist, column: 'x', sorted, method: 'newton' })
      const slow = await fitDistribution({ dist: plain(dist), column: 'x', sorted, method: 'newton' })
      expect(relative(fast.logLikelihood, slow.logLikelihood)).toBeLessThan(1e-11)
      for (const name of Object.keys(truth)) {
        expect(relative(fast.params[name], slow.params[name])).toBeLessThan(1e-5)
      }
      fast.estimates.forEach((e, j) =>
        expect(relative(e.standardError!, slow.estimates[j].standardError!)).toBeLessThan(1e-3),
      )
    })
  }
})

describe('profile intervals that are unbounded on one side', () => {
  it('negative_binomial size on counts without over-dispersion: null, not a huge number', async () => {
    // Variance below the mean: the likelihood keeps rising as size grows (the Poisson limit).
    const sorted = new Float64Array([2, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 6])
    const fit = await fitDistribution({ dist: family('negative_binomial'), column: 'x', sorted })
    const size = fit.estimates.find((e) => e.name === 'size')!
    expect(size.profile95).toBeNull()
    expect(fit.health.notes.join(' ')).toMatch(/size is very large|poisson/)
  })
})

describe('parametric bootstrap for counts', () => {
  it('poisson: chi-square and KS p-values by bootstrap, seeded', async () => {
    const dist = family('poisson')
    const sorted = draw(dist, 300, { lambda: 4 }, 8)
    const fit = await fitDistribution({ dist, column: 'x', sorted, bootstrap: 30, options: { seed: 3 } })
    const g = fit.goodnessOfFit!
    expect(g.pValueMethod).toBe('bootstrap')
    expect(g.pValues.chiSquare).toBeGreaterThan(0)
    expect(g.pValues.ks).toBeGreaterThan(0)
    expect(g.pValues.ad).toBeNull()
  })
})

describe('fit-all ranking', () => {
  const fake = (dist: string, aic: number, converged: boolean) =>
    ({ dist, aic, bic: aic, converged }) as FitResult
  it('Akaike weights over converged fits; a non-converged fit ranks last with weight 0', () => {
    const ranking = rankByAic([fake('a', 10, true), fake('b', 12, true), fake('c', -50, false)])
    expect(ranking.map((r) => r.dist)).toEqual(['a', 'b', 'c'])
    const e = Math.exp(-1)
    expect(ranking[0].akaikeWeight).toBeCloseTo(1 / (1 + e), 14)
    expect(ranking[1].akaikeWeight).toBeCloseTo(e / (1 + e), 14)
    expect(ranking[1].deltaAic).toBe(2)
    expect(ranking[2].akaikeWeight).toBe(0)
  })
})
