import { describe, expect, it } from 'vitest'
import { familyCases, familyOf } from '../../../test/support/family-cases'
import { seededRandom } from '../random/seeded-random'
import { Sample } from '../stats/sample'
import type { Distribution, FamilyContext, Params } from './types'

const N = 300

function sumLogPdf(d: Distribution, data: Sample, p: Params, ctx?: FamilyContext): number {
  let s = 0
  for (const x of data.values) s += d.logPdf(x, p, ctx)
  return s
}

/** A sorted sample of N draws from the family (the hooks expect sorted data). */
function sortedSample(d: Distribution, p: Params, ctx: FamilyContext | undefined, seed: number): Sample {
  return Sample.sorted(d.sample(N, p, seededRandom(seed), ctx).sort())
}

/** The sampling parameters, with Pareto xm moved below the data (its likelihood stops at min x). */
function inside(d: Distribution, p: Params): Params {
  return d.id === 'pareto' ? { ...p, xm: p.xm * 0.95 } : p
}

/** Parameters moved off the sampling values (so scores are far from 0), keeping the data in the support. */
function perturb(d: Distribution, p: Params): Params {
  if (d.id === 'uniform') return { a: p.a - 0.01 * (p.b - p.a), b: p.b + 0.01 * (p.b - p.a) }
  const out: Params = { ...inside(d, p) }
  d.params.forEach((spec, i) => {
    const v = out[spec.name]
    if (d.id === 'pareto' && spec.name === 'xm') out.xm = v * 0.9
    else if (spec.domain === 'unit-interval') out[spec.name] = v * 0.9 + 0.05
    else if (spec.domain === 'positive') out[spec.name] = v * (i % 2 === 0 ? 1.15 : 0.9)
  })
  // Locations move by a tenth of the family's own scale (its second parameter).
  d.params.forEach((spec) => {
    if (spec.domain === 'real') out[spec.name] += 0.1 * out[d.params[1].name]
  })
  return out
}

/**
 * Fourth-order central difference of f along `name`. The step is 1e-3 of the parameter's natural scale
 * sqrt(n / |H_ii|) (one observation's worth of information), so locations near 1e6 with a scale of 1e-3
 * get steps of ~1e-6, not 1e-6 of their magnitude.
 */
function diff(f: (p: Params) => number, p: Params, name: string, nominal: number): number {
  // The step actually taken: near 1e6 a step of 1e-6 is only representable to ~1e-4 of itself.
  const step = p[name] + nominal - p[name]
  const at = (k: number) => f({ ...p, [name]: p[name] + k * step })
  return (-at(2) + 8 * at(1) - 8 * at(-1) + at(-2)) / (12 * step)
}

function naturalStep(d: Distribution, data: Sample, p: Params, i: number, ctx?: FamilyContext): number {
  const h = d.derivatives?.(data, p, ctx).hessian[i][i]
  const v = p[d.params[i].name]
  const relative = d.params[i].domain === 'real' ? 1e-5 * Math.max(Math.abs(v), 1e-3) : 1e-5 * Math.abs(v)
  if (h === undefined || !(Math.abs(h) > 0) || !Number.isFinite(h)) return relative
  const natural = 1e-3 * Math.sqrt(N / Math.abs(h))
  if (d.params[i].domain === 'real') return natural
  if (d.params[i].domain === 'unit-interval') return Math.min(natural, 1e-2 * Math.min(v, 1 - v))
  return Math.min(natural, 1e-2 * Math.abs(v))
}

function close(actual: number, expected: number, rel: number): boolean {
  if (expected === -Infinity) return actual === -Infinity
  return Math.abs(actual - expected) <= rel * Math.abs(expected) + 1e-9
}

/**
 * Parameters in which the log-likelihood has a kink at every value (laplace mu): differences across the
 * kinks average the slopes, and the Hessian entry is the expected information by design. laplace.test.ts
 * checks the subgradient and that entry against their definitions.
 */
const KINKED: Record<string, string[]> = { laplace: ['mu'] }

const withHooks = familyCases.flatMap((c) => {
  const d = familyOf(c)
  return d.derivatives ? c.valid.map((p, k) => ({ name: `${c.id} ${JSON.stringify(p)}`, c, d, p, k })) : []
})

describe('analytic derivatives match finite differences of the log-likelihood', () => {
  it.each(withHooks)('$name', ({ c, d, p, k }) => {
    const data = sortedSample(d, p, c.ctx, 100 + k)
    for (const at of [inside(d, p), perturb(d, p)]) {
      const res = d.derivatives!(data, at, c.ctx)
      const plain = sumLogPdf(d, data, at, c.ctx)
      const rel = c.llRelTol ?? 1e-12
      // The O(1) hooks equal the plain sum of log densities.
      expect(close(res.logLikelihood, plain, rel), `${res.logLikelihood} vs ${plain}`).toBe(true)
      expect(close(d.logLikelihood!(data, at, c.ctx), plain, rel)).toBe(true)
      const ll = (q: Params) => sumLogPdf(d, data, q, c.ctx)
      const smooth = (name: string) => !KINKED[d.id]?.includes(name)
      d.params.forEach((spec, i) => {
        if (!smooth(spec.name)) return
        const step = naturalStep(d, data, at, i, c.ctx)
        const fd = diff(ll, at, spec.name, step)
        // Relative 1e-5 of the score, or of a typical score sqrt(|H_ii|) when this one is near 0.
        const scale = Math.max(Math.abs(res.score[i]), Math.sqrt(Math.abs(res.hessian[i][i])))
        expect(Math.abs(fd - res.score[i]), `score ${spec.name}`).toBeLessThanOrEqual(1e-5 * scale)
        d.params.forEach((spec2, j) => {
          if (!smooth(spec2.name)) return
          const g = (q: Params) => d.derivatives!(data, q, c.ctx).score[i]
          const fdh = diff(g, at, spec2.name, naturalStep(d, data, at, j, c.ctx))
          const hs = Math.max(
            Math.abs(res.hessian[i][j]),
            Math.sqrt(Math.abs(res.hessian[i][i] * res.hessian[j][j])),
          )
          expect(Math.abs(fdh - res.hessian[i][j]), `hessian ${spec.name},${spec2.name}`).toBeLessThanOrEqual(
            1e-5 * hs,
          )
          expect(res.hessian[i][j]).toBe(res.hessian[j][i])
        })
      })
    }
  })
})

const withLogLik = familyCases.flatMap((c) => {
  const d = familyOf(c)
  return d.logLikelihood && !d.derivatives
    ? c.valid.map((p, k) => ({ name: `${c.id} ${JSON.stringify(p)}`, c, d, p, k }))
    : []
})

describe('fast logLikelihood equals the plain sum of log densities', () => {
  it.each(withLogLik)('$name', ({ c, d, p, k }) => {
    const data = sortedSample(d, p, c.ctx, 200 + k)
    const first = d.params[0]
    const wide = { ...p, [first.name]: first.domain === 'real' ? p[first.name] - 1e3 : p[first.name] * 0.5 }
    for (const at of [p, perturb(d, p), wide]) {
      const plain = sumLogPdf(d, data, at, c.ctx)
      expect(close(d.logLikelihood!(data, at, c.ctx), plain, c.llRelTol ?? 1e-12)).toBe(true)
    }
  })
})

const withClosedForm = familyCases.flatMap((c) => {
  const d = familyOf(c)
  return d.closedFormMle ? c.valid.map((p, k) => ({ name: `${c.id} ${JSON.stringify(p)}`, c, d, p, k })) : []
})

/** Parameters whose MLE sits on a bound of what the data allow: not stationary, only maximal. */
const AT_BOUND: Record<string, string[]> = { pareto: ['xm'], uniform: ['a', 'b'], laplace: ['mu'] }

describe('closed-form MLE is a stationary point and beats nearby parameters', () => {
  it.each(withClosedForm)('$name', ({ c, d, p, k }) => {
    const data = sortedSample(d, p, c.ctx, 300 + k)
    const mle = d.closedFormMle!(data, c.ctx)
    const ll = (q: Params) => sumLogPdf(d, data, q, c.ctx)
    const best = ll(mle)
    expect(Number.isFinite(best)).toBe(true)
    d.params.forEach((spec, i) => {
      const v = mle[spec.name]
      // A probability of exactly 0 or 1 (e.g. all ones from p = 0.999) is a boundary maximum.
      // So is a rate of 0 (Poisson lambda = 0 for an all-zero sample).
      const onEdge =
        (spec.domain === 'unit-interval' && (v === 0 || v === 1)) || (spec.domain === 'positive' && v === 0)
      if (!AT_BOUND[d.id]?.includes(spec.name) && !onEdge) {
        const step = naturalStep(d, data, mle, i, c.ctx)
        const g = diff(ll, mle, spec.name, step)
        const h = d.derivatives?.(data, mle, c.ctx).hessian[i][i]
        // Against a typical score sqrt(|H_ii|), or n / |theta| without an analytic Hessian; plus the score
        // change from rounding the estimate to a double (|H_ii| * 2 ulp), which dominates for mu = 1e6, sigma = 1e-3.
        const scale = h !== undefined ? Math.sqrt(Math.abs(h)) : N / Math.max(Math.abs(v), 1e-3)
        const ulp = 2 * Number.EPSILON * Math.abs(v)
        expect(Math.abs(g), `score ${spec.name}`).toBeLessThanOrEqual(1e-6 * scale + Math.abs(h ?? 0) * ulp)
      }
      for (const f of [1 - 1e-3, 1 + 1e-3]) {
        const moved = { ...mle, [spec.name]: v === 0 ? f - 1 : v * f }
        const other = ll(moved)
        // Only rounding-level gains are tolerated.
        if (other > best)
          expect(other - best, `${spec.name} x ${f}`).toBeLessThanOrEqual(1e-12 * Math.abs(best))
      }
    })
  })
})
