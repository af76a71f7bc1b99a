import { describe, expect, it } from 'vitest'
import { familyCases, familyOf, seededUniform } from './family-cases'
import type { Distribution, FamilyContext, Params } from './types'

const N = 20_000

/** Solves A x = b for a small dense system (Gaussian elimination with partial pivoting). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length
  const m = a.map((row, i) => [...row, b[i]])
  for (let c = 0; c < n; c++) {
    let piv = c
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[piv][c])) piv = r
    ;[m[c], m[piv]] = [m[piv], m[c]]
    for (let r = c + 1; r < n; r++) {
      const f = m[r][c] / m[c][c]
      for (let k = c; k <= n; k++) m[r][k] -= f * m[c][k]
    }
  }
  const x = new Array<number>(n).fill(0)
  for (let r = n - 1; r >= 0; r--) {
    let s = m[r][n]
    for (let k = r + 1; k < n; k++) s -= m[r][k] * x[k]
    x[r] = s / m[r][r]
  }
  return x
}

/** Levenberg-damped Newton ascent with the family's analytic derivatives (test-local, from the start values). */
function newtonMle(d: Distribution, data: Float64Array, start: Params, ctx?: FamilyContext): Params {
  const names = d.params.map((p) => p.name)
  let p = { ...start }
  let cur = d.derivatives!(data, p, ctx)
  let damping = 1e-6
  for (let it = 0; it < 200; it++) {
    const k = names.length
    const a = cur.hessian.map((row, i) =>
      row.map((v, j) => -v + (i === j ? damping * Math.max(Math.abs(cur.hessian[i][i]), 1e-12) : 0)),
    )
    const step = solve(a, cur.score)
    const next: Params = { ...p }
    for (let i = 0; i < k; i++) next[names[i]] = p[names[i]] + step[i]
    const res = d.derivatives!(data, next, ctx)
    if (res.logLikelihood >= cur.logLikelihood) {
      const gain = res.logLikelihood - cur.logLikelihood
      p = next
      cur = res
      damping = Math.max(damping / 10, 1e-12)
      if (gain < 1e-10 * Math.abs(cur.logLikelihood)) break
    } else {
      damping *= 10
      if (damping > 1e12) break
    }
  }
  return p
}

/** Standard errors from the observed information at the true parameters: sqrt(diag(-H^-1)). */
function standardErrors(d: Distribution, data: Float64Array, p: Params, ctx?: FamilyContext): number[] {
  const h = d.derivatives!(data, p, ctx).hessian
  return h.map((_, i) => {
    const e = h.map((_, j) => (i === j ? 1 : 0))
    return Math.sqrt(
      solve(
        h.map((row) => row.map((v) => -v)),
        e,
      )[i],
    )
  })
}

/** Approximate standard errors where there is no analytic Hessian or the parameter sits on a bound. */
function roughSe(d: Distribution, p: Params, name: string): number {
  if (d.id === 'laplace') return p.b / Math.sqrt(N)
  if (d.id === 'uniform') return (p.b - p.a) / N
  if (d.id === 'pareto') return name === 'xm' ? p.xm / (N * p.alpha) : p.alpha / Math.sqrt(N)
  return NaN
}

const cases = familyCases.flatMap((c) =>
  c.valid.slice(0, 2).map((p, k) => ({ name: `${c.id} ${JSON.stringify(p)}`, c, p, k })),
)

describe('a seeded sample of 20,000 draws is recovered', () => {
  it.each(cases)('$name', ({ c, p, k }) => {
    const d = familyOf(c)
    const data = d.sample(N, p, seededUniform(1000 + k), c.ctx).sort()
    let outside = 0
    for (let i = 0; i < N; i++) if (!d.inSupport(data[i], c.ctx)) outside++
    expect(outside).toBe(0)
    const start = d.startValues(data, c.ctx)
    // The start must be usable: finite, valid parameters with a finite log-likelihood.
    let startLl = 0
    for (let i = 0; i < N; i++) startLl += d.logPdf(data[i], start, c.ctx)
    expect(Number.isFinite(startLl), JSON.stringify(start)).toBe(true)
    const est = d.closedFormMle ? d.closedFormMle(data, c.ctx) : newtonMle(d, data, start, c.ctx)
    const se = d.derivatives ? standardErrors(d, data, p, c.ctx) : []
    d.params.forEach((spec, i) => {
      const bound = d.id === 'uniform' || (d.id === 'pareto' && spec.name === 'xm')
      // Pareto's information matrix is singular (xm is non-regular): alpha's error is as if xm were known.
      const s = bound || !d.derivatives || d.id === 'pareto' ? roughSe(d, p, spec.name) : se[i]
      // Within 5 standard errors (10 for estimates on a bound, whose error is one-sided and exponential).
      const kSe = bound ? 10 : 5
      expect(
        Math.abs(est[spec.name] - p[spec.name]),
        `${spec.name}: ${est[spec.name]} (se ${s})`,
      ).toBeLessThanOrEqual(kSe * s)
    })
  })
})
