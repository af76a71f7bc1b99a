import { describe, expect, it } from 'vitest'
import type { FitResult } from '../../../src-shared/contract'
import { familyCases } from '../../../test/support/family-cases'
import { bootstrapCi } from '../bootstrap/bootstrap-ci'
import type { CensoredData } from '../censoring/censored-data'
import { censoredFamily, representativeValues } from '../censoring/censored-likelihood'
import { logCdf, logInterval, logSf } from '../censoring/tails'
import { SILENT_CONTROL } from '../control/work-control'
import { distributions } from '../distributions/registry'
import type { Distribution, FamilyContext, Params } from '../distributions/types'
import { seededRandom } from '../random/seeded-random'
import { weightedColumn, weightsInfo } from '../stats/frequency-weights'
import { sampleOf } from '../stats/sample'
import { likelihoodSample, type TiesMode } from '../stats/tied-sample'
import { percentileTable, withProfileIntervals } from '../inference/percentiles'
import { fitAll } from './fit-all'
import { fitDistribution, type FitInput } from './fit-distribution'
import { prepareFit } from './prepare'

/** An ordinary parameter set of a family (not one of the extreme cases). */
function caseOf(dist: Distribution): { params: Params; ctx?: FamilyContext } {
  const c = familyCases.find((x) => x.id === dist.id && !x.extreme)
  if (!c) throw new Error(`family-cases.ts has no ordinary case for ${dist.id}: add one`)
  return { params: c.valid[0], ctx: c.ctx }
}

/**
 * 400 seeded draws rounded to two significant digits (a rounded measurement column; counts tie as they
 * are), where the rounded value stays in the support; sorted.
 */
function tiedColumn(dist: Distribution, params: Params, ctx: FamilyContext | undefined): Float64Array {
  const draws = dist.sample(400, params, seededRandom(11), ctx)
  const rounded = Array.from(draws, (x) => {
    const r = Number(x.toPrecision(2))
    return Number.isFinite(dist.logPdf(r, params, ctx)) ? r : x
  })
  return Float64Array.from(rounded).sort()
}

function close(a: number | null, b: number | null, rel: number, abs = 0): void {
  if (a === b) return
  expect(a).not.toBeNull()
  expect(b).not.toBeNull()
  expect(Math.abs(a! - b!)).toBeLessThanOrEqual(Math.max(rel * Math.max(Math.abs(a!), Math.abs(b!)), abs))
}

const REL = 1e-8

/**
 * Everything a fit result shows that the likelihood's sample could change. The log-likelihood and
 * criteria agree to REL; an estimate to REL or to 1e-6 of its SE: near the maximum a step that small moves
 * the log-likelihood by less than its rounding (ll * 1e-16 * sqrt(n)), so whether Newton takes its last
 * step is decided by rounding and the maximum is located no finer than that, whichever sample is summed.
 * SEs of families without analytic derivatives come from finite differences, which amplify the same
 * rounding to about 1e-6 relative (the test allows 1e-5); GoF statistics and the density curve follow
 * the estimates.
 */
function expectSameFit(a: FitResult, b: FitResult): void {
  expect(a.n).toBe(b.n)
  expect(a.converged).toBe(b.converged)
  close(a.logLikelihood, b.logLikelihood, REL)
  for (const key of ['aic', 'aicc', 'bic'] as const) close(a[key], b[key], REL)
  a.estimates.forEach((e, j) => {
    const f = b.estimates[j]
    const se = f.standardError ?? 0
    close(e.estimate, f.estimate, REL, Math.max(1e-6 * se, 1e-12))
    close(e.standardError, f.standardError, 1e-5)
    for (const k of [0, 1]) {
      close(e.wald95?.[k] ?? null, f.wald95?.[k] ?? null, REL, Math.max(3e-5 * se, 1e-12))
      close(e.profile95?.[k] ?? null, f.profile95?.[k] ?? null, REL, Math.max(1e-6 * se, 1e-12))
    }
  })
  // Covariances to 2e-5 of the product of the SEs (a near-zero entry has no relative precision).
  const c = b.covariance
  a.covariance?.forEach((row, i) =>
    row.forEach((v, j) => close(v, c![i][j], 2e-5, 2e-5 * Math.sqrt(c![i][i] * c![j][j]))),
  )
  const [g, h] = [a.goodnessOfFit!, b.goodnessOfFit!]
  for (const key of ['ks', 'ad', 'cvm', 'chiSquare'] as const) close(g[key], h[key], 1e-6, 1e-12)
  expect(g.chiSquareDf).toBe(h.chiSquareDf)
  for (const key of Object.keys(h.pValues)) close(g.pValues[key], h.pValues[key], 1e-6, 1e-12)
  expect(g.note).toBe(h.note)
  expect(a.histogram).toEqual(b.histogram)
  expect(a.density.x).toEqual(b.density.x)
  a.density.y.forEach((y, i) => close(y, b.density.y[i], 1e-5, 1e-300))
}

describe('tied values fitted as weighted distinct values give the fit of the rows, for every family', () => {
  it.each(distributions.map((d) => [d.id, d] as const))('%s', async (_, dist) => {
    const { params, ctx } = caseOf(dist)
    const sorted = tiedColumn(dist, params, ctx)
    const input = { column: 'x', dist, sorted, trials: ctx?.trials, threshold: ctx?.threshold }
    const distinct = prepareFit({ ...input, ties: 'distinct' }, SILENT_CONTROL).sample
    expect(distinct.values.length).toBeLessThan(distinct.n)
    const fit = (ties: TiesMode) => fitDistribution({ ...input, ties })
    expectSameFit(await fit('distinct'), await fit('rows'))
  })
})

describe('ties under other paths', () => {
  const gamma = distributions.find((d) => d.id === 'gamma')!
  const sorted = tiedColumn(gamma, { shape: 2, rate: 1 }, undefined)
  const fit = (ties: TiesMode, more: Partial<FitInput> = {}) =>
    fitDistribution({ column: 'x', dist: gamma, sorted, ties, ...more })

  it('a weighted column whose rows repeat values: the weights of equal values are summed', async () => {
    // Two rows per value, weights 1 and 2: the column counts every value 3 times.
    const rows = Float64Array.from([...sorted, ...sorted])
    const weights = Float64Array.from(rows, (_, i) => (i < sorted.length ? 1 : 2))
    const paired = weightedColumn(rows, weights, { column: 'x', weights: 'w' })
    const weighted = (ties: TiesMode) =>
      fit(ties, {
        sorted: paired.sorted,
        rows: paired.rows,
        sortedWeights: paired.weights,
        weightsInfo: weightsInfo(paired, 'w'),
      })
    const [a, b] = [await weighted('distinct'), await weighted('rows')]
    expect(a.n).toBe(3 * sorted.length)
    expectSameFit(a, b)
    expect(a.weights).toEqual(b.weights)
  })

  it('bootstrap p-values draw n values, not one per distinct value', async () => {
    const [a, b] = [await fit('distinct', { bootstrap: 9 }), await fit('rows', { bootstrap: 9 })]
    expect(a.goodnessOfFit!.pValues).toEqual(b.goodnessOfFit!.pValues)
  })

  it.each(['nonparametric', 'parametric'] as const)(
    '%s bootstrap intervals: the same replicates, each of n observations',
    async (method) => {
      const run = (ties: TiesMode) =>
        bootstrapCi({ column: 'x', dist: gamma, sorted, ties }, { replicates: 12, method, workers: 0 })
      const [a, b] = [await run('distinct'), await run('rows')]
      expect(a.result.note).toBe(b.result.note)
      expect(a.result.converged).toBe(b.result.converged)
      a.result.estimates.forEach((row, r) => row.forEach((v, j) => close(v, b.result.estimates[r][j], 1e-6)))
      if (method === 'parametric') expect(a.result.note).toMatch(/samples of 400 from the fitted model/)
    },
  )

  it('fit-all: the same fits, ranking and failures', async () => {
    const all = (ties: TiesMode) =>
      fitAll(
        { column: 'x', families: distributions, sorted, rows: sorted, ties, parallel: false },
        SILENT_CONTROL,
      )
    const [a, b] = [await all('distinct'), await all('rows')]
    expect(a.ranking.map((r) => r.dist)).toEqual(b.ranking.map((r) => r.dist))
    a.ranking.forEach((r, i) => {
      // Differences of AICs: absolute, to the AIC's own rounding.
      close(r.deltaAic, b.ranking[i].deltaAic, REL, REL * Math.abs(b.fits[0].aic))
      close(r.akaikeWeight, b.ranking[i].akaikeWeight, 1e-6, 1e-12)
    })
    expect(a.notApplicable).toEqual(b.notApplicable)
    expect(a.fits.map((f) => f.dist)).toEqual(b.fits.map((f) => f.dist))
    a.fits.forEach((f, i) => expectSameFit(f, b.fits[i]))
  })

  it('percentile profile intervals: the same on distinct values as on rows', async () => {
    const f = await fit('rows')
    const free = ['shape', 'rate']
    const table = async (ties: TiesMode) => {
      const input = { dist: gamma, params: f.params, ctx: {}, covariance: f.covariance, free }
      const sample = likelihoodSample(sampleOf(sorted), ties)
      const delta = percentileTable({ ...input, sample }, [0.1, 0.5, 0.99], [3])
      return withProfileIntervals(delta, { ...input, sample })
    }
    const [a, b] = [await table('distinct'), await table('rows')]
    const rows = (t: typeof a) => [...t.percentiles, ...t.exceedances]
    rows(a).forEach((r, i) => {
      const s = rows(b)[i]
      for (const k of [0, 1]) close(r.profile95![k], s.profile95![k], 1e-7)
    })
  })

  it('maximum product of spacings shares the spacing before a tie the same way', async () => {
    const [a, b] = [await fit('distinct', { method: 'mps' }), await fit('rows', { method: 'mps' })]
    close(a.spacings!.objective, b.spacings!.objective, REL)
    for (const name of ['shape', 'rate']) close(a.params[name], b.params[name], 1e-7)
  })

  it('a uniform with tied edge values counts every observation A² leaves out', async () => {
    const uniform = distributions.find((d) => d.id === 'uniform')!
    const edges = Float64Array.from([1, 1, 1, 2, 3, 3, 4, 5, 5, 5, 5])
    const one = (ties: TiesMode) => fitDistribution({ column: 'x', dist: uniform, sorted: edges, ties })
    const [a, b] = [await one('distinct'), await one('rows')]
    expect(a.goodnessOfFit!.note).toMatch(/leaves out 7 values/)
    expectSameFit(a, b)
  })

  it('gradient ascent splits the rows, then sums each part over its distinct values', async () => {
    const input = { column: 'x', dist: gamma, sorted, method: 'gradient' as const }
    const setup = prepareFit({ ...input, ties: 'distinct' }, SILENT_CONTROL)
    expect(setup.sample.values.length).toBe(sorted.length)
    const [a, b] = [
      await fitDistribution({ ...input, ties: 'distinct' }),
      await fitDistribution({ ...input, ties: 'rows' }),
    ]
    expect(a.iterations).toBe(b.iterations)
    for (const name of ['shape', 'rate']) close(a.params[name], b.params[name], 1e-9)
    close(a.gradient!.gapLogLikelihood, b.gradient!.gapLogLikelihood, 1e-6, 1e-9)
    close(a.logLikelihood, b.logLikelihood, REL)
  })

  it('auto compresses a column with many ties and leaves one with few alone', () => {
    const auto = (values: Float64Array) =>
      prepareFit({ column: 'x', dist: gamma, sorted: values }, SILENT_CONTROL).sample
    const draws = Float64Array.from(gamma.sample(400, { shape: 2, rate: 1 }, seededRandom(3))).sort()
    // To the nearest 0.1: about 70 distinct values in 400.
    const tied = auto(draws.map((x) => Math.round(x * 10) / 10))
    expect(tied.values.length).toBeLessThan(100)
    expect(tied.n).toBe(400)
    expect(auto(draws).weights).toBeNull()
  })
})

describe('censored data: equal values of one kind share a term', () => {
  it('the censored likelihood of tied exact, right-, left- and interval-censored values is the per-row sum', () => {
    const weibull = distributions.find((d) => d.id === 'weibull')!
    const rounded = (seed: number, count: number) =>
      Float64Array.from(weibull.sample(count, { shape: 1.5, scale: 2 }, seededRandom(seed)), (x) =>
        Math.max(0.5, Math.round(x * 2) / 2),
      ).sort()
    const exact = rounded(1, 600)
    const right = rounded(2, 300)
    const left = rounded(3, 50)
    // Intervals sorted by lower bound, with repeats of the same pair and of the same lower bound.
    const lower = Float64Array.from([0.5, 0.5, 0.5, 1, 1, 2, 2, 2])
    const upper = Float64Array.from([1, 1.5, 1, 2, 2, 3, 4, 3])
    const n = exact.length + right.length + left.length + lower.length
    const data: CensoredData = {
      ...{ exact, exactRows: exact, right, left, lower, upper, n },
      info: {} as CensoredData['info'],
    }
    const wrapped = censoredFamily(weibull, data)
    const p = { shape: 1.3, scale: 2.2 }
    let perRow = 0
    for (const x of exact) perRow += weibull.logPdf(x, p)
    for (const x of right) perRow += logSf(weibull, x, p)
    for (const x of left) perRow += logCdf(weibull, x, p)
    lower.forEach((l, i) => (perRow += logInterval(weibull, l, upper[i], p)))
    close(wrapped.logLikelihood!(sampleOf(representativeValues(weibull, data)), p), perRow, 1e-13)
  })
})
