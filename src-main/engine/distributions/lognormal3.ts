import type { Distribution } from './types'
import { lognormal } from './lognormal'
import { withThreshold } from './threshold'

/**
 * Three-parameter lognormal: log(x - threshold) is normal(mu, sigma). The likelihood always grows without
 * bound as the threshold reaches the minimum (Hill 1963) but usually has an interior local maximum, which
 * is the estimate reported (the start lies well inside, away from the boundary).
 */
export const lognormal3 = {
  ...withThreshold(lognormal, 'lognormal3', 'Lognormal (3-parameter)'),
  fitCost: 3,
  // x -> c x: log(x - threshold) moves by log c, so mu does (not by a power of c).
  unitPowers: { mu: 'log', sigma: 0, threshold: 1 },
  likelihoodNote:
    'The estimate is a local maximum of the likelihood, the accepted maximum-likelihood estimate for this family (Cohen & Whitten 1980): the likelihood itself grows without bound as the threshold approaches the smallest value (Hill 1963), so no global maximum exists. Standard errors come from the curvature at this local maximum. For an estimate that does not depend on this, fit with maximum product of spacings (mps).',
} as const satisfies Distribution
