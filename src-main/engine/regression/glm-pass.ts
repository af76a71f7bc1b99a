import type { Design } from './design'
import { glmKernel } from './fused-kernels'

/** Generalized linear models fitted by IRLS: Bernoulli with logit link, Poisson with log link. */
export type GlmFamily = 'logistic' | 'poisson'

/**
 * One fused pass over the design at coefficients `beta`: returns the log-likelihood (Poisson without the
 * constant -sum(log y!)) and writes the score X'(y - mu) into `score` and, when `info` is given, the lower
 * triangle of the Fisher information X'WX (row-major p x p; W = mu(1 - mu) or mu). No allocation.
 */
export function glmPass(
  family: GlmFamily,
  design: Design,
  beta: Float64Array,
  score: Float64Array,
  info: Float64Array | null,
): number {
  const kernel = glmKernel(family, design.p, info !== null)
  return kernel(design.x, design.y, design.offset, design.n, beta, score, info)
}

/** Fitted means mu_i (probabilities for logistic, expected counts for Poisson) at `beta`. */
export function glmMeans(family: GlmFamily, design: Design, beta: Float64Array): Float64Array {
  const { x, offset, n, p } = design
  const mu = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    let eta = offset ? offset[i] : 0
    for (let j = 0; j < p; j++) eta += x[i * p + j] * beta[j]
    mu[i] = family === 'logistic' ? 1 / (1 + Math.exp(-eta)) : Math.exp(eta)
  }
  return mu
}
