import { describe, expect, it } from 'vitest'
import type { FitMethod } from '../../../src-shared/contract'
import { referenceDataPath, referenceDistributionFits } from '../../../test/helpers/reference'
import { findDistribution } from '../distributions/registry'
import { importCsv } from '../import/csv-import'
import { finiteSorted, type EngineColumn } from '../import/dataset'
import { fitDistribution } from './fit-distribution'

const relative = (a: number, b: number) => Math.abs(a - b) / Math.abs(b)

async function referenceColumn(dataset: string, column: string): Promise<EngineColumn> {
  const data = await importCsv(referenceDataPath(dataset))
  const col = data.columns.find((c) => c.info.name === column)
  if (!col) throw new Error(`no column ${column} in ${dataset}`)
  return col
}

describe('every shared reference fit, by every optimizer', () => {
  const cases = referenceDistributionFits()
  it('covers the reference file (21 cases, 8 families)', () => {
    expect(cases.length).toBeGreaterThanOrEqual(21)
  })
  for (const ref of cases) {
    const dist = findDistribution(ref.dist)
    if (!dist) {
      it.todo(`${ref.dist} on ${ref.dataset}: family not in the registry yet`)
      continue
    }
    const methods: FitMethod[] = ['auto', 'newton', 'lbfgs']
    if (dist.closedFormMle) methods.push('closed-form')
    for (const method of methods) {
      it(`${ref.dist} on ${ref.dataset}:${ref.column} by ${method}`, async () => {
        const col = await referenceColumn(ref.dataset, ref.column)
        const fit = await fitDistribution({
          dist,
          column: ref.column,
          sorted: finiteSorted(col),
          rows: col.values,
          method,
        })
        expect(fit.n).toBe(ref.n)
        expect(fit.converged).toBe(true)
        // The bar: at least the reference log-likelihood, within 1e-6 relative (reference optimizers are
        // themselves ~1e-8 from the optimum, so a correct fit lands at or just above it).
        expect(fit.logLikelihood).toBeGreaterThanOrEqual(ref.loglik - 1e-6 * Math.abs(ref.loglik))
        // And not wildly above it either (which would mean a different likelihood).
        expect(relative(fit.logLikelihood, ref.loglik)).toBeLessThan(1e-6)
        // Parameters agree to the reference optimizer's own accuracy (flat directions allow ~1e-6).
        for (const [name, value] of Object.entries(ref.params))
          expect(relative(fit.params[name], value)).toBeLessThan(2e-5)
        const k = Object.keys(ref.params).length
        expect(relative(fit.aic, 2 * k - 2 * fit.logLikelihood)).toBeLessThan(1e-14)
        expect(relative(fit.bic, k * Math.log(ref.n) - 2 * fit.logLikelihood)).toBeLessThan(1e-14)
        expect(relative(fit.aicc, fit.aic + (2 * k * (k + 1)) / (ref.n - k - 1))).toBeLessThan(1e-14)
        expect(fit.health.informationPositiveDefinite).toBe(true)
        for (const e of fit.estimates) {
          expect(e.standardError).toBeGreaterThan(0)
          expect(e.wald95![0]).toBeLessThan(e.estimate)
          expect(e.profile95![0]).toBeLessThan(e.estimate)
          expect(e.profile95![1]).toBeGreaterThan(e.estimate)
        }
        if (method === 'closed-form') expect(fit.trace).toEqual([])
        else if (fit.method !== 'closed-form') expect(fit.trace.length).toBeGreaterThan(0)
      })
    }
  }
})

describe('closed form against values computed independently (Python, exact arithmetic to 1e-15)', () => {
  it('precip: mean and sigma (divides by n) to 1e-13', async () => {
    const col = await referenceColumn('precip.csv', 'precip')
    const fit = await fitDistribution({
      dist: findDistribution('normal')!,
      column: 'precip',
      sorted: finiteSorted(col),
    })
    expect(relative(fit.params.mu, 34.885714285714286)).toBeLessThan(1e-14)
    expect(relative(fit.params.sigma, 13.60839326838179)).toBeLessThan(1e-13)
    // SE(mu) = sigma / sqrt(n), SE(sigma) = sigma / sqrt(2n) from the observed information at the MLE.
    expect(relative(fit.estimates[0].standardError!, 13.60839326838179 / Math.sqrt(70))).toBeLessThan(1e-12)
    expect(relative(fit.estimates[1].standardError!, 13.60839326838179 / Math.sqrt(140))).toBeLessThan(1e-12)
  })

  it('exponential rate profile interval on groundbeef solves 2 (ll_max - ll) = 3.841 (Python bisection, 60 digits)', async () => {
    const col = await referenceColumn('groundbeef.csv', 'serving')
    const fit = await fitDistribution({
      dist: findDistribution('exponential')!,
      column: 'serving',
      sorted: finiteSorted(col),
    })
    const [lo, hi] = fit.estimates[0].profile95!
    expect(relative(lo, PROFILE_GROUNDBEEF_RATE[0])).toBeLessThan(1e-8)
    expect(relative(hi, PROFILE_GROUNDBEEF_RATE[1])).toBeLessThan(1e-8)
  })

  it('normal mu profile interval: mean ± s sqrt(exp(3.841 / n) - 1), s the MLE sd (exact)', async () => {
    const col = await referenceColumn('rivers.csv', 'length')
    const fit = await fitDistribution({
      dist: findDistribution('normal')!,
      column: 'length',
      sorted: finiteSorted(col),
    })
    const { mu, sigma } = fit.params
    const half = sigma * Math.sqrt(Math.expm1(3.841458820694124 / fit.n))
    expect(relative(fit.estimates[0].profile95![0], mu - half)).toBeLessThan(1e-8)
    expect(relative(fit.estimates[0].profile95![1], mu + half)).toBeLessThan(1e-8)
  })

  it('laplace on precip: mu = median, SE b/sqrt(n), profile intervals of mu and b (Python, Decimal bisection)', async () => {
    const col = await referenceColumn('precip.csv', 'precip')
    const fit = await fitDistribution({
      dist: findDistribution('laplace')!,
      column: 'precip',
      sorted: finiteSorted(col),
    })
    const [mu, b] = fit.estimates
    expect(mu.estimate).toBe(36.6)
    expect(relative(b.estimate, 10.491428571428571)).toBeLessThan(1e-13)
    expect(relative(mu.standardError!, 10.491428571428571 / Math.sqrt(70))).toBeLessThan(1e-12)
    expect(relative(mu.profile95![0], 34.323112141934935)).toBeLessThan(1e-8)
    expect(relative(mu.profile95![1], 39.60215755207436)).toBeLessThan(1e-8)
    expect(relative(b.profile95![0], 8.373720609469702)).toBeLessThan(1e-8)
    expect(relative(b.profile95![1], 13.387666077966315)).toBeLessThan(1e-8)
  })
})

/** python3 -c: ll(l) = n log l - l S, n = 254, S = sum(serving); bisection in Decimal to 1e-30. */
const PROFILE_GROUNDBEEF_RATE: [number, number] = [0.01197639585880682, 0.015317549522222092]

describe('fixed parameters', () => {
  it('gamma with shape fixed: rate = shape / mean exactly, shape reported fixed without SE', async () => {
    const col = await referenceColumn('precip.csv', 'precip')
    const sorted = finiteSorted(col)
    const fit = await fitDistribution({
      dist: findDistribution('gamma')!,
      column: 'precip',
      sorted,
      fixed: { shape: 4 },
    })
    const mean = sorted.reduce((s, v) => s + v, 0) / sorted.length
    expect(relative(fit.params.rate, 4 / mean)).toBeLessThan(1e-9)
    const shape = fit.estimates.find((e) => e.name === 'shape')!
    expect(shape).toMatchObject({ estimate: 4, fixed: true, standardError: null, wald95: null })
    expect(fit.covariance).toHaveLength(1)
    // One free parameter: AIC counts it alone.
    expect(fit.aic).toBeCloseTo(2 - 2 * fit.logLikelihood, 10)
  })

  it('normal with sigma fixed: mu = mean, by newton and by auto', async () => {
    const sorted = new Float64Array([1, 2, 4, 8, 16])
    for (const method of ['auto', 'newton', 'lbfgs'] as const) {
      const fit = await fitDistribution({
        dist: findDistribution('normal')!,
        column: 'x',
        sorted,
        fixed: { sigma: 3 },
        method,
      })
      expect(relative(fit.params.mu, 6.2)).toBeLessThan(1e-9)
      expect(fit.params.sigma).toBe(3)
    }
  })

  it('rejects unknown and out-of-domain fixed values with a plain sentence', async () => {
    const sorted = new Float64Array([1, 2, 3])
    const dist = findDistribution('gamma')!
    await expect(fitDistribution({ dist, column: 'x', sorted, fixed: { size: 1 } })).rejects.toThrow(
      /no parameter "size".*shape, rate/,
    )
    await expect(fitDistribution({ dist, column: 'x', sorted, fixed: { shape: -1 } })).rejects.toThrow(
      /Fixed shape must be a number > 0/,
    )
  })
})
