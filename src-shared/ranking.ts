/**
 * How fits to one column are ranked, everywhere (engine fit-all, the CLI, the app's comparison table,
 * exports): one function so they cannot disagree.
 *
 * - A fit whose optimizer did not reach a confirmed maximum never ranks above one that did: its AIC is
 *   not the AIC of a maximum-likelihood fit (a cauchy scale collapsing onto tied counts can look best).
 * - Densities and probability masses are not comparable: on whole-number data a continuous family's
 *   log-likelihood is a log density, a discrete one's a log probability, so their AICs differ by an
 *   arbitrary unit. Discrete and continuous families are ranked in separate groups, the discrete group
 *   (the one matching count data) first, with ΔAIC and Akaike weights computed within each group.
 */

/** A family's group: whether its log-likelihood is a log probability (discrete) or a log density. */
export type FitGroup = 'discrete' | 'continuous'

/** What ranking needs from a fit. */
export interface RankableFit {
  discrete: boolean
  converged: boolean
  aic: number
}

/** One ranked fit: its group and its ΔAIC and Akaike weight within the group. */
export interface RankedFit<F extends RankableFit> {
  fit: F
  group: FitGroup
  /** AIC minus the smallest AIC among the group's converged fits. */
  deltaAic: number
  /** exp(-Δ/2) normalized over the group's converged fits; 0 for fits that did not converge. */
  akaikeWeight: number
}

export const groupOf = (fit: RankableFit): FitGroup => (fit.discrete ? 'discrete' : 'continuous')

const orderOf = (fit: RankableFit) => (fit.converged ? 0 : 2) + (fit.discrete ? 0 : 1)

/** Comparator: converged before not, discrete group before continuous, then AIC (NaN last). */
export function rankOrder(a: RankableFit, b: RankableFit): number {
  const byGroup = orderOf(a) - orderOf(b)
  if (byGroup !== 0) return byGroup
  const x = Number.isNaN(a.aic) ? Infinity : a.aic
  const y = Number.isNaN(b.aic) ? Infinity : b.aic
  return x === y ? 0 : x < y ? -1 : 1
}

/** Weights within one group: over its converged fits with finite AIC (over all when none converged). */
function weigh<F extends RankableFit>(fits: F[], group: FitGroup): RankedFit<F>[] {
  const converged = fits.filter((f) => f.converged && Number.isFinite(f.aic))
  const pool = converged.length > 0 ? converged : fits.filter((f) => Number.isFinite(f.aic))
  const best = pool.length > 0 ? Math.min(...pool.map((f) => f.aic)) : NaN
  const total = pool.reduce((s, f) => s + Math.exp(-(f.aic - best) / 2), 0)
  return fits.map((fit) => ({
    fit,
    group,
    deltaAic: fit.aic - best,
    akaikeWeight: pool.includes(fit) && total > 0 ? Math.exp(-(fit.aic - best) / 2) / total : 0,
  }))
}

/** The fits in rank order, each with its group, ΔAIC and Akaike weight (within its group). */
export function rankFits<F extends RankableFit>(fits: readonly F[]): RankedFit<F>[] {
  const sorted = [...fits].sort(rankOrder)
  const discrete = weigh(
    sorted.filter((f) => f.discrete),
    'discrete',
  )
  const continuous = weigh(
    sorted.filter((f) => !f.discrete),
    'continuous',
  )
  const byFit = new Map<F, RankedFit<F>>([...discrete, ...continuous].map((r) => [r.fit, r]))
  return sorted.map((f) => byFit.get(f)!)
}
