import { seededRandom } from '../../src-main/engine/random/seeded-random'

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI)

/**
 * Normal draws by Box-Muller from a seeded uniform (independent of the families' samplers), for tests and
 * the benchmark.
 */
export function normalDraws(n: number, mu: number, sigma: number, seed: number): Float64Array {
  const u = seededRandom(seed).uniform
  const out = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    const r = Math.sqrt(-2 * Math.log(1 - u()))
    out[i] = mu + sigma * r * Math.cos(2 * Math.PI * u())
  }
  return out
}

/** Per-epoch path: mu, sigma, training and validation mean log-likelihood (index 0 = the start). */
export interface GradientPath {
  mu: Float64Array
  sigma: Float64Array
  train: Float64Array
  validation: Float64Array
}

/**
 * The tutorial's gradient ascent for the normal, written the straightforward way: every epoch visits every
 * training point for the mean log-likelihood and its gradient in (mu, log sigma), and every validation
 * point. The reference the engine's O(1) path must reproduce (tests) and the comparator it is timed against
 * (benchmark W1).
 */
export function perPointNormalGradient(
  train: Float64Array,
  validation: Float64Array,
  start: { mu: number; sigma: number },
  learningRate: number,
  epochs: number,
): GradientPath {
  const path: GradientPath = {
    mu: new Float64Array(epochs + 1),
    sigma: new Float64Array(epochs + 1),
    train: new Float64Array(epochs + 1),
    validation: new Float64Array(epochs + 1),
  }
  let mu = start.mu
  let logSigma = Math.log(start.sigma)
  for (let e = 0; e <= epochs; e++) {
    const sigma = Math.exp(logSigma)
    let ll = 0
    let gMu = 0
    let gLog = 0
    for (let i = 0; i < train.length; i++) {
      const z = (train[i] - mu) / sigma
      ll += -LOG_SQRT_2PI - logSigma - 0.5 * z * z
      gMu += z / sigma
      gLog += z * z - 1
    }
    let vl = 0
    for (let i = 0; i < validation.length; i++) {
      const z = (validation[i] - mu) / sigma
      vl += -LOG_SQRT_2PI - logSigma - 0.5 * z * z
    }
    path.mu[e] = mu
    path.sigma[e] = sigma
    path.train[e] = ll / train.length
    path.validation[e] = vl / validation.length
    mu += learningRate * (gMu / train.length)
    logSigma += learningRate * (gLog / train.length)
  }
  return path
}
