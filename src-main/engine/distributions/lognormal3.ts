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
} as const satisfies Distribution
