import type { Sample } from '../stats/sample'
import type { NonRegular, Params } from './types'

/**
 * Smith (1985), for the families with an extreme-value shape xi (gev, gpd): the usual asymptotics hold for
 * xi > -0.5; below it the estimate of the end point converges faster than 1/sqrt(n), and below -1 the
 * likelihood is unbounded at the end point. `which` names the likelihood in the message.
 */
export function xiRegularity(xi: number, which: string): NonRegular | null {
  if (!(xi < -0.5)) return null
  return {
    caution:
      xi < -1
        ? `xi = ${xi.toPrecision(3)} < -1: ${which} is unbounded at the end point, so this is not a maximum-likelihood estimate in the usual sense; standard errors and intervals do not apply.`
        : `xi = ${xi.toPrecision(3)} < -0.5: ${which} is not regular here (Smith 1985), so standard errors and Wald intervals are unreliable.`,
  }
}

/**
 * Said beside every converged fit of a family with an end point set by xi (gev, gpd): with xi < -1 the
 * likelihood grows without bound as the end point reaches the extreme value, so the maximum found (and
 * reported, as is standard) is a local one; a multi-start search finds higher values towards that edge.
 */
export const unboundedAtEndPoint = (family: string) =>
  `The estimate is a local maximum of the likelihood, the accepted maximum-likelihood estimate for the ${family} (Smith 1985): with ξ < −1 the likelihood grows without bound as the end point approaches the most extreme value, so no global maximum exists. For an estimate that does not depend on this, fit with maximum product of spacings (mps).`

/** An end point this close to a value, against the smallest gap between values, is on it. */
const CLOSE = 1e-3

/** The value of `sorted` nearest `x`, the smallest gap between distinct values, and how many equal it. */
function nearestValue(sample: Sample, x: number): { value: number; count: number; gap: number } | null {
  const v = sample.sorted
  let gap = Infinity
  let best = 0
  for (let i = 0; i < v.length; i++) {
    if (i > 0 && v[i] > v[i - 1]) gap = Math.min(gap, v[i] - v[i - 1])
    if (Math.abs(v[i] - x) < Math.abs(v[best] - x)) best = i
  }
  if (v.length === 0 || !Number.isFinite(gap)) return null
  const w = sample.sortedWeights
  let count = 0
  for (let i = 0; i < v.length; i++) if (v[i] === v[best]) count += w ? w[i] : 1
  return { value: v[best], count, gap }
}

/**
 * Why a gev fit (`mu`, `sigma`, `xi`) that did not converge has no maximum: its end point mu - sigma/xi
 * closing in on a tied value (counts, coarsely rounded data: the density on the tie grows without bound
 * as the end point reaches it, whatever xi does), or on a data value with xi < -1 (unbounded at the end
 * point, Smith 1985). Null elsewhere: the optimizer's own words stand.
 */
export function endPointRunaway(
  sample: Sample,
  { mu, sigma, xi }: Params,
  shown: (name: string, value: number) => number,
): string | null {
  if (!(xi !== 0 && sigma > 0 && Number.isFinite(mu))) return null
  const end = mu - sigma / xi
  const near = nearestValue(sample, end)
  if (!near || !(Math.abs(end - near.value) < CLOSE * near.gap)) return null
  const which = xi > 0 ? 'lower' : 'upper'
  const stopped = `σ = ${shown('sigma', sigma).toPrecision(3)}, ξ = ${xi.toPrecision(3)} when the optimizer stopped`
  const value = shown('mu', near.value)
  if (near.count > 1) {
    return `No maximum: the GEV likelihood is unbounded on these data. ${near.count.toLocaleString('en-US')} values equal ${value}, and as the ${which} end point μ − σ/ξ closes in on ${value} the density there grows without bound (${stopped}), so more iterations cannot help. A continuous family does not suit counts or coarsely rounded values: for counts fit a discrete family (poisson, negative_binomial), or hold ξ at a fixed value (ξ = 0 is the Gumbel).`
  }
  if (xi < -1) {
    return `No maximum: with ξ < −1 the GEV likelihood grows without bound as the upper end point μ − σ/ξ reaches ${value} (${stopped}), so more iterations cannot help. Hold ξ at a fixed value above −1, or fit by maximum product of spacings (mps).`
  }
  return null
}
