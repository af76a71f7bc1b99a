import { describe, expect, it } from 'vitest'
import { familyCases } from '../../../test/support/family-cases'
import { fitDistribution } from '../fit/fit-distribution'
import { seededRandom } from '../random/seeded-random'
import { distributions, findDistribution } from './registry'
import type { Distribution, Params } from './types'

// `unitPowers` says how each parameter changes when the data are multiplied by c: times c^power. The fit
// on values near the ends of the double range runs on a copy divided by a power of two and maps back by
// these powers (fit/rescaled-estimate.ts), so a wrong or missing entry gives wrong estimates there.

const relative = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300)

/** The parameters of the family of c x: each times c^power (plus log c for a `log` one). */
function scaled(d: Distribution, p: Params, c: number): Params {
  const one = (k: string, v: number) => {
    const power = d.unitPowers![k] ?? NaN
    return power === 'log' ? v + Math.log(c) : v * c ** power
  }
  return Object.fromEntries(Object.entries(p).map(([k, v]) => [k, one(k, v)]))
}

const declared = distributions.filter((d) => !d.discrete && d.unitPowers)

describe.each(declared.map((d) => ({ id: d.id, d })))('$id unit powers', ({ d }) => {
  it('name every parameter, and the density of c x is the density of x over c', () => {
    expect(Object.keys(d.unitPowers!).sort()).toEqual(d.params.map((s) => s.name).sort())
    const c = familyCases.find((k) => k.id === d.id)!
    const p = c.valid[0]
    const xs = d.sample(20, p, seededRandom(3), c.ctx)
    for (const factor of [1000, 1 / 64]) {
      const q = scaled(d, p, factor)
      for (const x of xs) {
        const expected = d.logPdf(x, p, c.ctx) - Math.log(factor)
        expect(Math.abs(d.logPdf(x * factor, q, c.ctx) - expected)).toBeLessThan(
          1e-9 * (1 + Math.abs(expected)),
        )
      }
    }
  })
})

describe('the three-parameter forms and the normal mixture declare their powers', () => {
  it('gamma3, weibull3: the powers of the base family and the threshold a location; the mixture: weights 0', () => {
    expect(findDistribution('gamma3')!.unitPowers).toEqual({ shape: 0, rate: -1, threshold: 1 })
    expect(findDistribution('weibull3')!.unitPowers).toEqual({ shape: 0, scale: 1, threshold: 1 })
    const mixture = findDistribution('normal_mixture')!
    for (const k of [2, 3]) {
      const m = mixture.components!.of(k)
      for (const s of m.params) expect(m.unitPowers![s.name]).toBe(s.domain === 'unit-interval' ? 0 : 1)
    }
  })

  it('lognormal3: mu, the mean of log(x - threshold), moves by log c; lognormal needs none', () => {
    expect(findDistribution('lognormal3')!.unitPowers).toEqual({ mu: 'log', sigma: 0, threshold: 1 })
    // The two-parameter lognormal's closed form works on log x, whatever the scale.
    expect(findDistribution('lognormal')!.unitPowers).toBeUndefined()
  })

  // c = 2^1000 puts the values near 1e301: the fit runs on a copy divided by a power of two and comes back
  // by the powers. The mixture's EM search does not rescale (it fails there: see the report), so its
  // rescaled fit is Newton from the scaled start.
  const fitted = ['lognormal3', 'gamma3', 'weibull3', 'normal_mixture']
  it.each(fitted)('%s: the fits of x and c x are related by the powers (c = 1000 and 2^1000)', async (id) => {
    const d = findDistribution(id)!
    const p = familyCases.find((k) => k.id === id)!.valid[0]
    const values = d.sample(400, p, seededRandom(11)).sort()
    const fitOf = (c: number, start?: Params) =>
      fitDistribution({
        dist: d,
        column: 'x',
        sorted: values.map((x) => x * c),
        lean: true,
        ...(start ? { method: 'newton' as const, options: { start } } : {}),
      })
    const base = await fitOf(1)
    expect(base.converged).toBe(true)
    for (const c of [1000, 2 ** 1000]) {
      const expected = scaled(d, base.params, c)
      const searched = d.searchStart !== undefined && c > 2 ** 256
      const start = Object.fromEntries(
        d.params.filter((s) => !s.derived).map((s) => [s.name, scaled(d, p, c)[s.name]]),
      )
      const f = await fitOf(c, searched ? start : undefined)
      expect(f.converged, `${id} x ${c}`).toBe(true)
      for (const s of d.params) {
        expect(relative(f.params[s.name], expected[s.name]), `${s.name} at c = ${c}`).toBeLessThan(1e-5)
      }
      expect(f.logLikelihood - (base.logLikelihood - 400 * Math.log(c))).toBeCloseTo(0, 5)
    }
  })
})
