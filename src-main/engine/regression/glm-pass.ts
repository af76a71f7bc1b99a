import type { Design } from './design'

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
  const { x, y, offset, n, p } = design
  score.fill(0)
  if (info) info.fill(0)
  let ll = 0
  const logistic = family === 'logistic'
  for (let i = 0; i < n; i++) {
    const b = i * p
    let eta = offset ? offset[i] : 0
    for (let j = 0; j < p; j++) eta += x[b + j] * beta[j]
    const yi = y[i]
    let mu: number
    let w: number
    if (logistic) {
      // Stable forms on both sides of 0: mu = 1/(1+e^-eta), log(1+e^eta), w = e/(1+e)^2.
      if (eta >= 0) {
        const e = Math.exp(-eta)
        const d = 1 + e
        mu = 1 / d
        w = e / (d * d)
        ll += (yi - 1) * eta - Math.log1p(e)
      } else {
        const e = Math.exp(eta)
        const d = 1 + e
        mu = e / d
        w = e / (d * d)
        ll += yi * eta - Math.log1p(e)
      }
    } else {
      mu = Math.exp(eta)
      w = mu
      ll += yi * eta - mu
    }
    const r = yi - mu
    for (let j = 0; j < p; j++) score[j] += x[b + j] * r
    if (info) {
      for (let j = 0; j < p; j++) {
        const wx = w * x[b + j]
        const row = j * p
        for (let k = 0; k <= j; k++) info[row + k] += wx * x[b + k]
      }
    }
  }
  return ll
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
