import { FitError } from '../errors'
import type { Design } from './design'
import { crossKernel, residualKernel } from './fused-kernels'
import { qrLeastSquares } from './householder-qr'
import { rankDeficiencyMessage } from './rank-message'
import {
  choleskyInPlace,
  choleskySolve,
  conditionUpper,
  inverseFromUpper,
  transposeLower,
} from './small-matrix'

/** Above this n * p the normal equations with iterative refinement are tried before full QR. */
export const NORMAL_EQUATIONS_MIN_SIZE = 200_000
/** Largest cond(X D^-1) (columns scaled to unit norm) for which refined normal equations are trusted. */
const NORMAL_CONDITION_LIMIT = 1e5
/** Refinement passes at most; each multiplies the error by about cond^2 * eps (< 2.2e-6). */
const MAX_REFINEMENTS = 4

/** Least-squares solution with what the linear model's inference needs. */
export interface LinearSolution {
  beta: Float64Array
  /** (X'X)^-1, row-major p x p: the covariance divided by sigma^2. */
  unscaledCovariance: Float64Array
  /** Residual sum of squares from explicit residuals. */
  rss: number
  /** `qr`: Householder QR of X; `normal`: one fused X'X pass, Cholesky, then refinement passes on X. */
  path: 'qr' | 'normal'
  /** Passes over the design matrix (for the benchmark's ratio). */
  passes: number
}

/**
 * Ordinary least squares (the Gaussian-noise MLE of the coefficients). `auto` uses Householder QR for
 * small designs and, for large ones, the normal equations when the column-scaled design is well
 * conditioned (cond <= 1e5), refined by iterative refinement on the residuals so the answer matches QR
 * to rounding; otherwise it falls back to full QR, which also names collinear columns.
 */
export function solveLeastSquares(design: Design, path: 'auto' | 'qr' | 'normal' = 'auto'): LinearSolution {
  const { n, p } = design
  if (path === 'normal' || (path === 'auto' && n * p >= NORMAL_EQUATIONS_MIN_SIZE)) {
    const fast = normalEquations(design)
    if (fast) return fast
  }
  const qr = qrLeastSquares(design.x, design.y, n, p)
  if (!qr.ok) throw new FitError(rankDeficiencyMessage(qr.deficient, design.names))
  return { beta: qr.beta, unscaledCovariance: inverseFromUpper(qr.r, p), rss: qr.rss, path: 'qr', passes: 3 }
}

function normalEquations(design: Design): LinearSolution | null {
  const { x, y, n, p } = design
  const g = new Float64Array(p * p)
  const c = new Float64Array(p)
  // One fused pass: the lower triangle of X'X and X'y.
  crossKernel(p)(x, y, n, g, c)
  const d = new Float64Array(p)
  for (let j = 0; j < p; j++) {
    d[j] = Math.sqrt(g[j * p + j])
    if (!(d[j] > 0)) return null
  }
  const l = new Float64Array(p * p)
  for (let j = 0; j < p; j++) for (let k = 0; k <= j; k++) l[j * p + k] = g[j * p + k] / (d[j] * d[k])
  if (!choleskyInPlace(l, p)) return null
  const rs = transposeLower(l, p)
  if (!(conditionUpper(rs, p) <= NORMAL_CONDITION_LIMIT)) return null

  // Solve in scaled coordinates: (D^-1 G D^-1)(D beta) = D^-1 c.
  const rhs = new Float64Array(p)
  const step = new Float64Array(p)
  const beta = new Float64Array(p)
  for (let j = 0; j < p; j++) rhs[j] = c[j] / d[j]
  choleskySolve(l, p, rhs, step)
  for (let j = 0; j < p; j++) beta[j] = step[j] / d[j]
  let rss = 0
  let passes = 1
  let previous = Infinity
  const residual = residualKernel(p)
  for (let it = 0; it < MAX_REFINEMENTS; it++) {
    // Residual pass: X'r and sum r^2 together; the correction solves the same system.
    rss = residual(x, y, n, beta, rhs)
    passes++
    for (let j = 0; j < p; j++) rhs[j] /= d[j]
    choleskySolve(l, p, rhs, step)
    // Each step shrinks the error by cond^2 * EPS (< 2.2e-6); stop once it is at rounding level.
    let size = 0
    for (let j = 0; j < p; j++) {
      const delta = step[j] / d[j]
      beta[j] += delta
      size = Math.max(size, Math.abs(delta) / (Math.abs(beta[j]) + Number.MIN_VALUE))
    }
    if (size <= 1e-14 || size > previous / 100) break
    previous = size
  }
  const cov = inverseFromUpper(rs, p)
  for (let j = 0; j < p; j++) for (let k = 0; k < p; k++) cov[j * p + k] /= d[j] * d[k]
  return { beta, unscaledCovariance: cov, rss, path: 'normal', passes }
}
