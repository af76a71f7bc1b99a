import { describe, expect, it } from 'vitest'
import { distributions } from './registry'
import { Sample } from '../stats/sample'
import { inSupport } from './support'
import type { Distribution, FamilyContext, Params } from './types'

const REAL = [
  [5],
  [-3, -3, -3],
  [1e300, 1.5e300, 1.7e308],
  [-1e300, 1e300],
  [1e-300, 2e-300, 5e-300],
  [-2, 0, 7],
]
const POSITIVE = [
  [5],
  [2, 2, 2],
  [1e300, 2e300, 1e308],
  [1e-300, 3e-300, 1e-299],
  [1e-300, 1e300],
  [0.5, 1, 30],
]
const UNIT = [[0.5], [0.3, 0.3], [1e-300, 0.5, 1 - 1e-16], [0.1, 0.9]]
const COUNTS = [[0], [0, 0, 0], [3, 3], [0, 1e6], [1e9, 1e9 + 5], [0, 1, 1, 4]]
const BINARY = [[0], [1, 1], [0, 1]]
const TRIALS = [[0], [10, 10], [0, 10], [2, 3]]

/** Data sets in each family's support: n = 1, ties, values near 1e300 and 1e-300, wide ranges. */
function datasets(d: Distribution): number[][] {
  if (d.id === 'bernoulli') return BINARY
  if (d.id === 'binomial') return TRIALS
  if (d.discrete) return COUNTS
  if (d.id === 'beta') return UNIT
  if (inSupport(d, -1)) return REAL
  return POSITIVE
}

/** Binomial trials; for a threshold family one below the smallest value (a fit sees only exceedances). */
function ctxFor(d: Distribution, values: number[]): FamilyContext | undefined {
  if (d.needsTrials) return { trials: 10 }
  if (!d.needsThreshold) return undefined
  const min = Math.min(...values)
  return { threshold: min - Math.max(1, Math.abs(min) * 1e-3) }
}

function sumLogPdf(d: Distribution, data: Sample, p: Params, ctx?: FamilyContext): number {
  let s = 0
  for (const x of data.values) s += d.logPdf(x, p, ctx)
  return s
}

const cases = distributions.flatMap((d) =>
  datasets(d).map((values) => ({ name: `${d.id} [${values.join(', ')}]`, d, values })),
)

describe('degenerate and extreme data never give NaN or an exception', () => {
  it.each(cases)('$name', ({ d, values }) => {
    const sorted = Float64Array.from(values).sort()
    const data = Sample.sorted(sorted)
    const ctx = ctxFor(d, values)
    for (const x of sorted) expect(inSupport(d, x, ctx)).toBe(true)
    // Start values: always finite, valid parameters with a finite log-likelihood.
    const start = d.startValues(data, ctx)
    for (const spec of d.params)
      expect(Number.isFinite(start[spec.name]), `${spec.name}=${start[spec.name]}`).toBe(true)
    expect(Number.isFinite(sumLogPdf(d, data, start, ctx)), JSON.stringify(start)).toBe(true)
    // The hooks accept the data without throwing; NaN only when a parameter is invalid.
    expect(() => d.closedFormMle?.(data, ctx)).not.toThrow()
    const ll = d.logLikelihood?.(data, start, ctx)
    if (ll !== undefined) {
      const plain = sumLogPdf(d, data, start, ctx)
      // Loose: start shapes near 1e8 and values near 1e9 or 1e308 sum terms that cancel by 8+ digits
      // (the tight 1e-12 comparison runs on ordinary data in derivatives.test.ts).
      expect(Math.abs(ll - plain)).toBeLessThanOrEqual(1e-7 * Math.abs(plain) + 1e-6)
    }
    const res = d.derivatives?.(data, start, ctx)
    if (res) expect(Number.isNaN(res.logLikelihood)).toBe(false)
    // A closed form on data with at least two distinct values is a finite, valid optimum.
    const distinct = new Set(values).size
    if (d.closedFormMle && distinct >= 2) {
      const mle = d.closedFormMle(data, ctx)
      for (const spec of d.params)
        expect(Number.isFinite(mle[spec.name]), `${spec.name}=${mle[spec.name]}`).toBe(true)
      expect(sumLogPdf(d, data, mle, ctx)).toBeGreaterThanOrEqual(sumLogPdf(d, data, start, ctx) - 1e-9)
    }
  })
})

describe('the exact degenerate answers the kernels keep', () => {
  it('Poisson with an all-zero column: lambda = 0 with log-likelihood 0', () => {
    const poisson = distributions.find((d) => d.id === 'poisson')!
    const zeros = Sample.sorted(new Float64Array(5))
    const mle = poisson.closedFormMle!(zeros)
    expect(mle.lambda).toBe(0)
    expect(poisson.logLikelihood!(zeros, mle)).toBe(0)
    expect(sumLogPdf(poisson, zeros, mle)).toBe(0)
  })
  it('Bernoulli with all ones: p = 1 with log-likelihood 0', () => {
    const bernoulli = distributions.find((d) => d.id === 'bernoulli')!
    const ones = Sample.sorted(new Float64Array([1, 1, 1]))
    expect(bernoulli.closedFormMle!(ones).p).toBe(1)
    expect(bernoulli.logLikelihood!(ones, { p: 1 })).toBe(0)
  })
})
