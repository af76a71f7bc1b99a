import { describe, expect, it } from 'vitest'
import { familyCases, familyOf, invalidParams } from '../../../test/support/family-cases'
import { inSupport } from './support'
import type { Distribution, FamilyContext, Params } from './types'

const EPS = Number.EPSILON
const QS = [1e-9, 1e-4, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 0.9999, 1 - 1e-9]

/** Adaptive Simpson on [a, b] to absolute tolerance tol. */
function simpson(f: (x: number) => number, a: number, b: number, tol: number): number {
  const m = 0.5 * (a + b)
  const fa = f(a)
  const fb = f(b)
  const fm = f(m)
  const whole = ((b - a) / 6) * (fa + 4 * fm + fb)
  const rec = (
    a: number,
    b: number,
    fa: number,
    fm: number,
    fb: number,
    whole: number,
    tol: number,
    depth: number,
  ): number => {
    const m = 0.5 * (a + b)
    const lm = 0.5 * (a + m)
    const rm = 0.5 * (m + b)
    const flm = f(lm)
    const frm = f(rm)
    const left = ((m - a) / 6) * (fa + 4 * flm + fm)
    const right = ((b - m) / 6) * (fm + 4 * frm + fb)
    if (depth <= 0 || Math.abs(left + right - whole) <= 15 * tol)
      return left + right + (left + right - whole) / 15
    return (
      rec(a, m, fa, flm, fm, left, tol / 2, depth - 1) + rec(m, b, fm, frm, fb, right, tol / 2, depth - 1)
    )
  }
  return rec(a, b, fa, fm, fb, whole, tol, 40)
}

/** Integral of the density between its 1e-9 and 1 - 1e-9 quantiles; in log x when the support is positive. */
function integrateDensity(d: Distribution, p: Params): number {
  const lo = d.quantile(1e-9, p)
  const hi = d.quantile(1 - 1e-9, p)
  if (d.id === 'beta') {
    // Logit scale: the density may be infinite at both ends.
    const logit = (x: number) => Math.log(x) - Math.log1p(-x)
    const g = (t: number) => {
      const x = 1 / (1 + Math.exp(-t))
      return Math.exp(d.logPdf(x, p)) * x * (1 - x)
    }
    return simpson(g, logit(lo), logit(Math.min(hi, 1 - EPS / 2)), 1e-11)
  }
  if (lo > 0) {
    return simpson((t) => Math.exp(d.logPdf(Math.exp(t), p) + t), Math.log(lo), Math.log(hi), 1e-11)
  }
  // Real line: t = asinh((x - median) / iqr) tames heavy tails (t with nu = 0.5 reaches 1e18); split at
  // the median, where peaked densities (Laplace) have their kink.
  const mid = d.quantile(0.5, p)
  const w = d.quantile(0.75, p) - d.quantile(0.25, p)
  const f = (t: number) => {
    const u = Math.sinh(t)
    return Math.exp(d.logPdf(mid + w * u, p)) * w * Math.cosh(t)
  }
  const tLo = Math.asinh((lo - mid) / w)
  const tHi = Math.asinh((hi - mid) / w)
  return simpson(f, tLo, 0, 1e-11) + simpson(f, 0, tHi, 1e-11)
}

const cases = familyCases.flatMap((c) =>
  c.valid.map((p) => ({
    name: `${c.id} ${JSON.stringify(p)}${c.ctx ? ` ${JSON.stringify(c.ctx)}` : ''}`,
    c,
    p,
  })),
)

describe('every family: quantile inverts the CDF', () => {
  it.each(cases)('$name', ({ c, p }) => {
    const d = familyOf(c)
    const ctx: FamilyContext | undefined = c.ctx
    for (const q of QS) {
      const x = d.quantile(q, p, ctx)
      if (d.discrete) {
        expect(Number.isInteger(x)).toBe(true)
        // Smallest x with cdf(x) >= q; 64 ulp slack for the special-function CDFs.
        expect(d.cdf(x, p, ctx)).toBeGreaterThanOrEqual(q * (1 - 64 * EPS))
        expect(d.cdf(x - 1, p, ctx)).toBeLessThan(q)
      } else {
        // Relative to min(q, 1 - q) (the tails are where inversions lose digits), plus what rounding x
        // itself to a double can move the CDF (density * 4 ulp of x) and a few ulp of q.
        const err = Math.abs(d.cdf(x, p, ctx) - q)
        const xRounding = Math.exp(d.logPdf(x, p, ctx)) * 4 * EPS * Math.abs(x)
        expect(err, `q=${q} x=${x}`).toBeLessThanOrEqual(1e-10 * Math.min(q, 1 - q) + 8 * EPS * q + xRounding)
      }
    }
  })
})

describe('every family: the density integrates (sums) to 1', () => {
  it.each(cases)('$name', ({ c, p }) => {
    const d = familyOf(c)
    const ctx = c.ctx
    if (d.discrete) {
      // Heavy tails (geometric p = 1e-6) put the 1 - 1e-12 quantile near 3e7: sum at most 2e5 terms and
      // then compare with the CDF there rather than with 1.
      const top = d.quantile(1 - 1e-12, p, ctx)
      const hi = Math.min(top, 2e5)
      let sum = 0
      for (let x = 0; x <= hi; x++) {
        sum += Math.exp(d.logPdf(x, p, ctx))
        // The CDF agrees with the running sum of the mass function.
        if (x % 7 === 0) {
          const tol = 1e-12 + (1e-10 + 64 * EPS * x * Math.log(x + 1)) * sum
          expect(Math.abs(d.cdf(x, p, ctx) - sum)).toBeLessThanOrEqual(tol)
        }
      }
      // Each log mass carries an absolute error of about EPS * x log x from its lgamma terms (1e-11 at
      // x = 1e4), hence a bound that grows with the largest value summed.
      const target = hi === top ? 1 : d.cdf(hi, p, ctx)
      expect(Math.abs(sum - target)).toBeLessThanOrEqual(
        2e-12 + (1e-10 + 64 * EPS * hi * Math.log(hi + 1)) * target,
      )
    } else {
      // Against cdf(hi) - cdf(lo), about 1 - 2e-9 (hi is clipped below 1 for the beta, where 1 - 1e-9
      // has no double inside (0, 1)).
      const lo = d.quantile(1e-9, p)
      const hi = d.id === 'beta' ? Math.min(d.quantile(1 - 1e-9, p), 1 - EPS / 2) : d.quantile(1 - 1e-9, p)
      const expected = d.cdf(hi, p) - d.cdf(lo, p)
      if (d.id !== 'beta') expect(expected).toBeGreaterThan(1 - 3e-9)
      expect(Math.abs(integrateDensity(d, p) - expected)).toBeLessThanOrEqual(1e-8)
    }
  })
})

describe('every family: support and invalid parameters', () => {
  it.each(familyCases.map((c) => ({ name: c.id, c })))('$name', ({ c }) => {
    const d = familyOf(c)
    const ctx = c.ctx
    for (const p of c.valid) {
      for (const x of c.outside) {
        expect(d.logPdf(x, p, ctx)).toBe(-Infinity)
        expect(inSupport(d, x, ctx)).toBe(false)
      }
      // Just beyond the parameter-dependent ends of the support (Pareto xm, uniform a and b, binomial trials).
      const lower = d.quantile(0, p, ctx)
      const upper = d.quantile(1, p, ctx)
      if (Number.isFinite(lower))
        expect(d.logPdf(lower - Math.abs(lower) * 1e-9 - 1e-300, p, ctx)).toBe(-Infinity)
      if (Number.isFinite(upper))
        expect(d.logPdf(upper + Math.abs(upper) * 1e-9 + 1e-300, p, ctx)).toBe(-Infinity)
    }
    for (const p of invalidParams(c)) {
      for (const x of [0.5, 1, 2]) {
        expect(d.logPdf(x, p, ctx), JSON.stringify(p)).toBeNaN()
        expect(d.cdf(x, p, ctx), JSON.stringify(p)).toBeNaN()
      }
      expect(d.quantile(0.5, p, ctx), JSON.stringify(p)).toBeNaN()
    }
    // Kernels never throw, whatever they are given.
    for (const x of [NaN, -Infinity, Infinity, -1e308, 1e308, 0, -0, 5e-324]) {
      for (const p of [...c.valid, ...invalidParams(c)]) {
        expect(() => [d.logPdf(x, p, ctx), d.cdf(x, p, ctx), d.quantile(x, p, ctx)]).not.toThrow()
      }
    }
    expect(d.quantile(-0.1, c.valid[0], ctx)).toBeNaN()
    expect(d.quantile(1.1, c.valid[0], ctx)).toBeNaN()
  })

  it('binomial needs a positive integer number of trials', async () => {
    const { binomial } = await import('./binomial')
    for (const ctx of [undefined, {}, { trials: 0 }, { trials: 2.5 }, { trials: -3 }]) {
      expect(binomial.logPdf(1, { p: 0.5 }, ctx)).toBeNaN()
      expect(binomial.cdf(1, { p: 0.5 }, ctx)).toBeNaN()
      expect(binomial.quantile(0.5, { p: 0.5 }, ctx)).toBeNaN()
    }
  })
})
