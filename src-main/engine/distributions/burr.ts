import { logValues } from '../stats/log-values'
import { logMoments, moments } from '../stats/sample-moments'
import { weightLanes, type Sample } from '../stats/sample'
import { impossibleDerivatives, invalidDerivatives } from './likelihood-results'
import { param } from './param'
import { positiveOr } from './start-guards'
import { POSITIVE } from './support'
import type { Distribution, LikelihoodDerivatives } from './types'

const valid = (c: number, k: number, scale: number) =>
  c > 0 && c < Infinity && k > 0 && k < Infinity && scale > 0 && scale < Infinity

/** log(1 + e^t) without overflow for large t. */
const softplus = (t: number) => (t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t)))

/**
 * Analytic derivatives in one pass over the cached logs. With u = log(x / scale), t = c u, y = e^t,
 * L = log(1 + y), q = y / (1 + y) and p = 1 - q (so dL/dt = q, dq/dt = q p), a point adds
 * log c + log k - log scale - u + t - (k + 1) L. At extreme shapes (c ~ 1e9, k ~ 1e-9 on tied data
 * with an outlier) t and L are ~1e10 and nearly cancel, so every sum is taken in a form without the
 * cancellation: t - (k + 1) L = min(t, 0) - k max(t, 0) - (k + 1) log(1 + e^-|t|), and
 * (k + 1) q - 1 = k q - p, with p summed directly.
 */
function derivatives(sample: Sample, c: number, k: number, scale: number): LikelihoodDerivatives {
  if (!valid(c, k, scale)) return invalidDerivatives(3)
  if (!(moments(sample).min > 0)) return impossibleDerivatives(3)
  const lx = logValues(sample)
  const { weights: w, mask } = weightLanes(sample)
  const n = sample.n
  const logScale = Math.log(scale)
  let sPoint = 0 // sum of t - (k + 1) L
  let sL = 0
  let sq = 0
  let sp = 0
  let squ = 0
  let spu = 0
  let sv = 0
  let svu = 0
  let svu2 = 0
  for (let i = 0; i < lx.length; i++) {
    const u = lx[i] - logScale
    const t = c * u
    // e^-|t| keeps q, p = 1 - q and L exact in both tails.
    const e = Math.exp(-Math.abs(t))
    const q = t > 0 ? 1 / (1 + e) : e / (1 + e)
    const p = t > 0 ? e / (1 + e) : 1 / (1 + e)
    const v = e / ((1 + e) * (1 + e))
    const wi = w[i & mask]
    const tail = Math.log1p(e)
    sPoint += wi * ((t > 0 ? -k * t : t) - (k + 1) * tail)
    sL += wi * (Math.max(t, 0) + tail)
    sq += wi * q
    sp += wi * p
    squ += wi * q * u
    spu += wi * p * u
    sv += wi * v
    svu += wi * v * u
    svu2 += wi * v * u * u
  }
  const su = n * (logMoments(sample).meanLog - logScale)
  const k1 = k + 1
  // sum of (k + 1) q - 1, without cancelling n against (k + 1) sum q.
  const excess = k * sq - sp
  const hcs = (k1 * c * svu + excess) / scale
  const hks = (c * sq) / scale
  return {
    logLikelihood: n * (Math.log(c) + Math.log(k) - logScale) - su + sPoint,
    score: [n / c + spu - k * squ, n / k - sL, (c * excess) / scale],
    hessian: [
      [-n / (c * c) - k1 * svu2, -squ, hcs],
      [-squ, -n / (k * k), hks],
      [hcs, hks, -(c * c * k1 * sv + c * excess) / (scale * scale)],
    ],
  }
}

/**
 * Burr type XII with shapes c > 0, k > 0 and a scale: F = 1 - (1 + (x / scale)^c)^(-k) on x > 0. SciPy's
 * `burr12(c, d = k, scale)`; k = 1 is the log-logistic.
 */
export const burr = {
  id: 'burr',
  label: 'Burr (XII)',
  discrete: false,
  params: [param('c', 'c', 'positive'), param('k', 'k', 'positive'), param('scale', 'λ', 'positive')],
  support: POSITIVE,
  logPdf(x, { c, k, scale }) {
    if (!valid(c, k, scale)) return NaN
    if (!(x >= 0) || x === Infinity) return -Infinity
    if (x === 0) return c < 1 ? Infinity : c === 1 ? Math.log(k / scale) : -Infinity
    // With t = c log(x / scale): log f = log(c k / x) + t - (k + 1) log(1 + e^t), where t - (k + 1) log(1 + e^t)
    // is taken as min(t, 0) - k max(t, 0) - (k + 1) log(1 + e^-|t|): no cancellation at t ~ 1e12.
    const t = c * (Math.log(x) - Math.log(scale))
    const bulk = t > 0 ? -k * t : t
    return Math.log(c) + Math.log(k) - Math.log(x) + bulk - (k + 1) * Math.log1p(Math.exp(-Math.abs(t)))
  },
  cdf(x, { c, k, scale }) {
    if (!valid(c, k, scale)) return NaN
    if (!(x > 0)) return 0
    return -Math.expm1(-k * softplus(c * (Math.log(x) - Math.log(scale))))
  },
  quantile(q, { c, k, scale }) {
    if (!valid(c, k, scale) || !(q >= 0 && q <= 1)) return NaN
    return scale * Math.exp(Math.log(Math.expm1(-Math.log1p(-q) / k)) / c)
  },
  // The log-logistic (k = 1) from the moments of log x.
  startValues(data) {
    const m = logMoments(data)
    const c = Math.PI / (Math.sqrt(3) * m.sdLog)
    return { c: Math.min(positiveOr(c, 1e3), 1e3), k: 1, scale: Math.exp(m.meanLog) }
  },
  startIsMoments: false,
  unitPowers: { c: 0, k: 0, scale: 1 },
  limitAdvice: [
    // k -> infinity with scale k^(1/c) fixed is the Weibull; past 1e6 the two differ by ~1/k in log-likelihood.
    {
      param: 'k',
      above: 1e6,
      note: 'k is very large: the Burr is indistinguishable from its Weibull limit here; fit weibull instead.',
      atLimit: true,
    },
    // c sd(log x) ~ 1 for a Burr that describes the data; far above, the density piles onto tied values
    // (ones and one far outlier) and the likelihood rises towards a limit it never reaches.
    {
      param: 'c',
      above: (sample) => 1e6 / logMoments(sample).sdLog,
      note: 'c is very large for the spread of the data: the Burr piles its mass onto the tied values, and the likelihood only approaches a limit. Many tied values cause this; choose another family.',
      atLimit: true,
    },
  ],
  logLikelihood: (sample, { c, k, scale }) => derivatives(sample, c, k, scale).logLikelihood,
  derivatives: (sample, { c, k, scale }) => derivatives(sample, c, k, scale),
  sample(n, { c, k, scale }, random) {
    const out = new Float64Array(n)
    for (let i = 0; i < n; i++) {
      const e = -Math.log(random.openUniform()) / k
      out[i] = scale * Math.exp(Math.log(Math.expm1(e)) / c)
    }
    return out
  },
  fitCost: 3,
} as const satisfies Distribution
