import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fitDistribution } from '../fit/fit-distribution'
import { seededRandom } from '../random/seeded-random'
import { normalMixture } from './normal-mixture'
import { normal } from './normal'

// References: R mixtools::normalmixEM from 50 starts + optim polish, SEs from optimHess
// (fixtures/make-normal-mixture.R).
interface Case {
  name: string
  data: number[]
  fit: {
    components: number
    logLikelihood: number
    params: Record<string, number>
    standardErrors: Record<string, number>
  }
}
const fixture = JSON.parse(readFileSync(join(__dirname, 'fixtures/normal-mixture.json'), 'utf8')) as {
  cases: Case[]
}

const fit = (data: ArrayLike<number>, components: number | 'auto', extra = {}) =>
  fitDistribution({
    column: 'x',
    dist: normalMixture,
    sorted: Float64Array.from(data).sort(),
    components,
    ...extra,
  })

describe('normal_mixture against R mixtools', () => {
  it.each(fixture.cases)('$name with $fit.components components', async ({ data, fit: ref }) => {
    const r = await fit(data, ref.components)
    expect(r.converged, r.message).toBe(true)
    expect(r.components).toBe(ref.components)
    expect(Math.abs(r.logLikelihood - ref.logLikelihood)).toBeLessThanOrEqual(
      1e-9 * Math.abs(ref.logLikelihood),
    )
    for (const e of r.estimates) {
      expect(e.estimate, e.name).toBeCloseTo(ref.params[e.name], 6)
      // Observed information by differences on both sides: agreement to about 1e-4 relative.
      expect(Math.abs(e.standardError! / ref.standardErrors[e.name] - 1), e.name).toBeLessThan(1e-3)
      expect(e.fixed).toBe(false)
    }
    // Components are ordered by mean; the weights add up to 1.
    const mu = r.estimates.filter((e) => e.name.startsWith('mu')).map((e) => e.estimate)
    expect([...mu].sort((a, b) => a - b)).toEqual(mu)
    const w = r.estimates.filter((e) => e.name.startsWith('w')).map((e) => e.estimate)
    expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14)
    // The density's parts add up to the density.
    expect(r.densityParts).toHaveLength(ref.components)
    r.density.x.forEach((_, i) => {
      const sum = r.densityParts!.reduce((s, p) => s + p.y[i], 0)
      expect(Math.abs(sum - r.density.y[i])).toBeLessThanOrEqual(1e-12 * Math.max(r.density.y[i], 1e-300))
    })
    // The trace is EM's log-likelihood per iteration (never falling), then Newton's polish.
    expect(r.trace.length).toBeGreaterThan(10)
    expect(r.health.notes.join(' ')).toMatch(/no global maximum/)
  })

  it('auto chooses K by BIC among 1..5 and reports each', async () => {
    const faithful = fixture.cases[0].data
    const r = await fit(faithful, 'auto')
    const choice = r.componentChoice!
    expect(choice.map((c) => c.components)).toEqual([1, 2, 3, 4, 5])
    const best = choice.filter((c) => c.converged).sort((a, b) => a.bic - b.bic)[0]
    expect(r.components).toBe(best.components)
    expect(r.bic).toBeCloseTo(best.bic, 8)
    // K = 2 and 3 reach R's optima inside auto too.
    expect(choice[1].logLikelihood).toBeCloseTo(fixture.cases[0].fit.logLikelihood, 8)
    expect(choice[2].logLikelihood).toBeCloseTo(fixture.cases[1].fit.logLikelihood, 8)
  })

  it('one component is the normal fit', async () => {
    const data = fixture.cases[0].data
    const r = await fit(data, 1)
    const n = await fitDistribution({ column: 'x', dist: normal, sorted: Float64Array.from(data).sort() })
    expect(r.logLikelihood).toBeCloseTo(n.logLikelihood, 9)
    expect(r.params.w1).toBe(1)
    expect(r.health.notes.join(' ')).not.toMatch(/no global maximum/)
  })

  it('recovers a seeded sample of 4,000 draws (within 5 standard errors)', async () => {
    const truth = { w1: 0.3, w2: 0.7, mu1: -1, mu2: 2.5, sigma1: 0.6, sigma2: 1.2 }
    for (const seed of [1, 2, 3]) {
      const r = await fit(normalMixture.sample(4000, truth, seededRandom(seed)), 2)
      expect(r.converged).toBe(true)
      for (const e of r.estimates) {
        expect(Math.abs(e.estimate - truth[e.name as keyof typeof truth]), e.name).toBeLessThan(
          5 * e.standardError!,
        )
      }
    }
  })

  it('a component that can only collapse onto single values is refused with the reason', async () => {
    await expect(fit([1, 1, 1, 2, 2, 2, 3, 3, 3], 4)).rejects.toThrow(/collapse onto a single value/)
  })

  it('the last weight is derived: it cannot be fixed or started', async () => {
    await expect(fit([1, 2, 3, 4, 5, 6], 2, { fixed: { w2: 0.5 } })).rejects.toThrow(/determine it/)
    await expect(fit([1, 2, 3], 11)).rejects.toThrow(/1 to 10 components/)
  })
})

describe('normal_mixture EM on values near the ends of the double range', () => {
  // The EM fit runs on a copy rescaled by a power of two, as the other fits do: on the data as they are
  // every start's variances overflowed ("every EM start collapsed").
  it.each([1e301, 1e-300])('the fit of x times %s is the fit of x, in its units', async (c) => {
    const { data, fit: ref } = fixture.cases[0]
    const plain = await fit(data, ref.components)
    const scaled = await fit(
      data.map((x) => x * c),
      ref.components,
    )
    expect(scaled.converged, scaled.message).toBe(true)
    expect(scaled.methodDetail).toBe(plain.methodDetail)
    const n = data.length
    expect(Math.abs(scaled.logLikelihood - (plain.logLikelihood - n * Math.log(c)))).toBeLessThan(
      1e-8 * Math.abs(plain.logLikelihood - n * Math.log(c)),
    )
    for (const [name, v] of Object.entries(plain.params)) {
      const power = name.startsWith('w') ? 0 : 1
      expect(Math.abs(scaled.params[name] - v * c ** power)).toBeLessThan(1e-6 * Math.abs(v * c ** power))
    }
  })
})

describe('normal_mixture standard errors on values near 1e300', () => {
  /** The mixture's log-likelihood summed in the data's units, by log-sum-exp over the components. */
  const exactLogLikelihood = (x: number[], p: Record<string, number>, k: number) =>
    x.reduce((sum, v) => {
      const terms = Array.from({ length: k }, (_, c) => {
        const z = (v - p[`mu${c + 1}`]) / p[`sigma${c + 1}`]
        return (
          Math.log(p[`w${c + 1}`]) - Math.log(p[`sigma${c + 1}`]) - 0.5 * z * z - 0.5 * Math.log(2 * Math.PI)
        )
      })
      const top = Math.max(...terms)
      return sum + top + Math.log(terms.reduce((s, t) => s + Math.exp(t - top), 0))
    }, 0)

  it('every SE is shown, the derived last weight too; the covariance, out of range, is not, and says why', async () => {
    const { data, fit: ref } = fixture.cases[0]
    const c = 1e300
    const plain = await fit(data, ref.components)
    const scaled = await fit(
      data.map((x) => x * c),
      ref.components,
    )
    const n = data.length
    const expected = plain.logLikelihood - n * Math.log(c)
    expect(Math.abs(scaled.logLikelihood - expected)).toBeLessThan(1e-8 * Math.abs(expected))
    // The log-likelihood shown is the true one at the estimates shown.
    const truth = exactLogLikelihood(
      data.map((x) => x * c),
      scaled.params,
      ref.components,
    )
    expect(Math.abs(scaled.logLikelihood - truth)).toBeLessThan(1e-9 * Math.abs(truth))
    for (const e of plain.estimates) {
      const power = e.name.startsWith('w') ? 0 : 1
      const se = scaled.estimates.find((s) => s.name === e.name)?.standardError
      expect(se, e.name).not.toBeNull()
      expect(Math.abs(se! - e.standardError! * c ** power)).toBeLessThan(1e-5 * e.standardError! * c ** power)
    }
    // The last weight's SE, derived from the weights' covariance (unit-free entries), equals the first's.
    const last = scaled.estimates.find((e) => e.name === `w${ref.components}`)
    expect(last?.standardError).not.toBeNull()
    expect(last?.wald95).not.toBeNull()
    expect(scaled.covariance).toBeNull()
    const at = scaled.health.codes?.indexOf('covariance-out-of-range') ?? -1
    expect(scaled.health.notes[at]).toMatch(
      /^The covariance matrix of the estimates is not shown: .* entries for mu1, mu2, sigma1, sigma2 .* The standard errors are shown/,
    )
    expect(plain.health.codes).not.toContain('covariance-out-of-range')
  })
})
