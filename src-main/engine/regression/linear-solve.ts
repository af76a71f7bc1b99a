import { FitError } from '../errors'
import { designColumns, type Design } from './design'
import { crossKernel, residualKernel } from './fused-kernels'
import { qrLeastSquares } from '../linear-algebra/householder-qr'
import { rankDeficiencyMessage } from './rank-message'
import {
  createScaledSolver,
  factorScaled,
  inverseFromUpper,
  inverseScaled,
  solveScaled,
} from '../linear-algebra/cholesky'

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
  const qr = qrLeastSquares(designColumns(design), design.y, n)
  if (!qr.ok) throw new FitError(rankDeficiencyMessage(qr.deficient, design.names))
  return { beta: qr.beta, unscaledCovariance: inverseFromUpper(qr.r, p), rss: qr.rss, path: 'qr', passes: 3 }
}

function normalEquations(design: Design): LinearSolution | null {
  const { columns, y, n, p, intercept } = design
  const g = new Float64Array(p * p)
  const c = new Float64Array(p)
  // One fused pass: the lower triangle of X'X and X'y.
  crossKernel(p, intercept)(columns, y, n, g, c)
  // Cholesky of D^-1 X'X D^-1 (D = sqrt of the diagonal), whose condition is that of the column-scaled design.
  const solver = createScaledSolver(p)
  if (!(factorScaled(solver, g) <= NORMAL_CONDITION_LIMIT)) return null
  const beta = new Float64Array(p)
  const correction = new Float64Array(p)
  solveScaled(solver, c, beta)
  let rss = 0
  let passes = 1
  let previous = Infinity
  const residual = residualKernel(p, intercept)
  for (let it = 0; it < MAX_REFINEMENTS; it++) {
    // Residual pass: X'r and sum r^2 together; the correction solves the same system.
    rss = residual(columns, y, n, beta, c)
    passes++
    solveScaled(solver, c, correction)
    // Each step shrinks the error by cond^2 * EPS (< 2.2e-6); stop once it is at rounding level.
    let size = 0
    for (let j = 0; j < p; j++) {
      beta[j] += correction[j]
      size = Math.max(size, Math.abs(correction[j]) / (Math.abs(beta[j]) + Number.MIN_VALUE))
    }
    if (size <= 1e-14 || size > previous / 100) break
    previous = size
  }
  return { beta, unscaledCovariance: inverseScaled(solver), rss, path: 'normal', passes }
}
