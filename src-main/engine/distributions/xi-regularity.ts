import type { NonRegular } from './types'

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
