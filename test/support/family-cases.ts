// Test-only table: valid parameter sets per family (ordinary and extreme but legal), explicit invalid
// sets, and points outside each support. The invariant tests iterate over it.
import { distributions } from '../../src-main/engine/distributions/registry'
import type { Distribution, FamilyContext, Params } from '../../src-main/engine/distributions/types'

export interface FamilyCase {
  id: string
  valid: Params[]
  /** Invalid beyond the generic per-domain ones (NaN, out-of-domain values). */
  invalid?: Params[]
  outside: number[]
  ctx?: FamilyContext
  /**
   * Relative tolerance between the fast logLikelihood and the plain sum of logPdf (default 1e-12). Large
   * shapes sum per-point terms of size shape * log x that cancel to a few units, so each point's log
   * density carries ~EPS * shape * log x of absolute rounding whichever way it is summed.
   */
  llRelTol?: number
  /** Legal but too extreme for 20,000-draw recovery (e.g. Poisson lambda = 1e-6 gives an all-zero sample). */
  extreme?: boolean
}

export const familyCases: FamilyCase[] = [
  // Extreme but legal: very heavy tails, tiny shapes and probabilities, huge trials.
  { id: 'student_t', extreme: true, valid: [{ mu: 0, sigma: 1, nu: 0.5 }], outside: [Infinity] },
  { id: 'weibull', extreme: true, valid: [{ shape: 0.1, scale: 1 }], outside: [-1] },
  { id: 'negative_binomial', extreme: true, valid: [{ size: 1e-3, mu: 2 }], outside: [-1] },
  { id: 'inverse_gaussian', extreme: true, valid: [{ mu: 1, lambda: 1e-3 }], outside: [-1] },
  { id: 'lognormal', extreme: true, valid: [{ mu: 0, sigma: 10 }], outside: [-1] },
  { id: 'geometric', extreme: true, valid: [{ p: 1e-6 }], outside: [-1] },
  { id: 'poisson', extreme: true, valid: [{ lambda: 1e-6 }], outside: [-1] },
  {
    id: 'binomial',
    extreme: true,
    ctx: { trials: 100000 },
    valid: [{ p: 0.3 }],
    outside: [-1],
    llRelTol: 1e-10,
  },
  { id: 'beta', extreme: true, valid: [{ alpha: 0.05, beta: 3 }], outside: [-1] },
  { id: 'pareto', extreme: true, valid: [{ xm: 1, alpha: 0.05 }], outside: [-1] },
  {
    id: 'normal',
    valid: [
      { mu: 0, sigma: 1 },
      { mu: 1e6, sigma: 1e-3 },
      { mu: -3, sigma: 250 },
    ],
    invalid: [{ mu: 0, sigma: 0 }],
    outside: [Infinity, -Infinity],
  },
  {
    id: 'lognormal',
    valid: [
      { mu: 0, sigma: 1 },
      { mu: 5, sigma: 0.05 },
      { mu: -2, sigma: 3 },
    ],
    invalid: [{ mu: 0, sigma: 0 }],
    outside: [0, -1, Infinity],
  },
  {
    id: 'exponential',
    valid: [{ rate: 1 }, { rate: 1e-4 }, { rate: 1e5 }],
    invalid: [{ rate: 0 }],
    outside: [-1e-9, -Infinity],
  },
  {
    id: 'gamma',
    valid: [
      { shape: 2, rate: 1 },
      { shape: 0.05, rate: 3 },
      { shape: 500, rate: 0.01 },
    ],
    invalid: [{ shape: 0, rate: 1 }],
    outside: [-1, Infinity],
  },
  { id: 'gamma', valid: [{ shape: 2e4, rate: 3 }], outside: [-1], llRelTol: 1e-9 },
  {
    id: 'weibull',
    valid: [
      { shape: 1.5, scale: 2 },
      { shape: 0.3, scale: 1e3 },
      { shape: 20, scale: 0.01 },
    ],
    invalid: [{ shape: 1, scale: 0 }],
    outside: [-1, Infinity],
  },
  {
    id: 'beta',
    valid: [
      { alpha: 2, beta: 5 },
      { alpha: 0.3, beta: 0.4 },
      { alpha: 200, beta: 50 },
    ],
    invalid: [{ alpha: 0, beta: 1 }],
    outside: [-0.1, 1.1],
  },
  {
    id: 'logistic',
    valid: [
      { mu: 0, s: 1 },
      { mu: 100, s: 0.01 },
      { mu: -5, s: 40 },
    ],
    invalid: [{ mu: 0, s: 0 }],
    outside: [Infinity],
  },
  {
    id: 'laplace',
    valid: [
      { mu: 0, b: 1 },
      { mu: 100, b: 0.01 },
      { mu: -5, b: 40 },
    ],
    invalid: [{ mu: 0, b: 0 }],
    outside: [-Infinity],
  },
  {
    id: 'cauchy',
    valid: [
      { x0: 0, gamma: 1 },
      { x0: 1e3, gamma: 0.01 },
      { x0: -2, gamma: 50 },
    ],
    invalid: [{ x0: 0, gamma: 0 }],
    outside: [Infinity],
  },
  {
    id: 'gumbel',
    valid: [
      { mu: 0, beta: 1 },
      { mu: 50, beta: 0.2 },
      { mu: -1e3, beta: 300 },
    ],
    invalid: [{ mu: 0, beta: 0 }],
    outside: [Infinity],
  },
  {
    id: 'student_t',
    valid: [
      { mu: 0, sigma: 1, nu: 5 },
      { mu: 10, sigma: 2, nu: 1.5 },
      { mu: -1, sigma: 0.5, nu: 300 },
      { mu: 0, sigma: 3, nu: 5e4 },
    ],
    invalid: [{ mu: 0, sigma: 1, nu: 0 }],
    outside: [Infinity],
  },
  {
    id: 'pareto',
    valid: [
      { xm: 1, alpha: 3 },
      { xm: 0.01, alpha: 0.8 },
      { xm: 1e3, alpha: 25 },
    ],
    invalid: [{ xm: 0, alpha: 1 }],
    outside: [0, -1, Infinity],
  },
  {
    id: 'inverse_gaussian',
    valid: [
      { mu: 1, lambda: 1 },
      { mu: 2, lambda: 0.05 },
      { mu: 0.5, lambda: 2000 },
    ],
    invalid: [{ mu: 1, lambda: 0 }],
    outside: [0, -1],
  },
  {
    id: 'rayleigh',
    valid: [{ sigma: 1 }, { sigma: 1e-3 }, { sigma: 1e4 }],
    invalid: [{ sigma: 0 }],
    outside: [-1, 0],
  },
  {
    id: 'uniform',
    valid: [
      { a: 0, b: 1 },
      { a: -1e3, b: 1e3 },
      { a: 5, b: 5.001 },
    ],
    invalid: [
      { a: 1, b: 1 },
      { a: 2, b: 1 },
    ],
    outside: [Infinity, -Infinity],
  },
  { id: 'poisson', valid: [{ lambda: 3 }, { lambda: 0.02 }], outside: [-1, 0.5, Infinity] },
  { id: 'bernoulli', valid: [{ p: 0.3 }, { p: 0.001 }, { p: 0.999 }], outside: [-1, 0.5, 2] },
  {
    id: 'binomial',
    ctx: { trials: 10 },
    valid: [{ p: 0.3 }, { p: 0.01 }, { p: 0.95 }],
    outside: [-1, 0.5, 11],
  },
  { id: 'poisson', valid: [{ lambda: 1e4 }], outside: [0.5], llRelTol: 1e-9 },
  { id: 'binomial', ctx: { trials: 1000 }, valid: [{ p: 0.01 }, { p: 0.5 }], outside: [1001, 3.5] },
  {
    id: 'geometric',
    valid: [{ p: 0.5 }, { p: 0.001 }, { p: 0.99 }],
    invalid: [{ p: 0 }],
    outside: [-1, 0.5, Infinity],
  },
  {
    id: 'negative_binomial',
    valid: [
      { size: 2, mu: 3 },
      { size: 0.1, mu: 50 },
      { size: 1e4, mu: 5 },
      { size: 0.5, mu: 1500 },
    ],
    invalid: [{ size: 0, mu: 1 }],
    outside: [-1, 2.5],
  },
  {
    id: 'loglogistic',
    valid: [
      { shape: 3, scale: 2 },
      { shape: 0.8, scale: 100 },
      { shape: 20, scale: 0.01 },
    ],
    invalid: [{ shape: 0, scale: 1 }],
    outside: [-1, Infinity],
  },
  {
    id: 'gev',
    valid: [
      { mu: 0, sigma: 1, xi: 0.1 },
      { mu: 10, sigma: 2, xi: -0.3 },
      { mu: -5, sigma: 0.5, xi: 0 },
      { mu: 0, sigma: 1, xi: 0.6 },
      { mu: 3, sigma: 1e-3, xi: 1e-12 },
      // xi z crosses the series/closed-form switch of the derivatives (|xi z| = 0.05).
      { mu: 1, sigma: 2, xi: 0.02 },
    ],
    invalid: [{ mu: 0, sigma: 0, xi: 0.1 }],
    outside: [Infinity, -Infinity],
  },
  {
    id: 'weibull3',
    valid: [
      { shape: 2, scale: 1, threshold: 5 },
      { shape: 2.5, scale: 10, threshold: -20 },
      { shape: 0.7, scale: 1, threshold: 0 },
    ],
    invalid: [{ shape: 0, scale: 1, threshold: 0 }],
    outside: [Infinity, -Infinity],
  },
  {
    id: 'lognormal3',
    valid: [
      { mu: 0, sigma: 0.5, threshold: 10 },
      { mu: 2, sigma: 0.3, threshold: -5 },
    ],
    invalid: [{ mu: 0, sigma: 0, threshold: 0 }],
    outside: [Infinity],
  },
  {
    id: 'gamma3',
    valid: [
      { shape: 3, rate: 2, threshold: 1 },
      { shape: 5, rate: 0.5, threshold: -10 },
      { shape: 0.5, rate: 1, threshold: 0 },
    ],
    invalid: [{ shape: 0, rate: 1, threshold: 0 }],
    outside: [-Infinity],
  },
  {
    id: 'burr',
    valid: [
      { c: 3, k: 2, scale: 1 },
      { c: 1.5, k: 0.5, scale: 10 },
      { c: 0.7, k: 4, scale: 1e3 },
    ],
    invalid: [{ c: 0, k: 1, scale: 1 }],
    outside: [-1, Infinity],
  },
  {
    id: 'gpd',
    ctx: { threshold: 10 },
    valid: [
      { sigma: 2, xi: 0.3 },
      { sigma: 1, xi: -0.2 },
      { sigma: 3, xi: 0 },
      { sigma: 0.5, xi: 1e-12 },
    ],
    invalid: [{ sigma: 0, xi: 0.1 }],
    outside: [Infinity, -Infinity],
  },
  {
    id: 'zip',
    valid: [
      { lambda: 3, pi: 0.3 },
      { lambda: 0.8, pi: 0.1 },
      { lambda: 40, pi: 0.9 },
    ],
    outside: [-1, 0.5, Infinity],
  },
  {
    id: 'zinb',
    valid: [
      { size: 2, mu: 4, pi: 0.2 },
      { size: 0.8, mu: 10, pi: 0.4 },
    ],
    invalid: [{ size: 0, mu: 1, pi: 0.2 }],
    outside: [-1, 2.5],
  },
  {
    // The registry's normal_mixture has 2 components; w2 is derived (1 - w1).
    id: 'normal_mixture',
    valid: [
      { w1: 0.35, w2: 0.65, mu1: 2, mu2: 4.3, sigma1: 0.24, sigma2: 0.44 },
      { w1: 0.5, w2: 0.5, mu1: -10, mu2: 10, sigma1: 1, sigma2: 3 },
      { w1: 0.9, w2: 0.1, mu1: 0, mu2: 0.5, sigma1: 1, sigma2: 0.2 },
    ],
    invalid: [{ w1: 1, w2: 0, mu1: 0, mu2: 1, sigma1: 1, sigma2: 1 }],
    outside: [Infinity, -Infinity],
  },
]

/** The registered family for a case id (throws in tests when the table names a missing family). */
export function familyOf(c: FamilyCase): Distribution {
  const d = distributions.find((x) => x.id === c.id)
  if (!d) throw new Error(`no family ${c.id}`)
  return d
}

/** Generic invalid values per parameter domain, each applied to the first valid set. */
export function invalidParams(c: FamilyCase): Params[] {
  const d = familyOf(c)
  const base = c.valid[0]
  const out: Params[] = [...(c.invalid ?? [])]
  for (const p of d.params) {
    // A derived parameter (a mixture's last weight) is computed from the others, never read.
    if (p.derived) continue
    const bad =
      p.domain === 'positive' ? [-1, NaN, Infinity] : p.domain === 'real' ? [NaN, Infinity] : [-0.1, 1.1, NaN]
    for (const v of bad) out.push({ ...base, [p.name]: v })
  }
  return out
}
