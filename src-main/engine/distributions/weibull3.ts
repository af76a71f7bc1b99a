import type { Distribution } from './types'
import { withThreshold } from './threshold'
import { weibull } from './weibull'

/**
 * Three-parameter Weibull: x - threshold is Weibull(shape, scale). With shape <= 1 the density is infinite
 * at the threshold and the likelihood has no maximum (it grows as the threshold reaches the minimum).
 */
export const weibull3 = {
  ...withThreshold(weibull, 'weibull3', 'Weibull (3-parameter)', 'shape'),
  fitCost: 3,
} as const satisfies Distribution
