import { negativeBinomial } from './negative-binomial'
import type { Distribution } from './types'
import { zeroInflated } from './zero-inflated'

/**
 * Zero-inflated negative binomial(size, mu, pi) in R's size/mu form: a structural zero with probability
 * pi, else NB(size, mu).
 */
export const zinb = {
  ...zeroInflated(negativeBinomial, 'zinb', 'Zero-inflated negative binomial'),
  fitCost: 2,
} as const satisfies Distribution
