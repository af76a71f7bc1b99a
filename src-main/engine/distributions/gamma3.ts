import type { Distribution } from './types'
import { gamma } from './gamma'
import { withThreshold } from './threshold'

/**
 * Three-parameter gamma (Pearson type III): x - threshold is Gamma(shape, rate). With shape <= 1 the
 * density is infinite at the threshold and the likelihood has no maximum.
 */
export const gamma3 = {
  ...withThreshold(gamma, 'gamma3', 'Gamma (3-parameter)', 'shape'),
  fitCost: 3,
} as const satisfies Distribution
