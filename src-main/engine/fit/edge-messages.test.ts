import { describe, expect, it } from 'vitest'
import { findDistribution } from '../distributions/registry'
import { fitDistribution } from './fit-distribution'

/** A fit stopped after one Newton iteration (sorted values). */
const oneNewtonStep = (id: string, sorted: number[]) =>
  fitDistribution({
    column: 'x',
    dist: findDistribution(id)!,
    sorted: Float64Array.from(sorted),
    method: 'newton',
    options: { maxIterations: 1 },
  })

describe('plain words at the edges (issue 11)', () => {
  it('student t on light tails says nu runs off to the normal, at once, not "raise the iteration limit"', async () => {
    // Evenly spread values (kurtosis below the normal's): the likelihood rises for ever as nu grows. It used
    // to run four starts of 500 Newton and ~700 L-BFGS iterations each (22 s on 10,000 values).
    const sorted = Float64Array.from({ length: 2000 }, (_, i) => -1000 + (2000 * (i + 0.5)) / 2000)
    const fit = await fitDistribution({ column: 'x', dist: findDistribution('student_t')!, sorted })
    expect(fit.converged).toBe(false)
    expect(fit.message).toMatch(/No finite maximum: the likelihood keeps rising as nu grows.*fit normal/)
    expect(fit.iterations).toBeLessThan(500)
  })

  it('the Cauchy on [0, 0, 1] says the likelihood has no maximum, not "raise the iteration limit"', async () => {
    const dist = findDistribution('cauchy')!
    for (const method of ['auto', 'newton'] as const) {
      const fit = await fitDistribution({ column: 'x', dist, sorted: Float64Array.from([0, 0, 1]), method })
      expect(fit.converged).toBe(false)
      expect(fit.message).toMatch(/^No maximum: the likelihood keeps rising as gamma shrinks towards 0/)
      expect(fit.message).not.toMatch(/iteration limit/)
    }
  })

  it('an ordinary iteration limit still says to raise it', async () => {
    const fit = await oneNewtonStep('gamma', [0.7, 1.2, 2.2, 2.5, 3.1, 4.8])
    expect(fit.converged).toBe(false)
    expect(fit.message).toMatch(/raise the iteration limit/)
  })

  it.each([
    ['spanning 600 decades', [1e-300, 1e-100, 1, 1e100, 1e300], /span 600 orders of magnitude.*Fit log x/],
  ])(
    'threshold families on values %s say what about the data fails, not the optimizer',
    async (_what, values, words) => {
      for (const id of ['weibull3', 'gamma3', 'lognormal3']) {
        const fit = await fitDistribution({
          column: 'x',
          dist: findDistribution(id)!,
          sorted: Float64Array.from(values),
        })
        expect(fit.converged, id).toBe(false)
        expect(fit.message, id).toMatch(words)
        expect(fit.message, id).not.toMatch(/line search|iteration limit/)
      }
    },
  )

  // With their unit powers declared they fit on a copy rescaled by a power of two: the data's scale is no
  // longer what fails, and the outcome is the one on the same values near 1 (four values: no maximum).
  it.each([2 ** 997, 2 ** -997])(
    'threshold families on 1, 2, 3, 5 times %s: as on the values near 1',
    async (c) => {
      for (const id of ['weibull3', 'gamma3', 'lognormal3']) {
        const fitOf = (f: number) =>
          fitDistribution({
            column: 'x',
            dist: findDistribution(id)!,
            sorted: Float64Array.from([1, 2, 3, 5], (x) => x * f),
          })
        const [near, far] = [await fitOf(1), await fitOf(c)]
        expect(far.converged, id).toBe(near.converged)
        expect(far.message, id).toBe(near.message)
      }
    },
  )
})

describe('values across the double range and on rescaled copies (issue 11)', () => {
  it('the Cauchy on [1e-300, 1e-100, 1, 1e100, 1e300] reaches its finite maximum', async () => {
    const sorted = Float64Array.from([1e-300, 1e-100, 1, 1e100, 1e300])
    const fit = await fitDistribution({ column: 'x', dist: findDistribution('cauchy')!, sorted })
    // SciPy Nelder-Mead from 35 starts on (x0, log gamma) with the log-likelihood in mpmath (50 digits).
    expect(fit.converged, fit.message).toBe(true)
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(-1848.3585352354357 - 1e-6)
    expect(fit.params.x0).toBeCloseTo(0.25, 6)
    expect(fit.params.gamma).toBeCloseTo(0.9682458, 6)
  })

  it('a maximum sharper than doubles resolve is not called converged (gamma on nearly constant data)', async () => {
    // The exact maximum (mpmath) is 140.9278 at shape 6.832e31; at the nearest doubles the true value is
    // 140.8225, and other doubles nearby reach 140.8252 (a multi-start search finds them).
    const sorted = Float64Array.from([1 - 2 ** -53, 1, 1, 1 + 2 ** -52])
    const fit = await fitDistribution({ column: 'x', dist: findDistribution('gamma')!, sorted })
    expect(fit.converged).toBe(false)
    expect(fit.message).toMatch(/too sharp for double precision.*normal for a gamma/)
  })

  it('a message from a fit on a rescaled copy quotes the value in the data units', async () => {
    // More than half the values tied near 1e300: gamma collapses on a copy scaled by 2^-997.
    const sorted = Float64Array.from([1e300, 1e300, 1e300, 1.5e300, 2e300])
    const fit = await fitDistribution({ column: 'x', dist: findDistribution('cauchy')!, sorted })
    expect(fit.converged).toBe(false)
    const quoted = /gamma = ([-+\d.e]+) when/.exec(fit.message)
    expect(quoted, fit.message).not.toBeNull()
    expect(Number(quoted![1])).toBe(Number(fit.params.gamma.toPrecision(3)))
  })

  it('a shape is collapsed only when small in its own (dimensionless) units, not against the spread', async () => {
    // Values 1 .. 1e12: the shape (dimensionless) was compared with 1e-8 x the spread = 1e4, so any shape
    // still falling after one Newton step was called collapsed ("no maximum").
    const fit = await oneNewtonStep('weibull', [1, 10, 1e3, 1e6, 1e9, 1e12])
    expect(fit.converged).toBe(false)
    expect(fit.message).not.toMatch(/shrinks towards 0/)
  })
})
