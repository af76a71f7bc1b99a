import poissonQuantile from '@stdlib/stats-base-dists-poisson-quantile'
import { CompensatedSum } from '../stats/compensated-sum'
import { countTable } from '../stats/count-table'
import { statistic, type Sample } from '../stats/sample'
import { searchDiscreteQuantile } from './discrete-quantile'
import { gammaQ } from './incomplete-gamma'
import { invalidDerivatives } from './likelihood-results'
import { log1pmx } from '../stats/relative-moments'
import { bd0, stirlingError } from './stirling'
import { COUNTS, isCount } from './support'
import type { Distribution, LikelihoodDerivatives } from './types'
import { param } from './param'

// lambda = 0 is kept as the degenerate point mass at 0: it is the exact MLE for an all-zero column.
const valid = (lambda: number) => lambda >= 0 && lambda < Infinity

/** log P(x; lambda) for a count x, lambda > 0, as -bd0 - log(2 pi x) / 2 - stirling(x) (Loader 2000). */
function logMass(x: number, lambda: number): number {
  return x === 0 ? -lambda : -bd0(x, lambda) - 0.5 * Math.log(2 * Math.PI * x) - stirlingError(x)
}

/**
 * The log-likelihood at the sample mean c, summed over the count table with each term in Loader's
 * saddle-point form log p(x; c) = -bd0(x, c) - log(2 pi x) / 2 - stirling(x), bd0 = x log(x/c) + c - x:
 * the textbook x log c - c - log x! subtracts numbers near 1.4e7 to get -7 when counts are near 1e6.
 */
const atMean = statistic((sample: Sample) => {
  const { n, sum, values, counts } = countTable(sample)
  const c = sum / n
  const total = new CompensatedSum()
  for (let i = 0; i < values.length; i++) {
    const x = values[i]
    total.add(counts[i] * logMass(x, c))
  }
  return { c, logLikelihood: total.value }
})

/**
 * ll(lambda) = ll(c) + S log(lambda / c) - n (lambda - c) with S = sum x, c = S / n: written with
 * t = lambda / c - 1 as ll(c) + S (log(1 + t) - t) + (S - n c) t, exact in its digits near the optimum.
 */
function derivatives(data: Sample, lambda: number): LikelihoodDerivatives {
  if (!valid(lambda)) return invalidDerivatives(1)
  const { n, sum } = countTable(data)
  let ll: number
  if (sum === 0) ll = 0 - n * lambda
  else {
    const { c, logLikelihood } = atMean(data)
    const t = (lambda - c) / c
    ll = logLikelihood + sum * log1pmx(t) + (sum - n * c) * t
  }
  return { logLikelihood: ll, score: [sum / lambda - n], hessian: [[-sum / (lambda * lambda)]] }
}

/** P(X <= x) = Q(floor(x) + 1, lambda), the regularized upper incomplete gamma. */
function cdf(x: number, lambda: number): number {
  if (x < 0) return 0
  if (lambda === 0 || x === Infinity) return 1
  return gammaQ(Math.floor(x) + 1, lambda)
}

/** Poisson(lambda >= 0): P(x) = lambda^x exp(-lambda) / x! on x = 0, 1, 2, ...; mean = variance = lambda. */
export const poisson = {
  id: 'poisson',
  label: 'Poisson',
  discrete: true,
  params: [param('lambda', 'λ', 'positive')],
  support: COUNTS,
  logPdf(x, { lambda }) {
    if (!valid(lambda)) return NaN
    if (!isCount(x)) return -Infinity
    if (x === 0 || lambda === 0) return x === 0 ? -lambda : -Infinity
    return logMass(x, lambda)
  },
  cdf(x, { lambda }) {
    if (!valid(lambda)) return NaN
    return cdf(x, lambda)
  },
  quantile(q, { lambda }) {
    if (!valid(lambda) || !(q >= 0 && q <= 1)) return NaN
    if (q === 0 || lambda === 0) return 0
    if (q === 1) return Infinity
    // stdlib's quantile is only the starting guess: its CDF is off for lambda >~ 1000 (see incomplete-gamma).
    // stdlib's own search never ends for huge lambda (e.g. 1e300): start there from lambda itself.
    const guess = lambda < 1e12 ? poissonQuantile(q, lambda) : lambda
    return searchDiscreteQuantile((k) => cdf(k, lambda), q, guess, Infinity)
  },
  // Method of moments = MLE: lambda = mean; an all-zero column starts at a small positive rate instead.
  startValues(data) {
    const { n, sum } = countTable(data)
    return { lambda: sum > 0 ? sum / n : 0.5 / n }
  },
  startIsMoments: true,
  closedFormMle(data) {
    const { n, sum } = countTable(data)
    return { lambda: sum / n }
  },
  logLikelihood: (data, { lambda }) => derivatives(data, lambda).logLikelihood,
  derivatives: (data, { lambda }) => derivatives(data, lambda),
  sample(n, { lambda }, random) {
    const out = new Float64Array(n)
    for (let i = 0; i < n; i++) out[i] = random.poisson(lambda)
    return out
  },
} as const satisfies Distribution
