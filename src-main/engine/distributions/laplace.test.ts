import { describe, expect, it } from 'vitest'
import type { FitMethod } from '../../../src-shared/contract'
import { fitDistribution } from '../fit/fit-distribution'
import { Sample } from '../stats/sample'
import reference from './fixtures/laplace.json'
import { laplace, laplaceMedian } from './laplace'

// The Laplace MLE is closed form (mu the weighted median, b the mean absolute deviation from it); the
// log-likelihood has a kink at every value, so mu's curvature is 0 and its SE comes from the expected
// information. Reference values: fixtures/make-laplace.py (SciPy's laplace.fit, mpmath at 50 digits).

const relative = (a: number, b: number) => Math.abs(a - b) / Math.abs(b)

interface Case {
  name: string
  values: number[]
  weights: number[] | null
  n: number
  mu: number
  b: number
  logLikelihood: number
  se: { mu: number; b: number }
  profile: { mu: [number, number]; b: [number, number] }
  medianInterval?: [number, number]
  /** b's maximizer with mu held at a value off the median: the weighted mean |x - mu| (mpmath, SciPy floc). */
  heldMu: { mu: number; b: number }
}

const cases = reference.cases as Case[]

/** The case as a column: sorted values with their weights in the same order. */
function column(c: Case): { sorted: Float64Array; sortedWeights?: Float64Array } {
  const order = c.values.map((_, i) => i).sort((a, b) => c.values[a] - c.values[b])
  const sorted = Float64Array.from(order, (i) => c.values[i])
  return c.weights ? { sorted, sortedWeights: Float64Array.from(order, (i) => c.weights![i]) } : { sorted }
}

const sampleOfCase = (c: Case) => {
  const { sorted, sortedWeights } = column(c)
  return Sample.sorted(sorted, sortedWeights)
}

const fit = (c: Case, method: FitMethod = 'auto', fixed?: Record<string, number>) =>
  fitDistribution({ dist: laplace, column: 'x', ...column(c), fixed, method })

/** sum w log f(x) term by term, without the family's remembered sums. */
function plainLogLikelihood(s: Sample, mu: number, b: number): number {
  let ll = 0
  s.values.forEach((x, i) => (ll += (s.weights ? s.weights[i] : 1) * laplace.logPdf(x, { mu, b })))
  return ll
}

describe('Laplace against SciPy and mpmath (fixtures/laplace.json)', () => {
  it('covers odd n, even n, ties, a value/count table and fractional weights', () => {
    expect(cases.map((c) => c.name)).toEqual([
      'rivers (odd n)',
      'precip (even n)',
      'faithful waiting (ties)',
      'faithful waiting as a value/count table',
      'fractional weights',
    ])
  })

  it.each(cases)('$name: the closed form is the exact MLE, its log-likelihood the true one', async (c) => {
    const f = await fit(c)
    expect(f.method).toBe('closed-form')
    expect(f.converged).toBe(true)
    expect(f.params.mu).toBe(c.mu)
    // b to the last bits (2 ulps: the engine sums in column order, mpmath exactly).
    expect(relative(f.params.b, c.b)).toBeLessThanOrEqual(4.5e-16)
    expect(relative(f.logLikelihood, c.logLikelihood)).toBeLessThanOrEqual(1e-15)
    const plain = plainLogLikelihood(sampleOfCase(c), f.params.mu, f.params.b)
    expect(relative(f.logLikelihood, plain)).toBeLessThanOrEqual(1e-14)
  })

  it.each(cases)('$name: SEs from the expected information, said in fit health; profile ends', async (c) => {
    const f = await fit(c)
    const [mu, b] = f.estimates
    expect(relative(mu.standardError!, c.se.mu)).toBeLessThan(1e-14)
    expect(relative(b.standardError!, c.se.b)).toBeLessThan(1e-14)
    expect(f.health.codes).toEqual(['non-regular'])
    expect(f.health.notes.join(' ')).toMatch(/expected \(Fisher\) information/)
    // The mu profile is kinked at every value: the bracketing root finder still lands within 1e-7 in ll.
    mu.profile95!.forEach((end, k) => expect(relative(end, c.profile.mu[k])).toBeLessThan(1e-8))
    b.profile95!.forEach((end, k) => expect(relative(end, c.profile.b[k])).toBeLessThan(1e-8))
  })

  it('a value/count table fits exactly as its expansion', async () => {
    const [plain, table] = await Promise.all([cases[2], cases[3]].map((c) => fit(c)))
    expect(table.params).toEqual(plain.params)
    expect(table.logLikelihood).toBeCloseTo(plain.logLikelihood, 9)
  })

  it('even n: every mu between the two middle values has the same log-likelihood; the midpoint is reported', () => {
    const c = cases[1]
    const [lo, hi] = c.medianInterval!
    const s = sampleOfCase(c)
    expect(laplaceMedian(s)).toBe((lo + hi) / 2)
    const at = (mu: number) => plainLogLikelihood(s, mu, c.b)
    for (const mu of [lo, lo + (hi - lo) / 3, hi]) expect(at(mu)).toBeCloseTo(c.logLikelihood, 10)
    expect(at(lo - 0.01)).toBeLessThan(c.logLikelihood - 1e-5)
    expect(at(hi + 0.01)).toBeLessThan(c.logLikelihood - 1e-5)
  })
})

describe('Laplace derivatives: subgradient at the kinks, expected information for mu', () => {
  const s = Sample.sorted(Float64Array.from([1, 2, 2, 2, 3, 3, 7, 10, 11]))
  const mle = laplace.closedFormMle(s)

  it('the score of mu is the subgradient nearest 0: 0 on the median, the slope between values', () => {
    expect(mle.mu).toBe(3)
    expect(laplace.derivatives(s, mle).score).toEqual([0, 0])
    // Between 3 and 7: 3 values above, 6 below; near 2.5: 5 above, 4 below.
    expect(laplace.derivatives(s, { mu: 5, b: 2 }).score[0]).toBe((3 - 6) / 2)
    expect(laplace.derivatives(s, { mu: 2.5, b: 2 }).score[0]).toBe((5 - 4) / 2)
    // At 2 (three tied values): above 5, below 1, at 3: (5 - 1) - 3 = 1 is the nearest to 0.
    expect(laplace.derivatives(s, { mu: 2, b: 2 }).score[0]).toBe(1 / 2)
    // The slope itself, from differences that do not cross a value.
    const ll = (mu: number) => laplace.logLikelihood(s, { mu, b: 2 })
    expect((ll(5 + 1e-3) - ll(5 - 1e-3)) / 2e-3).toBeCloseTo(-1.5, 9)
  })

  it('at the MLE the Hessian is minus the expected information (1 / b² per observation, cross 0)', () => {
    const { hessian } = laplace.derivatives(s, mle)
    const v = -s.n / (mle.b * mle.b)
    expect(hessian[0][0]).toBe(v)
    expect(hessian[0][1]).toBe(0)
    expect(relative(hessian[1][1], v)).toBeLessThan(1e-14)
  })

  it("b's score and curvature are the derivatives of the log-likelihood", () => {
    const p = { mu: 4, b: 2.5 }
    const d = laplace.derivatives(s, p)
    const ll = (b: number) => laplace.logLikelihood(s, { ...p, b })
    const h = 1e-4
    expect(d.logLikelihood).toBe(ll(2.5))
    expect(d.score[1]).toBeCloseTo((ll(2.5 + h) - ll(2.5 - h)) / (2 * h), 7)
    expect(d.hessian[1][1]).toBeCloseTo((ll(2.5 + h) - 2 * ll(2.5) + ll(2.5 - h)) / (h * h), 4)
  })

  it('remembered sums never change an answer: the log-likelihood equals the plain sum at every mu', () => {
    for (let k = 0; k < 40; k++) {
      const mu = -2 + k * 0.37
      expect(laplace.logLikelihood(s, { mu, b: 1.7 })).toBeCloseTo(plainLogLikelihood(s, mu, 1.7), 12)
    }
  })

  it('fractional weights: the median leaves at most half the weight on either side (type 7 would not)', () => {
    const w = Sample.sorted(Float64Array.from([0, 1, 2]), Float64Array.from([0.4, 0.4, 0.4]))
    expect(laplaceMedian(w)).toBe(1)
  })
})

describe('Laplace fits are exact and called converged at their maximum, whatever the method', () => {
  const rivers = cases[0]

  it.each(['auto', 'closed-form', 'newton'] as FitMethod[])(
    '%s: mu exactly the median, converged',
    async (m) => {
      const f = await fit(rivers, m)
      expect(f.converged).toBe(true)
      expect(f.params.mu).toBe(rivers.mu)
      expect(relative(f.params.b, rivers.b)).toBeLessThan(1e-9)
      expect(f.health.codes).not.toContain('not-converged')
    },
  )

  it('L-BFGS reaches the maximum to within its tolerance and is confirmed there', async () => {
    const f = await fit(rivers, 'lbfgs')
    expect(f.converged).toBe(true)
    expect(relative(f.params.mu, rivers.mu)).toBeLessThan(1e-8)
    expect(f.logLikelihood).toBeGreaterThan(rivers.logLikelihood - 1e-7)
  })

  it.each(cases.map((c) => [c.name, c] as const))(
    'mu held: b is the conditional closed form, the weighted mean |x - mu| (%s)',
    async (_, c) => {
      const f = await fit(c, 'auto', { mu: c.heldMu.mu })
      expect(f.params.mu).toBe(c.heldMu.mu)
      // Auto starts at it; Newton's confirming step is rounding (seen: up to 2.6e-15, a few ulps; from the
      // moment start Newton stopped 1e-10 to 2e-8 away).
      expect(relative(f.params.b, c.heldMu.b)).toBeLessThan(1e-14)
      expect(f.converged).toBe(true)
    },
  )

  it('b fixed: mu is the median exactly (Newton lands on the kink); mu fixed: b = mean |x - mu|', async () => {
    const withB = await fit(rivers, 'auto', { b: 300 })
    expect(withB.params.mu).toBe(rivers.mu)
    expect(withB.converged).toBe(true)
    expect(withB.health.codes).toEqual(['non-regular'])
    const withMu = await fit(rivers, 'auto', { mu: 400 })
    // b is smooth: Newton stops where its last step no longer moves the log-likelihood's rounding.
    const meanDeviation = rivers.values.reduce((a, x) => a + Math.abs(x - 400), 0) / rivers.n
    expect(relative(withMu.params.b, meanDeviation)).toBeLessThan(1e-7)
    const best = laplace.logLikelihood(sampleOfCase(rivers), { mu: 400, b: meanDeviation })
    expect(relative(withMu.logLikelihood, best)).toBeLessThan(1e-15)
    expect(withMu.converged).toBe(true)
    expect(withMu.health.codes).toEqual([])
  })

  it("a parameter held and the other's start given: the trace starts there, the maximum is the same", async () => {
    const from = (fixed: Record<string, number>, start: Record<string, number>) =>
      fitDistribution({ dist: laplace, column: 'x', ...column(rivers), fixed, options: { start } })
    const withB = await from({ b: 300 }, { mu: 1000 })
    expect(withB.trace[0].params).toEqual({ mu: 1000 })
    expect(withB.params.mu).toBe(rivers.mu)
    expect(withB.converged).toBe(true)
    const withMu = await from({ mu: 400 }, { b: 50 })
    // The trace holds b from its log scale: 50 to rounding.
    expect(withMu.trace[0].params.b).toBeCloseTo(50, 12)
    const meanDeviation = rivers.values.reduce((a, x) => a + Math.abs(x - 400), 0) / rivers.n
    expect(relative(withMu.params.b, meanDeviation)).toBeLessThan(1e-7)
    expect(withMu.converged).toBe(true)
  })
})
