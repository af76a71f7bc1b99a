import type { GoodnessOfFit } from '../../../src-shared/contract'
import type { Distribution, FamilyContext, Params } from '../distributions/types'
import type { WorkControl } from '../control/work-control'
import { seededRandom } from '../random/seeded-random'
import {
  andersonDarlingPValue,
  chiSquarePValue,
  cramerVonMisesPValue,
  kolmogorovPValue,
} from './asymptotic-p-values'
import { groupedChiSquare } from './chi-square'
import { discreteKs, edfStatisticsOfCdf } from './edf-statistics'
import { cdfOnSorted } from './sorted-cdf'
import { weightedDiscreteKs, weightedEdfStatistics } from './weighted-edf'

/** The test statistics of one sample against one fitted model. */
export interface GofStatistics {
  ks: number
  ad: number | null
  cvm: number | null
  chiSquare: number | null
  chiSquareDf: number | null
}

/** Re-estimates the parameters on a bootstrap replicate (sorted); null when the fit fails. */
export type Refit = (sample: Float64Array) => Promise<Params | null>

/** A fitted model and the sample it was fitted to (sorted), with its number of free parameters. */
export interface FittedModel {
  dist: Distribution
  sorted: Float64Array
  /** Frequency weights of `sorted`: replicates then draw round(total weight) values. */
  weights?: Float64Array | null
  params: Params
  ctx: FamilyContext
  freeCount: number
}

/** KS, A², W² for continuous families; KS and grouped chi-square (df = groups - 1 - free) for discrete. */
export function gofStatistics(
  dist: Distribution,
  sorted: Float64Array,
  params: Params,
  ctx: FamilyContext,
  freeCount: number,
  weights?: Float64Array | null,
): GofStatistics {
  if (!dist.discrete) {
    const f = cdfOnSorted(dist, sorted, params, ctx)
    const { ks, ad, cvm } = weights ? weightedEdfStatistics(f, weights) : edfStatisticsOfCdf(f)
    return { ks, ad, cvm, chiSquare: null, chiSquareDf: null }
  }
  const cdf = (x: number) => dist.cdf(x, params, ctx)
  const pmf = (k: number) => Math.exp(dist.logPdf(k, params, ctx))
  const chi = groupedChiSquare(sorted, { cdf, pmf }, weights)
  const df = chi ? chi.groups - 1 - freeCount : null
  return {
    ks: weights ? weightedDiscreteKs(sorted, weights, cdf) : discreteKs(sorted, cdf),
    ad: null,
    cvm: null,
    chiSquare: chi && df !== null && df >= 1 ? chi.statistic : null,
    chiSquareDf: chi && df !== null && df >= 1 ? df : null,
  }
}

/** The sum of frequency weights: the sample size the tests use. */
export function totalWeight(weights: Float64Array): number {
  let n = 0
  for (let i = 0; i < weights.length; i++) n += weights[i]
  return n
}

const ASYMPTOTIC_NOTE =
  'Asymptotic p-values ignore that the parameters were estimated from the same data, so they are conservative (too large); ask for a parametric bootstrap for p-values that account for it.'

/** Asymptotic p-values: Kolmogorov, Anderson-Darling and Cramér-von Mises limits; chi-square with df. */
export function asymptoticGoodnessOfFit(s: GofStatistics, n: number, discrete: boolean): GoodnessOfFit {
  return {
    ...s,
    pValues: {
      ks: kolmogorovPValue(s.ks, n),
      ad: s.ad === null ? null : andersonDarlingPValue(s.ad),
      cvm: s.cvm === null ? null : cramerVonMisesPValue(s.cvm),
      chiSquare:
        s.chiSquare === null || s.chiSquareDf === null ? null : chiSquarePValue(s.chiSquare, s.chiSquareDf),
    },
    pValueMethod: 'asymptotic',
    note: discrete
      ? `${ASYMPTOTIC_NOTE} The KS p-value also assumes a continuous distribution, which makes it more conservative for counts.`
      : ASYMPTOTIC_NOTE,
  }
}

/**
 * Parametric bootstrap p-values: draw `replicates` samples of size n from the fitted model (seeded),
 * re-estimate the parameters on each, recompute the statistics, p = (1 + #{replicate >= observed}) /
 * (1 + valid replicates). Accounts for estimation; cancellable; reports progress as task `bootstrap`.
 */
export async function bootstrapGoodnessOfFit(
  fitted: FittedModel,
  observed: GofStatistics,
  replicates: number,
  seed: number,
  refit: Refit,
  control: WorkControl,
): Promise<GoodnessOfFit> {
  const { dist, sorted, params, ctx, freeCount } = fitted
  const size = fitted.weights ? Math.round(totalWeight(fitted.weights)) : sorted.length
  const random = seededRandom(seed)
  const keys = ['ks', 'ad', 'cvm', 'chiSquare'] as const
  const exceed = { ks: 0, ad: 0, cvm: 0, chiSquare: 0 }
  const valid = { ks: 0, ad: 0, cvm: 0, chiSquare: 0 }
  let failed = 0
  let lastReport = 0
  for (let r = 0; r < replicates; r++) {
    await control.checkpoint()
    const sample = dist.sample(size, params, random, ctx).sort()
    const fitted = await refit(sample)
    if (!fitted) {
      failed++
      continue
    }
    const s = gofStatistics(dist, sample, fitted, ctx, freeCount)
    for (const key of keys) {
      const obs = observed[key]
      const rep = s[key]
      if (obs === null || rep === null || Number.isNaN(rep)) continue
      valid[key]++
      if (rep >= obs) exceed[key]++
    }
    const now = performance.now()
    if (now - lastReport > 50 || r === replicates - 1) {
      lastReport = now
      control.report({
        task: 'bootstrap',
        fraction: (r + 1) / replicates,
        message: `${dist.label}: bootstrap replicate ${r + 1} of ${replicates}`,
        dist: dist.id,
      })
    }
  }
  const pValue = (key: (typeof keys)[number]) =>
    observed[key] === null || valid[key] === 0 ? null : (1 + exceed[key]) / (1 + valid[key])
  const failures = failed > 0 ? ` ${failed} replicates could not be re-fitted and were left out.` : ''
  return {
    ...observed,
    pValues: { ks: pValue('ks'), ad: pValue('ad'), cvm: pValue('cvm'), chiSquare: pValue('chiSquare') },
    pValueMethod: 'bootstrap',
    note: `Parametric bootstrap with ${replicates} replicates (seed ${seed}), re-estimating the parameters on each, so the p-values account for estimation; their resolution is 1/${replicates + 1}.${failures}`,
  }
}
