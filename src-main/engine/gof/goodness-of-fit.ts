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
import { runReplicates, type ReplicateRunner } from './bootstrap-parallel'

/** The test statistics of one sample against one fitted model. */
export interface GofStatistics {
  ks: number
  ad: number | null
  cvm: number | null
  chiSquare: number | null
  chiSquareDf: number | null
  /**
   * Values left out of A² because they sit on an estimated edge of the support (F exactly 0 or 1 there:
   * uniform's ends, pareto's scale, a threshold at the smallest value); 0 for most fits.
   */
  edgeValues: number
}

/** Re-estimates the parameters on a bootstrap replicate (sorted); null when the fit fails. */
export type Refit = (sample: Float64Array) => Promise<Params | null>

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
    const edf = (cdf: Float64Array, w: Float64Array | null | undefined) =>
      w ? weightedEdfStatistics(cdf, w) : edfStatisticsOfCdf(cdf)
    const { ks, ad, cvm } = edf(f, weights)
    // A value on an estimated edge puts log 0 (clamped: ~690/n) into A² and rejects every true fit; A² is
    // taken over the values inside. For the uniform those are exactly iid uniform on the fitted range.
    let lo = 0
    let hi = f.length
    while (lo < hi && f[lo] <= 0) lo++
    while (hi > lo && f[hi - 1] >= 1) hi--
    // Observations, not entries: a weighted value on the edge stands for its weight of them.
    const edgeValues = weights
      ? totalWeight(weights.subarray(0, lo)) + totalWeight(weights.subarray(hi))
      : f.length - (hi - lo)
    if (edgeValues === 0) return { ks, ad, cvm, chiSquare: null, chiSquareDf: null, edgeValues }
    const inner = hi - lo >= 2 ? edf(f.subarray(lo, hi), weights?.subarray(lo, hi)).ad : null
    return { ks, ad: inner, cvm, chiSquare: null, chiSquareDf: null, edgeValues }
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
    edgeValues: 0,
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

/** What A² left out, in plain words (nothing when it left nothing out). */
function edgeNote(edgeValues: number): string {
  if (edgeValues === 0) return ''
  const values = edgeValues === 1 ? '1 value that sits' : `${edgeValues} values that sit`
  return ` A² leaves out ${values} on the estimated edge of the support (F = 0 or 1 there, where A²'s table does not apply) and uses the values inside.`
}

/** Asymptotic p-values: Kolmogorov, Anderson-Darling and Cramér-von Mises limits; chi-square with df. */
export function asymptoticGoodnessOfFit(
  { edgeValues, ...s }: GofStatistics,
  n: number,
  discrete: boolean,
): GoodnessOfFit {
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
      : ASYMPTOTIC_NOTE + edgeNote(edgeValues),
  }
}

/** Everything a bootstrap replicate needs from the fit: the model, the sample size and what was held fixed. */
export interface BootstrapModel {
  dist: Distribution
  n: number
  params: Params
  ctx: FamilyContext
  freeCount: number
}

/**
 * The seed of replicate r's own random stream (a 32-bit mix of the user's seed and r): every replicate
 * draws from its own stream, so replicates run in any order, on any thread, and give the same answer.
 */
export function replicateSeed(seed: number, r: number): number {
  // splitmix32-style finaliser of seed and r (Weyl step 0x9e3779b9): nearby seeds give unrelated streams.
  let z = (Math.imul(r + 1, 0x9e3779b9) ^ (seed >>> 0)) >>> 0
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
  return (z ^ (z >>> 16)) >>> 0
}

/** Replicate r: draw n values from the fitted model, re-fit, recompute the statistics (null: re-fit failed). */
export async function bootstrapReplicate(
  model: BootstrapModel,
  seed: number,
  r: number,
  refit: Refit,
): Promise<GofStatistics | null> {
  const { dist, n, params, ctx, freeCount } = model
  const sample = dist.sample(n, params, seededRandom(replicateSeed(seed, r)), ctx).sort()
  const fitted = await refit(sample)
  return fitted ? gofStatistics(dist, sample, fitted, ctx, freeCount) : null
}

/** Runs replicates one after another on this thread (cancellable between replicates). */
export function inThread(
  model: BootstrapModel,
  seed: number,
  refit: Refit,
  control: WorkControl,
): ReplicateRunner<GofStatistics | null> {
  return async (replicates, done) => {
    for (const r of replicates) {
      await control.checkpoint()
      done(r, await bootstrapReplicate(model, seed, r, refit))
    }
  }
}

const STATISTICS = ['ks', 'ad', 'cvm', 'chiSquare'] as const

/**
 * Parametric bootstrap p-values: draw `replicates` samples of size n from the fitted model (replicate r
 * from its own seeded stream), re-estimate the parameters on each, recompute the statistics,
 * p = (1 + #{replicate >= observed}) / (1 + valid replicates). Accounts for estimation. `runners` run the
 * replicates (worker threads, then this thread for whatever they left undone), so the answer depends on
 * the seed only; reports progress as task `bootstrap`; cancellable through the runners.
 */
export async function bootstrapGoodnessOfFit(
  model: BootstrapModel,
  observed: GofStatistics,
  replicates: number,
  seed: number,
  runners: ReplicateRunner<GofStatistics | null>[],
  control: WorkControl,
): Promise<GoodnessOfFit> {
  const outcomes = await runReplicates(replicates, runners, (finished) =>
    control.report({
      task: 'bootstrap',
      fraction: finished / replicates,
      message: `${model.dist.label}: bootstrap replicate ${finished} of ${replicates}`,
      dist: model.dist.id,
    }),
  )
  return bootstrapPValues(observed, outcomes, seed)
}

/** p-values from the replicates' statistics, in replicate order (null: a re-fit that failed). */
function bootstrapPValues(
  { edgeValues, ...observed }: GofStatistics,
  outcomes: (GofStatistics | null)[],
  seed: number,
): GoodnessOfFit {
  const exceed = { ks: 0, ad: 0, cvm: 0, chiSquare: 0 }
  const valid = { ks: 0, ad: 0, cvm: 0, chiSquare: 0 }
  let failed = 0
  for (const s of outcomes) {
    if (!s) {
      failed++
      continue
    }
    for (const key of STATISTICS) {
      const obs = observed[key]
      const rep = s[key]
      if (obs === null || rep === null || Number.isNaN(rep)) continue
      valid[key]++
      if (rep >= obs) exceed[key]++
    }
  }
  const pValue = (key: (typeof STATISTICS)[number]) =>
    observed[key] === null || valid[key] === 0 ? null : (1 + exceed[key]) / (1 + valid[key])
  const failures = failed > 0 ? ` ${failed} replicates could not be re-fitted and were left out.` : ''
  const replicates = outcomes.length
  return {
    ...observed,
    pValues: { ks: pValue('ks'), ad: pValue('ad'), cvm: pValue('cvm'), chiSquare: pValue('chiSquare') },
    pValueMethod: 'bootstrap',
    note: `Parametric bootstrap with ${replicates} replicates (seed ${seed}), re-estimating the parameters on each, so the p-values account for estimation; their resolution is 1/${replicates + 1}.${failures}${edgeNote(edgeValues)}`,
  }
}
