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
  limitAdvice: [
    {
      param: 'size',
      above: 1e6,
      note: 'size is very large: the counts show no over-dispersion beyond the extra zeros; fit zip instead.',
    },
  ],
} as const satisfies Distribution
