import { moments } from '../stats/sample-moments'
import { statistic, type Sample } from '../stats/sample'
import { cumulativeWeights } from '../stats/weighted'
import { positiveOr } from './start-guards'
import { REAL_LINE } from './support'
import type { Distribution, LikelihoodDerivatives } from './types'
import { param } from './param'
import { sumAbsoluteDeviations } from './location-scale'

const valid = (mu: number, b: number) => Number.isFinite(mu) && b > 0 && b < Infinity

/** Entries kept per sample by `deviationSum`: a fit asks at a handful of mu; a profile walks many. */
const REMEMBERED = 8

/** The last few sums of |x - mu| per sample, by mu (most recent last). */
const deviationSums = statistic((): Map<number, number> => new Map())

/**
 * sum w |x - mu| in one pass, remembered per sample and mu: the closed form, its log-likelihood, the
 * rounding probe's b steps and the information at the estimate all ask at the median (one pass for them
 * all, where each used to cost one; a 1M-value fit made ~20). Infinity only past ~1e300 (then the caller
 * sums |x - mu| / b term by term).
 */
function deviationSum(sample: Sample, mu: number): number {
  const memo = deviationSums(sample)
  const known = memo.get(mu)
  if (known !== undefined) return known
  const sum = sumAbsoluteDeviations(sample, mu, 1)
  if (memo.size >= REMEMBERED) memo.delete(memo.keys().next().value as number)
  memo.set(mu, sum)
  return sum
}

/** sum w |x - mu| / b without overflow (see `sumAbsoluteDeviations`). */
function scaledDeviationSum(sample: Sample, mu: number, b: number): number {
  const sum = deviationSum(sample, mu)
  return Number.isFinite(sum) ? sum / b : sumAbsoluteDeviations(sample, mu, b)
}

/** Total weight of the values below, at and above mu (binary searches in the sorted values). */
function weightsAround(sample: Sample, mu: number): { below: number; at: number; above: number } {
  const sorted = sample.sorted
  const first = (beyond: (x: number) => boolean) => {
    let lo = 0
    let hi = sorted.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (beyond(sorted[mid])) hi = mid
      else lo = mid + 1
    }
    return lo
  }
  const lower = first((x) => x >= mu)
  const upper = first((x) => x > mu)
  if (!sample.weights) return { below: lower, at: upper - lower, above: sorted.length - upper }
  const c = cumulativeWeights(sample)
  return { below: c[lower], at: c[upper] - c[lower], above: c[sorted.length] - c[upper] }
}

/**
 * The Laplace MLE of mu: a median of the weighted sample, the point with at most half the total weight
 * on either side. Where that is an interval (an even count, or a cumulative weight of exactly n / 2) every
 * point of it maximizes the likelihood equally; its midpoint (a + b) / 2 is reported, as R's `median` and
 * SciPy's `laplace.fit` (np.median) do: the choice that does not depend on the data's sign (fitting -x
 * gives -mu), at most half the interval from every maximizer. Fractional weights included, where R's
 * type-7 quantile of the weights can miss the interval.
 */
export function laplaceMedian(sample: Sample): number {
  const sorted = sample.sorted
  const len = sorted.length
  if (len === 0) return NaN
  const c = sample.weights ? cumulativeWeights(sample) : null
  const half = sample.n / 2
  const through = (i: number) => (c ? c[i + 1] : i + 1)
  let lo = 0
  let hi = len - 1
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (through(mid) >= half) hi = mid
    else lo = mid + 1
  }
  if (through(lo) > half || lo === len - 1) return sorted[lo]
  const a = sorted[lo]
  const b = sorted[lo + 1]
  const sum = a + b
  return Number.isFinite(sum) ? sum / 2 : a / 2 + b / 2
}

/**
 * The score of mu times b: the subgradient of sum |x - mu| nearest 0, (weight above) - (weight below)
 * moved towards 0 by up to the weight at mu. 0 exactly on the median interval, where the likelihood is
 * maximal in mu; its sign points to the median elsewhere.
 */
function muSubgradient(sample: Sample, mu: number): number {
  const { below, at, above } = weightsAround(sample, mu)
  const g = above - below
  return Math.abs(g) <= at ? 0 : g - Math.sign(g) * at
}

/**
 * Log-likelihood, score and a Hessian for Newton and the final check. ll is piecewise linear in mu, so its
 * curvature there is 0 almost everywhere: the mu entry is the expected (Fisher) information -n / b² on the
 * median (the subgradient 0), elsewhere the slope of the secant from the score to the median's 0, so
 * a Newton step lands on the median exactly (mu's maximizer does not depend on b: cross term 0). b's
 * entries are the observed ones: n / b² - 2 S / b³, which is -n / b² at the estimate.
 */
function derivatives(sample: Sample, mu: number, b: number): LikelihoodDerivatives {
  const n = sample.n
  if (!valid(mu, b))
    return {
      logLikelihood: NaN,
      score: [NaN, NaN],
      hessian: [
        [NaN, NaN],
        [NaN, NaN],
      ],
    }
  const scaled = scaledDeviationSum(sample, mu, b)
  const g = muSubgradient(sample, mu)
  const median = laplaceMedian(sample)
  const muCurvature = g === 0 || median === mu ? -n / (b * b) : -Math.abs(g / b / (median - mu))
  return {
    logLikelihood: -n * (Math.LN2 + Math.log(b)) - scaled,
    score: [g / b, (scaled - n) / b],
    hessian: [
      [muCurvature, 0],
      [0, (n - 2 * scaled) / (b * b)],
    ],
  }
}

/** Laplace(mu, b > 0): density exp(-|x - mu| / b) / (2 b) on the real line; variance 2 b^2. */
export const laplace = {
  id: 'laplace',
  label: 'Laplace',
  discrete: false,
  params: [param('mu', 'μ', 'real'), param('b', 'b', 'positive')],
  support: REAL_LINE,
  logPdf(x, { mu, b }) {
    if (!valid(mu, b)) return NaN
    return Number.isFinite(x) ? -Math.LN2 - Math.log(b) - Math.abs(x - mu) / b : -Infinity
  },
  // ll = -n log(2 b) - sum |x - mu| / b, the sum remembered per mu (b's steps cost nothing).
  logLikelihood(data, { mu, b }) {
    if (!valid(mu, b)) return NaN
    return -data.n * (Math.LN2 + Math.log(b)) - scaledDeviationSum(data, mu, b)
  },
  derivatives: (data, { mu, b }) => derivatives(data, mu, b),
  cdf(x, { mu, b }) {
    if (!valid(mu, b)) return NaN
    const z = (x - mu) / b
    return z < 0 ? 0.5 * Math.exp(z) : 1 - 0.5 * Math.exp(-z)
  },
  quantile(q, { mu, b }) {
    if (!valid(mu, b) || !(q >= 0 && q <= 1)) return NaN
    return q < 0.5 ? mu + b * Math.log(2 * q) : mu - b * Math.log(2 - 2 * q)
  },
  // Method of moments: mu = mean, b = sd / sqrt(2).
  startValues(data) {
    const m = moments(data)
    return { mu: m.mean, b: positiveOr(m.sd / Math.SQRT2, Math.max(Math.abs(m.mean) * 1e-3, 1e-3)) }
  },
  startIsMoments: true,
  unitPowers: { mu: 1, b: 1 },
  // MLE: mu = the (weighted) median (see laplaceMedian), b = the mean absolute deviation from it.
  closedFormMle(data) {
    const mu = laplaceMedian(data)
    return { mu, b: deviationSum(data, mu) / data.n }
  },
  // With one parameter held the other's maximizer is exact too (mu: the median whatever b; b: the mean
  // |x - mu|): auto starts there, and Newton's polish only confirms it (its step is rounding).
  nearStart(data, _start, fixed) {
    if ('mu' in fixed === 'b' in fixed) return null
    const mu = fixed.mu ?? laplaceMedian(data)
    return { mu, b: fixed.b ?? deviationSum(data, mu) / data.n }
  },
  sample(n, { mu, b }, random) {
    const out = new Float64Array(n)
    for (let i = 0; i < n; i++) {
      const u = random.openUniform()
      out[i] = u < 0.5 ? mu + b * Math.log(2 * u) : mu - b * Math.log(2 - 2 * u)
    }
    return out
  },
  // The observed information of mu is 0 (ll is piecewise linear in mu), so mu's standard error comes from
  // the expected (Fisher) information, 1 / b² per observation: b / sqrt(n), which is also the median's
  // asymptotic 1 / (2 f(mu) sqrt(n)). b's observed information n / b² at the MLE equals its expected one;
  // the cross term is 0 in both.
  nonRegular(params, n, free) {
    if (!free.includes('mu')) return null
    const v = (params.b * params.b) / n
    return {
      covariance: free.map((_, a) => free.map((__, c) => (a === c ? v : 0))),
      note: 'The standard error of mu is from the expected (Fisher) information, b / sqrt(n), not the observed one: the log-likelihood has a kink at the median (mu is the sample median), so its curvature in mu is zero. It equals the large-sample standard error of the median.',
    }
  },
  // Newton cannot profile across the kinks: with b held the optimum is the median (whatever b), and with
  // mu held it is b = mean |x - mu|. The profile in mu, -n log(mean |x - mu|) + const, is kinked at every
  // value but continuous, which the bracketing root finder needs.
  profileShortcut(data, held, value, params) {
    if (held === 'b') return { params: { ...params, b: value, mu: laplaceMedian(data) } }
    if (held !== 'mu') return null
    return { params: { ...params, mu: value, b: deviationSum(data, value) / data.n } }
  },
} as const satisfies Distribution
