import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { bootstrapCi } from '../bootstrap/bootstrap-ci'
import { findDistribution } from '../distributions/registry'
import type { Distribution, Params } from '../distributions/types'
import { spacingsObjective } from '../likelihood/spacings'
import { Sample } from '../stats/sample'
import { fitDistribution } from './fit-distribution'

/** SciPy's maximum-spacing fits (test/fixtures/spacings/make_fixtures.py). */
interface SpacingsCase {
  name: string
  family: string
  data: number[]
  params: Params
  objective: number
  logLikelihood: number
  otherParams: Params
  otherObjective: number
}
const fixture = JSON.parse(
  readFileSync(new URL('../../../test/fixtures/spacings/mps-threshold.json', import.meta.url), 'utf8'),
) as { cases: SpacingsCase[] }

const relative = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1)
const family = (id: string): Distribution => {
  const d = findDistribution(id)
  if (!d) throw new Error(`no family ${id}`)
  return d
}
const sumLogPdf = (d: Distribution, xs: number[], p: Params) => xs.reduce((s, x) => s + d.logPdf(x, p), 0)
const mpsFit = (c: SpacingsCase, method: 'mps' | 'auto' = 'mps') =>
  fitDistribution({ dist: family(c.family), column: 'x', sorted: Float64Array.from(c.data), method })

describe('the spacings objective against SciPy (ties share their spacing)', () => {
  for (const c of fixture.cases) {
    it(c.name, () => {
      const sample = Sample.sorted(Float64Array.from(c.data))
      const d = family(c.family)
      expect(relative(spacingsObjective(d, sample, c.params), c.objective)).toBeLessThan(1e-9)
      expect(relative(spacingsObjective(d, sample, c.otherParams), c.otherObjective)).toBeLessThan(1e-9)
    })
  }
  it('is -Infinity with a value outside the support', () => {
    const c = fixture.cases[0]
    const above = { ...c.params, threshold: c.data[0] + 1e-6 }
    expect(spacingsObjective(family(c.family), Sample.sorted(Float64Array.from(c.data)), above)).toBe(
      -Infinity,
    )
  })
})

describe('method mps on the threshold families', () => {
  for (const c of fixture.cases) {
    it(`${c.name}: SciPy's maximum, the true log-likelihood shown`, async () => {
      const fit = await mpsFit(c)
      expect(fit.method).toBe('mps')
      expect(fit.converged).toBe(true)
      // Not below SciPy's polished maximum, and not meaningfully above it.
      expect(relative(fit.spacings?.objective ?? NaN, c.objective)).toBeLessThan(1e-6)
      for (const [name, value] of Object.entries(c.params)) {
        expect(Math.abs(fit.params[name] - value)).toBeLessThan(1e-3 * Math.max(Math.abs(value), 1))
      }
      const d = family(c.family)
      expect(relative(fit.logLikelihood, sumLogPdf(d, c.data, fit.params))).toBeLessThan(1e-12)
      expect(relative(fit.logLikelihood, c.logLikelihood)).toBeLessThan(1e-3)
      expect(fit.health.codes).toContain('mps-method')
      expect(fit.health.codes).not.toContain('score-not-zero')
      expect(fit.estimates.every((e) => e.profile95 === null)).toBe(true)
    })
  }

  it('omits standard errors where the likelihood is not regular (shape <= 1), and says why', async () => {
    const c = fixture.cases.find((k) => k.family === 'weibull3' && k.params.shape < 1)
    if (!c) throw new Error('fixture lacks a weibull3 case with shape < 1')
    const fit = await mpsFit(c)
    expect(fit.estimates.every((e) => e.standardError === null)).toBe(true)
    const i = (fit.health.codes ?? []).indexOf('non-regular')
    expect(fit.health.notes[i]).toMatch(/Standard errors are omitted/)
  })

  it('gives standard errors from the information where the likelihood is regular', async () => {
    const c = fixture.cases.find((k) => k.family === 'lognormal3')
    if (!c) throw new Error('fixture lacks a lognormal3 case')
    const fit = await mpsFit(c)
    expect(fit.estimates.every((e) => e.standardError !== null && e.standardError > 0)).toBe(true)
  })

  it('an ML fit ending at the unbounded boundary suggests mps', async () => {
    const c = fixture.cases.find((k) => k.family === 'gamma3' && k.params.shape < 1)
    if (!c) throw new Error('fixture lacks a gamma3 case with shape < 1')
    const fit = await mpsFit(c, 'auto')
    expect(fit.health.notes.join(' ')).toMatch(/maximum product of spacings \(method mps\)/i)
  })

  it('bootstrap intervals of an MPS fit re-fit every replicate by MPS (a threshold below the minimum)', async () => {
    const c = fixture.cases.find((k) => k.family === 'weibull3' && k.params.shape < 1)
    if (!c) throw new Error('fixture lacks a weibull3 case with shape < 1')
    const { result, run } = await bootstrapCi(
      { dist: family(c.family), column: 'x', sorted: Float64Array.from(c.data), method: 'mps' },
      { replicates: 30, workers: 1, seed: 7 },
    )
    expect(result.converged).toBeGreaterThanOrEqual(25)
    expect(Math.abs(run.estimate.threshold - c.params.threshold)).toBeLessThan(1e-3)
    // ML re-fits would end on the boundary, the replicate's own minimum (a data value); MPS ones away from it.
    const range = c.data[c.data.length - 1] - c.data[0]
    const gap = (t: number) => Math.min(...c.data.map((x) => Math.abs(x - t)))
    expect(run.replicates.length).toBe(result.converged)
    for (const p of run.replicates) expect(gap(p.threshold)).toBeGreaterThan(1e-6 * range)
  })

  it('refuses a discrete family with a clear message', async () => {
    await expect(
      fitDistribution({
        dist: family('poisson'),
        column: 'k',
        sorted: Float64Array.from([0, 1, 1, 2, 3]),
        method: 'mps',
      }),
    ).rejects.toThrow(/continuous family/)
  })
})
