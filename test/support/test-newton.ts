// Test-only: a small damped Newton ascent that checks the families' derivatives reach known optima.
import type { Distribution, FamilyContext, Params } from '../../src-main/engine/distributions/types'
import type { Sample } from '../../src-main/engine/stats/sample'
import { LikelihoodModel } from '../../src-main/engine/likelihood/likelihood-model'

/**
 * The family's analytic derivatives, or the fitting layer's finite differences (all parameters free) for
 * families that have none.
 */
export function familyDerivatives(
  d: Distribution,
  data: Sample,
  ctx?: FamilyContext,
): (p: Params) => { logLikelihood: number; score: number[]; hessian: number[][] } {
  if (d.derivatives) return (p) => d.derivatives!(data, p, ctx)
  const model = new LikelihoodModel(d, data, ctx ?? {}, {})
  return (p) => model.derivatives(p)
}

/** Solves A x = b for a small dense system (Gaussian elimination with partial pivoting). */
export function solve(a: number[][], b: number[]): number[] {
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

/** Levenberg-damped Newton ascent with the family's derivatives (test-local, from the start values). */
export function newtonMle(d: Distribution, data: Sample, start: Params, ctx?: FamilyContext): Params {
  const names = d.params.map((p) => p.name)
  const derivatives = familyDerivatives(d, data, ctx)
  let p = { ...start }
  let cur = derivatives(p)
  let damping = 1e-6
  for (let it = 0; it < 200; it++) {
    const k = names.length
    const a = cur.hessian.map((row, i) =>
      row.map((v, j) => -v + (i === j ? damping * Math.max(Math.abs(cur.hessian[i][i]), 1e-12) : 0)),
    )
    const step = solve(a, cur.score)
    const next: Params = { ...p }
    for (let i = 0; i < k; i++) next[names[i]] = p[names[i]] + step[i]
    const res = derivatives(next)
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
