import betaln from '@stdlib/math-base-special-betaln'
import digamma from '@stdlib/math-base-special-digamma'
import gammaln from '@stdlib/math-base-special-gammaln'
import trigamma from '@stdlib/math-base-special-trigamma'
import betainc from '@stdlib/math-base-special-betainc'
import nbinomQuantile from '@stdlib/stats-base-dists-negative-binomial-quantile'
import { countTable } from '../stats/count-table'
import { moments } from '../stats/sample-moments'
import { statistic, type Sample } from '../stats/sample'
import { searchDiscreteQuantile } from './discrete-quantile'
import { impossibleDerivatives, invalidDerivatives } from './likelihood-results'
import { COUNTS, isCount } from './support'
import type { Distribution, LikelihoodDerivatives } from './types'
import { param } from './param'
import { bd0, stirlingError } from './stirling'
import { CompensatedSum } from '../stats/compensated-sum'

// mu = 0 is kept as the point mass at 0 (the MLE for an all-zero column).
const valid = (size: number, mu: number) => size > 0 && size < Infinity && mu >= 0 && mu < Infinity

/** Counts up to this are summed term by term (exact for any size); larger ones use special functions. */
const TAIL_TERMS = 1024

/**
 * Cached once per column. sum_i [lgamma(x_i + r) - lgamma(r)] = sum_k T_k log(r + k) with T_k = #{x > k}:
 * exact where lgamma differences cancel (large r), and O(max x) per call instead of O(n). Values above
 * TAIL_TERMS add lgamma-type differences over their distinct values.
 */
const nbTable = statistic((sample: Sample) => {
  const t = countTable(sample)
  const max = t.values.length > 0 ? t.values[t.values.length - 1] : 0
  const k = Math.min(max, TAIL_TERMS)
  const tail = new Float64Array(k)
  let above = 0
  const bigValues: number[] = []
  const bigCounts: number[] = []
  let j = t.values.length - 1
  for (let i = k - 1; i >= 0; i--) {
    while (j >= 0 && t.values[j] > i) {
      above += t.counts[j]
      if (t.values[j] > k) {
        bigValues.push(t.values[j])
        bigCounts.push(t.counts[j])
      }
      j--
    }
    tail[i] = above
  }
  return { ...t, k, tail, bigValues: Float64Array.from(bigValues), bigCounts: Float64Array.from(bigCounts) }
})

/**
 * log P(x; r, mu) in Loader's saddle-point form (R's dnbinom_mu): Stirling remainders and bd0 deviances,
 * each small, instead of lgamma(x + r) - lgamma(r) - log x! + x log(mu / (r + mu)), whose terms near 1e7
 * cancel to about 10 when counts are near 1e6.
 */
function logMass(x: number, r: number, mu: number): number {
  if (x === 0) return -r * Math.log1p(mu / r)
  if (x < 1e-10 * r) {
    // The Poisson limit (r far above x): R's branch for it.
    const p = r < mu ? Math.log(r / (1 + r / mu)) : Math.log(mu / (1 + mu / r))
    return x * p - mu - gammaln(x + 1) + Math.log1p((x * (x - 1)) / (2 * r))
  }
  const total = x + r
  const lc =
    stirlingError(total) -
    stirlingError(r) -
    stirlingError(x) -
    bd0(r, (total * r) / (r + mu)) -
    bd0(x, (total * mu) / (r + mu))
  const lf = Math.log(2 * Math.PI) + Math.log(r) + Math.log1p(-r / total)
  return Math.log(r / total) + lc - 0.5 * lf
}

/** The log-likelihood summed per distinct count in `logMass`'s form (compensated), for large counts. */
function largeCountLogLikelihood(t: { values: Float64Array; counts: Float64Array }, r: number, mu: number) {
  const total = new CompensatedSum()
  for (let i = 0; i < t.values.length; i++) total.add(t.counts[i] * logMass(t.values[i], r, mu))
  return total.value
}

/**
 * ll = A(r) - sum log x! - n r log(1 + mu/r) - s log(1 + r/mu), s = sum x, A(r) = sum lgamma(x + r) - lgamma(r);
 * B and C are A's first and second derivatives in r (digamma and trigamma differences).
 */
function evaluate(data: Sample, r: number, m: number, order: 0 | 2): LikelihoodDerivatives {
  if (!valid(r, m)) return invalidDerivatives(2)
  const t = nbTable(data)
  const { n, sum, k, tail, bigValues, bigCounts } = t
  if (!isCount(t.values[0]) || !isCount(t.values[t.values.length - 1])) return impossibleDerivatives(2)
  let a = 0
  let b = 0
  let c = 0
  for (let i = 0; i < k; i++) {
    const ti = tail[i]
    if (ti === 0) break
    const ri = r + i
    a += ti * Math.log(ri)
    if (order === 2) {
      b += ti / ri
      c -= ti / (ri * ri)
    }
  }
  if (bigValues.length > 0) {
    // Sum over log(r + i) for i = k..v-1 is [lgamma(v) - betaln(v, r)] - [lgamma(k) - betaln(k, r)].
    const baseA = gammaln(k) - betaln(k, r)
    const baseB = digamma(k + r)
    const baseC = trigamma(k + r)
    for (let j = 0; j < bigValues.length; j++) {
      const v = bigValues[j]
      const cnt = bigCounts[j]
      a += cnt * (gammaln(v) - betaln(v, r) - baseA)
      if (order === 2) {
        b += cnt * (digamma(v + r) - baseB)
        c += cnt * (trigamma(v + r) - baseC)
      }
    }
  }
  // Counts above TAIL_TERMS: the textbook sum loses ~1e-9 of its value to cancellation; Loader's form not.
  const ll =
    bigValues.length > 0 && m > 0
      ? largeCountLogLikelihood(t, r, m)
      : a - t.sumLogFactorial - n * r * Math.log1p(m / r) - (sum === 0 ? 0 : sum * Math.log1p(r / m))
  if (order === 0) return { logLikelihood: ll, score: [], hessian: [] }
  const rm = r + m
  const rm2 = rm * rm
  const hrm = (sum - n * m) / rm2
  return {
    logLikelihood: ll,
    score: [b - n * Math.log1p(m / r) + (n * m - sum) / rm, (r * (sum - n * m)) / (m * rm)],
    hessian: [
      [c + (n * m) / (r * rm) - (n * m - sum) / rm2, hrm],
      [hrm, -sum / (m * m) + (n * r + sum) / rm2],
    ],
  }
}

/**
 * P(X <= x) = 1 - I_q(x + 1, r) with q = mu / (r + mu), the upper regularized incomplete beta. Passing
 * q rather than p = r / (r + mu) keeps its digits when r is huge (p rounds towards 1), where stdlib's
 * negative-binomial-cdf(x, r, p) loses ~1e-11.
 */
function cdf(x: number, size: number, mu: number): number {
  if (x < 0) return 0
  if (mu === 0 || x === Infinity) return 1
  return betainc(mu / (size + mu), Math.floor(x) + 1, size, true, true)
}

/**
 * Negative binomial in R's (size, mu) form: size r > 0, mean mu >= 0, variance mu + mu^2 / r;
 * P(x) = Gamma(x + r) / (Gamma(r) x!) (r / (r + mu))^r (mu / (r + mu))^x on x = 0, 1, 2, ...
 */
export const negativeBinomial = {
  id: 'negative_binomial',
  label: 'Negative binomial',
  discrete: true,
  params: [param('size', 'r', 'positive'), param('mu', 'μ', 'positive')],
  support: COUNTS,
  logPdf(x, { size, mu }) {
    if (!valid(size, mu)) return NaN
    if (!isCount(x)) return -Infinity
    const l0 = -size * Math.log1p(mu / size)
    if (x === 0) return l0
    // log C(x + r - 1, x) = -log x - log B(x, r), accurate for huge r where lgamma differences cancel.
    return -Math.log(x) - betaln(x, size) + l0 - x * Math.log1p(size / mu)
  },
  cdf(x, { size, mu }) {
    if (!valid(size, mu)) return NaN
    return cdf(x, size, mu)
  },
  quantile(q, { size, mu }) {
    if (!valid(size, mu) || !(q >= 0 && q <= 1)) return NaN
    if (q === 0 || mu === 0) return 0
    if (q === 1) return Infinity
    // stdlib's quantile never ends when mu is huge or p rounds to 1 (mu tiny): start from mu there.
    const p = size / (size + mu)
    const guess = mu < 1e12 && p < 1 ? nbinomQuantile(q, size, p) : mu
    return searchDiscreteQuantile((k) => cdf(k, size, mu), q, guess, Infinity)
  },
  // Method of moments: mu = mean, size = mean^2 / (var - mean); without over-dispersion (the Poisson
  // limit, where the MLE of size is infinite) size starts at 1e8.
  startValues(data) {
    const { mean, sd } = moments(data)
    const excess = sd * sd - mean
    const size = excess > 0 ? Math.min(Math.max((mean * mean) / excess, 1e-3), 1e8) : 1e8
    return { size, mu: mean > 0 ? mean : 0.5 / data.n }
  },
  startIsMoments: true,
  logLikelihood: (data, { size, mu }) => evaluate(data, size, mu, 0).logLikelihood,
  derivatives: (data, { size, mu }) => evaluate(data, size, mu, 2),
  // Gamma-Poisson mixture: lambda ~ Gamma(size, rate size / mu), x ~ Poisson(lambda).
  sample(n, { size, mu }, random) {
    const out = new Float64Array(n)
    for (let i = 0; i < n; i++) out[i] = random.poisson((random.gamma(size) * mu) / size)
    return out
  },
  limitAdvice: [
    {
      param: 'size',
      above: 1e6,
      note: 'size is very large: the counts show no over-dispersion; fit poisson instead.',
    },
  ],
} as const satisfies Distribution
