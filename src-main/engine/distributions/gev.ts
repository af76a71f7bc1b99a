import gamma from '@stdlib/math-base-special-gamma'
import { moments } from '../stats/sample-moments'
import { endPointRunaway, unboundedAtEndPoint, xiRegularity } from './xi-regularity'
import { hotWeights, weightLanes, type Sample } from '../stats/sample'
import { impossibleDerivatives, invalidDerivatives } from './likelihood-results'
import { param } from './param'
import { positiveOr } from './start-guards'
import { REAL_LINE } from './support'
import type { Distribution, LikelihoodDerivatives, Params } from './types'

const EULER_GAMMA = 0.5772156649015329

const valid = (mu: number, sigma: number, xi: number) =>
  Number.isFinite(mu) && sigma > 0 && sigma < Infinity && Number.isFinite(xi)

/**
 * L = log(1 + xi z) / xi, so that (1 + xi z)^(-1/xi) = exp(-L); L -> z as xi -> 0 (the Gumbel), by a
 * series where xi z is too small for the quotient. NaN outside the support (1 + xi z <= 0).
 */
function reduced(z: number, xi: number): number {
  return reducedFrom(z, xi, Math.log1p(xi * z))
}

/** `reduced` from log1p(xi z) (`lp`), which the derivative pass reuses for L's xi-derivatives. */
function reducedFrom(z: number, xi: number, lp: number): number {
  const t = xi * z
  if (!(t > -1)) return NaN
  if (Math.abs(t) < 1e-8) return z * (1 - t / 2 + (t * t) / 3)
  return lp / xi
}

/** The series' coefficients (-1)^(j+1) (j+1)/(j+2) and (-1)^(j+1) j (j+1)/(j+2), j = 0..14, divided once. */
const SERIES_A = Float64Array.from({ length: 15 }, (_, j) => ((j % 2 === 0 ? -1 : 1) * (j + 1)) / (j + 2))
const SERIES_B = Float64Array.from({ length: 15 }, (_, j) => ((j % 2 === 0 ? -1 : 1) * j * (j + 1)) / (j + 2))

/**
 * dL/dxi and d2L/dxi2 at t = xi z, r = 1 / (1 + t). The closed forms cancel as xi -> 0, so for small t
 * the series L_xi = z^2 sum_j (-1)^(j+1) (j+1)/(j+2) t^j and its derivative take over.
 */
function reducedXiDerivatives(z: number, xi: number, r: number, lp: number, out: Float64Array): void {
  const t = xi * z
  // Above |t| = 0.05 the closed forms lose at most ~1e-14 relative; below it 15 terms leave < 1e-19.
  if (Math.abs(t) >= 0.05) {
    const lXi = (t * r - lp) / (xi * xi)
    out[0] = lXi
    out[1] = (-z * z * r * r) / xi - (2 * lXi) / xi
    return
  }
  let a = 0
  let b = 0
  for (let j = 14; j >= 0; j--) {
    a = a * t + SERIES_A[j]
    if (j >= 1) b = b * t + SERIES_B[j]
  }
  out[0] = z * z * a
  out[1] = z * z * z * b
}

/**
 * Analytic log-likelihood, score and Hessian in (mu, sigma, xi), one pass. Per point, with a = e^-L - (1 + xi)
 * = dh/dL and b = -e^-L: h_z = a r, h_zz = (b - a xi) r^2, h_xi = a L_xi - L, h_z,xi = b r L_xi - a z r^2 - r,
 * h_xi,xi = b L_xi^2 + a L_xi,xi - 2 L_xi; then the chain rule through z = (x - mu) / sigma.
 */
function derivatives(sample: Sample, mu: number, sigma: number, xi: number): LikelihoodDerivatives {
  if (!valid(mu, sigma, xi)) return invalidDerivatives(3)
  const x = sample.values
  const { weights: w, mask } = weightLanes(sample)
  const n = sample.n
  // The sums of one pass (per-point h = -(1 + xi) L - e^-L of z and xi, and its derivatives) in locals, the
  // weight without a call and L's xi-derivatives into a scratch pair (no array per value).
  const lx = new Float64Array(2)
  let h = 0
  let hzS = 0
  let hzZ = 0
  let hzzS = 0
  let hzzZ = 0
  let hzzZ2 = 0
  let hXi = 0
  let hzXi = 0
  let hzXiZ = 0
  let hXiXi = 0
  for (let i = 0; i < x.length; i++) {
    const z = (x[i] - mu) / sigma
    const lp = Math.log1p(xi * z)
    const l = reducedFrom(z, xi, lp)
    if (Number.isNaN(l)) return impossibleDerivatives(3)
    const c = w[i & mask]
    const e = Math.exp(-l)
    const r = 1 / (1 + xi * z)
    const a = e - (1 + xi)
    reducedXiDerivatives(z, xi, r, lp, lx)
    const lXi = lx[0]
    const lXiXi = lx[1]
    const hz = a * r
    const hzz = (-e - a * xi) * r * r
    const hzx = -e * r * lXi - a * z * r * r - r
    h += c * (-(1 + xi) * l - e)
    hzS += c * hz
    hzZ += c * hz * z
    hzzS += c * hzz
    hzzZ += c * hzz * z
    hzzZ2 += c * hzz * z * z
    hXi += c * (a * lXi - l)
    hzXi += c * hzx
    hzXiZ += c * hzx * z
    hXiXi += c * (-e * lXi * lXi + a * lXiXi - 2 * lXi)
  }
  const s2 = sigma * sigma
  const hMuSigma = (hzzZ + hzS) / s2
  return {
    logLikelihood: -n * Math.log(sigma) + h,
    score: [-hzS / sigma, (-n - hzZ) / sigma, hXi],
    hessian: [
      [hzzS / s2, hMuSigma, -hzXi / sigma],
      [hMuSigma, (n + hzzZ2 + 2 * hzZ) / s2, -hzXiZ / sigma],
      [-hzXi / sigma, -hzXiZ / sigma, hXiXi],
    ],
  }
}

/** x with F(x) = q: mu + sigma ((-log q)^(-xi) - 1) / xi, the end point at q = 0 or 1 where it is finite. */
function quantile(q: number, { mu, sigma, xi }: Params): number {
  if (!valid(mu, sigma, xi) || !(q >= 0 && q <= 1)) return NaN
  const ly = Math.log(-Math.log(q))
  if (xi === 0) return mu - sigma * ly
  if (ly === Infinity) return xi < 0 ? -Infinity : mu - sigma / xi
  if (ly === -Infinity) return xi > 0 ? Infinity : mu - sigma / xi
  return mu + (sigma * Math.expm1(-xi * ly)) / xi
}

/**
 * Probability-weighted moments b0, b1, b2 of the sorted sample (Hosking, Wallis and Wood 1985):
 * b_r = (1/n) sum x_(i) i (i-1)..(i-r+1) / ((n-1)..(n-r)) over 0-based ranks i. A value of weight c at
 * ranks a .. a+c-1 adds x times the sums of i and i (i-1) over its ranks, in closed form (no cancellation
 * at large a), so a weighted sample gives the PWMs of its expansion.
 */
function pwm(data: Sample): [number, number, number] {
  const x = data.sorted
  const { weighted, weights } = hotWeights({ weights: data.sortedWeights })
  const n = data.n
  let a = 0
  let b0 = 0
  let b1 = 0
  let b2 = 0
  for (let i = 0; i < x.length; i++) {
    const c = weighted ? weights[i] : 1
    const ranks = c * a + (c * (c - 1)) / 2
    const pairs = c * a * (a - 1) + ((2 * a - 1) * c * (c - 1)) / 2 + ((c - 1) * c * (2 * c - 1)) / 6
    b0 += c * x[i]
    b1 += ranks * x[i]
    b2 += pairs * x[i]
    a += c
  }
  return [b0 / n, b1 / Math.max(n - 1, 1) / n, b2 / Math.max((n - 1) * (n - 2), 1) / n]
}

/** Whether every value lies inside the support of GEV(mu, sigma, xi). */
function covers(data: Sample, p: Params): boolean {
  const { min, max } = moments(data)
  return !Number.isNaN(reduced((min - p.mu) / p.sigma, p.xi) + reduced((max - p.mu) / p.sigma, p.xi))
}

/** The Gumbel fitted by moments (xi = 0). */
function gumbelStart(data: Sample): Params {
  const m = moments(data)
  const sigma = positiveOr(m.sd * (Math.sqrt(6) / Math.PI), Math.max(Math.abs(m.mean) * 1e-3, 1e-3))
  return { mu: m.mean - EULER_GAMMA * sigma, sigma, xi: 0 }
}

/**
 * Hosking's PWM estimate (k = -xi from 7.859 c + 2.9554 c^2), xi kept in [-0.9, 2] and shrunk towards 0
 * until every value lies inside the support, where the likelihood is finite; else the Gumbel by moments.
 */
function startValues(data: Sample): Params {
  const [b0, b1, b2] = pwm(data)
  const c = (2 * b1 - b0) / (3 * b2 - b0) - Math.LN2 / Math.log(3)
  const k = Math.min(Math.max(7.859 * c + 2.9554 * c * c, -2), 0.9)
  if (!(Math.abs(k) > 1e-6)) return gumbelStart(data)
  const g = gamma(1 + k)
  const sigma = ((2 * b1 - b0) * k) / (g * -Math.expm1(-k * Math.LN2))
  if (!(sigma > 0 && sigma < Infinity)) return gumbelStart(data)
  const mu = b0 + (sigma * (g - 1)) / k
  for (let xi = -k, i = 0; i < 40; i++, xi /= 2) {
    const p = { mu, sigma, xi }
    if (covers(data, p)) return p
  }
  return gumbelStart(data)
}

/**
 * Generalized extreme value (mu, sigma > 0, xi): F = exp(-(1 + xi (x - mu) / sigma)^(-1/xi)) where
 * 1 + xi (x - mu) / sigma > 0; xi = 0 is the Gumbel, xi > 0 has a heavy upper tail (Fréchet), xi < 0 an
 * upper end point (reversed Weibull). SciPy's `genextreme(c = -xi, loc = mu, scale = sigma)`.
 */
export const gev = {
  id: 'gev',
  label: 'Generalized extreme value',
  discrete: false,
  params: [
    param('mu', 'μ', 'real'),
    param('sigma', 'σ', 'positive'),
    { ...param('xi', 'ξ', 'real'), unitless: true },
  ],
  // The end point mu - sigma / xi depends on the estimates.
  support: { ...REAL_LINE, estimatedEnds: true },
  logPdf(x, { mu, sigma, xi }) {
    if (!valid(mu, sigma, xi)) return NaN
    if (!Number.isFinite(x)) return -Infinity
    const l = reduced((x - mu) / sigma, xi)
    if (Number.isNaN(l)) return -Infinity
    return -Math.log(sigma) - (xi + 1) * l - Math.exp(-l)
  },
  cdf(x, { mu, sigma, xi }) {
    if (!valid(mu, sigma, xi)) return NaN
    if (x === Infinity) return 1
    if (x === -Infinity) return 0
    const l = reduced((x - mu) / sigma, xi)
    if (Number.isNaN(l)) return xi > 0 ? 0 : 1
    return Math.exp(-Math.exp(-l))
  },
  quantile,
  startValues,
  startIsMoments: false,
  unitPowers: { mu: 1, sigma: 1, xi: 0 },
  logLikelihood: (sample, { mu, sigma, xi }) => derivatives(sample, mu, sigma, xi).logLikelihood,
  derivatives: (sample, { mu, sigma, xi }) => derivatives(sample, mu, sigma, xi),
  sample(n, p, random) {
    const out = new Float64Array(n)
    for (let i = 0; i < n; i++) out[i] = quantile(random.openUniform(), p)
    return out
  },
  nonRegular: ({ xi }) => xiRegularity(xi, 'the GEV likelihood'),
  likelihoodNote: unboundedAtEndPoint('GEV'),
  runaway: endPointRunaway,
  fitCost: 3,
} as const satisfies Distribution
