import { moments } from '../stats/sample-moments'
import { unboundedAtEndPoint, xiRegularity } from './xi-regularity'
import type { Sample } from '../stats/sample'
import { param } from './param'
import { positiveOr } from './start-guards'
import { REAL_LINE } from './support'
import type { Distribution, FamilyContext, Params } from './types'

const valid = (sigma: number, xi: number, u: number) =>
  sigma > 0 && sigma < Infinity && Number.isFinite(xi) && Number.isFinite(u)

/** The threshold in force: the user's, else 0 (the family then describes the values themselves). */
const thresholdOf = (ctx?: FamilyContext) => ctx?.threshold ?? 0

/**
 * L = log(1 + xi y / sigma) / xi, so that the survival function is exp(-L); L -> y / sigma as xi -> 0 (the
 * exponential), by a series where xi y / sigma is too small for the quotient. NaN outside the support.
 */
function reduced(y: number, sigma: number, xi: number): number {
  const z = y / sigma
  const t = xi * z
  if (!(y >= 0) || !(t > -1)) return NaN
  if (Math.abs(t) < 1e-8) return z * (1 - t / 2 + (t * t) / 3)
  return Math.log1p(t) / xi
}

function quantile(q: number, { sigma, xi }: Params, ctx?: FamilyContext): number {
  const u = thresholdOf(ctx)
  if (!valid(sigma, xi, u) || !(q >= 0 && q <= 1)) return NaN
  const l = -Math.log1p(-q)
  if (l === Infinity) return xi < 0 ? u - sigma / xi : Infinity
  const t = xi * l
  return u + sigma * (Math.abs(t) < 1e-8 ? l * (1 + t / 2 + (t * t) / 6) : Math.expm1(t) / xi)
}

/**
 * Method of moments of the exceedances (Hosking and Wallis 1987): xi = (1 - mean² / var) / 2, sigma = mean
 * (mean² / var + 1) / 2, xi kept in [-0.45, 0.45] and the end point above the largest exceedance.
 */
function startValues(data: Sample, ctx?: FamilyContext): Params {
  const { mean, sd, max } = moments(data)
  const m = mean - thresholdOf(ctx)
  // (m / sd)² rather than m² / sd², which overflows for values near 1e300.
  const r = (m / sd) ** 2
  const ratio = Number.isFinite(r) ? r : 1
  let xi = Math.min(Math.max(0.5 * (1 - ratio), -0.45), 0.45)
  const sigma = positiveOr(0.5 * m * (ratio + 1), positiveOr(m, 1))
  const top = max - thresholdOf(ctx)
  // A negative xi ends the support at sigma / -xi: keep the largest value inside.
  if (xi < 0 && top >= sigma / -xi) xi = -sigma / (2 * top)
  return { sigma, xi }
}

/**
 * Generalized Pareto for the exceedances y = x - u over a threshold u the user gives (`threshold`):
 * F = 1 - (1 + xi y / sigma)^(-1/xi) on y >= 0 (below -sigma / xi when xi < 0); xi = 0 is the exponential.
 * A fit uses only the values above u (the peaks over the threshold). SciPy's `genpareto(c = xi, loc = u,
 * scale = sigma)`.
 */
export const gpd = {
  id: 'gpd',
  label: 'Generalized Pareto',
  discrete: false,
  params: [param('sigma', 'σ', 'positive'), { ...param('xi', 'ξ', 'real'), unitless: true }],
  // x >= u, and below u - sigma / xi when xi < 0: both ends depend on the threshold and the estimates.
  support: { ...REAL_LINE, estimatedEnds: true },
  needsThreshold: true,
  logPdf(x, { sigma, xi }, ctx) {
    const u = thresholdOf(ctx)
    if (!valid(sigma, xi, u)) return NaN
    const l = reduced(x - u, sigma, xi)
    if (Number.isNaN(l) || !Number.isFinite(x)) return -Infinity
    return -Math.log(sigma) - (xi + 1) * l
  },
  cdf(x, { sigma, xi }, ctx) {
    const u = thresholdOf(ctx)
    if (!valid(sigma, xi, u)) return NaN
    if (x <= u) return 0
    const l = reduced(x - u, sigma, xi)
    return Number.isNaN(l) ? 1 : -Math.expm1(-l)
  },
  quantile,
  startValues,
  // Clamped and kept inside the support, so not the plain method-of-moments estimate.
  startIsMoments: false,
  sample(n, p, random, ctx) {
    const out = new Float64Array(n)
    for (let i = 0; i < n; i++) out[i] = quantile(random.openUniform(), p, ctx)
    return out
  },
  nonRegular: ({ xi }) => xiRegularity(xi, 'the likelihood'),
  likelihoodNote: unboundedAtEndPoint('generalized Pareto'),
  fitCost: 2,
} as const satisfies Distribution
