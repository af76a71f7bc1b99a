import { poisson } from './poisson'
import type { Distribution } from './types'
import { zeroInflated } from './zero-inflated'

/** Zero-inflated Poisson(lambda, pi): P(0) = pi + (1 - pi) e^(-lambda), P(x) = (1 - pi) Poisson(x; lambda). */
export const zip = zeroInflated(poisson, 'zip', 'Zero-inflated Poisson') satisfies Distribution
