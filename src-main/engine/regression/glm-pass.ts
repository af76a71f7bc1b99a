import { linearPredictor, type Design } from './design'
import { glmKernel, glmScoresKernel, MAX_UNROLLED_P } from './fused-kernels'

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
  const kernel = glmKernel(family, design.p, design.intercept, info !== null)
  return kernel(design.columns, design.y, design.offset, design.n, beta, score, info)
}

/**
 * glmPass without the information at several coefficient vectors, in one pass over the design (each
 * request's score written into its buffer, each log-likelihood returned as glmPass would return it).
 */
export function glmScoresPass(
  family: GlmFamily,
  design: Design,
  requests: readonly { beta: Float64Array; score: Float64Array }[],
): number[] {
  const { p, n } = design
  const m = requests.length
  if (p > MAX_UNROLLED_P || m <= 1) return requests.map((r) => glmPass(family, design, r.beta, r.score, null))
  const betas = new Float64Array(m * p)
  requests.forEach((r, k) => betas.set(r.beta, k * p))
  const scores = new Float64Array(m * p)
  const lls = new Float64Array(m)
  glmScoresKernel(family, p, design.intercept, m)(
    design.columns,
    design.y,
    design.offset,
    n,
    betas,
    scores,
    lls,
  )
  requests.forEach((r, k) => r.score.set(scores.subarray(k * p, k * p + p)))
  return Array.from(lls)
}

/** Fitted means mu_i (probabilities for logistic, expected counts for Poisson) at `beta`. */
export function glmMeans(family: GlmFamily, design: Design, beta: Float64Array): Float64Array {
  // The linear predictor first (the kernels' additions in their order), then the inverse link in its
  // own loop: no family test per row.
  const mu = linearPredictor(design, beta)
  const n = design.n
  if (family === 'logistic') for (let i = 0; i < n; i++) mu[i] = 1 / (1 + Math.exp(-mu[i]))
  else for (let i = 0; i < n; i++) mu[i] = Math.exp(mu[i])
  return mu
}
