import type { LikelihoodDerivatives } from './types'

/** k x k of one value. */
function square(k: number, value: number): number[][] {
  return Array.from({ length: k }, () => new Array<number>(k).fill(value))
}

/** The whole-sample result for parameters outside their domain (k parameters): NaN everywhere. */
export function invalidDerivatives(k: number): LikelihoodDerivatives {
  return { logLikelihood: NaN, score: new Array<number>(k).fill(NaN), hessian: square(k, NaN) }
}

/**
 * Valid parameters under which some value is impossible (outside the support): zero likelihood, so the
 * log-likelihood is -Infinity and the derivatives do not exist.
 */
export function impossibleDerivatives(k: number): LikelihoodDerivatives {
  return { ...invalidDerivatives(k), logLikelihood: -Infinity }
}
