import binomcoefln from '@stdlib/math-base-special-binomcoefln'
import binomialCdf from '@stdlib/stats-base-dists-binomial-cdf'
import binomialQuantile from '@stdlib/stats-base-dists-binomial-quantile'
import { countTable } from '../stats/count-table'
import { statistic, type Sample } from '../stats/sample'
import { searchDiscreteQuantile } from './discrete-quantile'
import { impossibleDerivatives, invalidDerivatives } from './likelihood-results'
import { clampUnit } from './start-guards'
import { COUNTS, isCount, isTrials } from './support'
import type { Distribution, FamilyContext, LikelihoodDerivatives } from './types'
import { param } from './param'

// p = 0 and p = 1 are kept as point masses (exact MLE when every count is 0 or every count is trials).
const validP = (p: number) => p >= 0 && p <= 1

/** sum over rows of log C(trials, x), cached per column and trials count (the only part not O(1)). */
const binomSums = statistic(() => new Map<number, number>())
function sumLogBinomCoef(data: Sample, trials: number): number {
  const byTrials = binomSums(data)
  let s = byTrials.get(trials)
  if (s === undefined) {
    const { values, counts } = countTable(data)
    s = 0
    for (let j = 0; j < values.length; j++) s += counts[j] * binomcoefln(trials, values[j])
    byTrials.set(trials, s)
  }
  return s
}

/** ll = sum log C(N, x) + s log p + (nN - s) log(1 - p), s = sum x, N = trials. */
function derivatives(data: Sample, p: number, ctx: FamilyContext | undefined): LikelihoodDerivatives {
  const trials = ctx?.trials
  if (!validP(p) || !isTrials(trials)) return invalidDerivatives(1)
  const { n, sum, values } = countTable(data)
  if (values[values.length - 1] > trials) return impossibleDerivatives(1)
  const f = n * trials - sum
  const ll =
    sumLogBinomCoef(data, trials) + (sum === 0 ? 0 : sum * Math.log(p)) + (f === 0 ? 0 : f * Math.log1p(-p))
  return {
    logLikelihood: ll,
    score: [sum / p - f / (1 - p)],
    hessian: [[-sum / (p * p) - f / ((1 - p) * (1 - p))]],
  }
}

/**
 * Binomial(p in [0, 1]) with the number of trials N fixed by the user (`ctx.trials`, not fitted):
 * P(x) = C(N, x) p^x (1 - p)^(N - x) on x = 0..N. NaN without a positive integer `trials`.
 */
export const binomial = {
  id: 'binomial',
  label: 'Binomial',
  discrete: true,
  params: [param('p', 'p', 'unit-interval')],
  support: { ...COUNTS, upperIsTrials: true },
  needsTrials: true,
  logPdf(x, { p }, ctx) {
    const trials = ctx?.trials
    if (!validP(p) || !isTrials(trials)) return NaN
    if (!isCount(x) || x > trials) return -Infinity
    const f = trials - x
    return binomcoefln(trials, x) + (x === 0 ? 0 : x * Math.log(p)) + (f === 0 ? 0 : f * Math.log1p(-p))
  },
  cdf(x, { p }, ctx) {
    const trials = ctx?.trials
    if (!validP(p) || !isTrials(trials)) return NaN
    return x < 0 ? 0 : x >= trials ? 1 : binomialCdf(Math.floor(x), trials, p)
  },
  quantile(q, { p }, ctx) {
    const trials = ctx?.trials
    if (!validP(p) || !isTrials(trials) || !(q >= 0 && q <= 1)) return NaN
    if (q === 0 || p === 0) return 0
    if (q === 1 || p === 1) return trials
    const cdf = (k: number) => (k >= trials ? 1 : binomialCdf(k, trials, p))
    return searchDiscreteQuantile(cdf, q, binomialQuantile(q, trials, p), trials)
  },
  // Method of moments = MLE: p = mean / trials, nudged inside (0, 1) for the optimizer's logit scale.
  startValues(data, ctx) {
    const { n, sum } = countTable(data)
    const trials = isTrials(ctx?.trials) ? ctx.trials : NaN
    return { p: clampUnit(sum / (n * trials), n * trials) }
  },
  startIsMoments: true,
  closedFormMle(data, ctx) {
    const { n, sum } = countTable(data)
    return { p: isTrials(ctx?.trials) ? sum / (n * ctx.trials) : NaN }
  },
  logLikelihood: (data, { p }, ctx) => derivatives(data, p, ctx).logLikelihood,
  derivatives: (data, { p }, ctx) => derivatives(data, p, ctx),
  sample(n, { p }, random, ctx) {
    const out = new Float64Array(n)
    const trials = ctx?.trials ?? NaN
    for (let i = 0; i < n; i++) out[i] = random.binomial(trials, p)
    return out
  },
} as const satisfies Distribution
