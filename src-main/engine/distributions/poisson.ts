import factorialln from '@stdlib/math-base-special-factorialln'
import poissonQuantile from '@stdlib/stats-base-dists-poisson-quantile'
import { countTable } from '../stats/count-table'
import type { Sample } from '../stats/sample'
import { searchDiscreteQuantile } from './discrete-quantile'
import { gammaQ } from './incomplete-gamma'
import { invalidDerivatives } from './likelihood-results'
import { COUNTS, isCount } from './support'
import type { Distribution, LikelihoodDerivatives } from './types'
import { param } from './param'

// lambda = 0 is kept as the degenerate point mass at 0: it is the exact MLE for an all-zero column.
const valid = (lambda: number) => lambda >= 0 && lambda < Infinity

/** ll = sum x log lambda - n lambda - sum log x!, from the cached count table. */
function derivatives(data: Sample, lambda: number): LikelihoodDerivatives {
  if (!valid(lambda)) return invalidDerivatives(1)
  const { n, sum, sumLogFactorial } = countTable(data)
  const ll = (sum === 0 ? 0 : sum * Math.log(lambda)) - n * lambda - sumLogFactorial
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
    if (x === 0) return -lambda
    return x * Math.log(lambda) - lambda - factorialln(x)
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
