/**
 * The engine's one home for small dense symmetric systems: the likelihood's k x k information matrices and
 * regression's p x p normal equations. Cholesky factorization, solves, inverses and a 1-norm condition
 * number on row-major Float64Arrays (none throws), with array-of-rows forms for the likelihood side.
 */

/** A small dense matrix as an array of rows (information matrices, k <= a handful of parameters). */
export type Matrix = number[][]

/**
 * Cholesky A = L L' in place: the lower triangle of `a` (row-major p x p, symmetric, only the lower
 * triangle read) becomes L. Returns false when A is not numerically positive definite (a pivot <= 0 or
 * not finite).
 */
export function choleskyInPlace(a: Float64Array, p: number): boolean {
  for (let j = 0; j < p; j++) {
    let d = a[j * p + j]
    for (let k = 0; k < j; k++) d -= a[j * p + k] * a[j * p + k]
    if (!(d > 0) || !Number.isFinite(d)) return false
    const ljj = Math.sqrt(d)
    a[j * p + j] = ljj
    for (let i = j + 1; i < p; i++) {
      let s = a[i * p + j]
      for (let k = 0; k < j; k++) s -= a[i * p + k] * a[j * p + k]
      a[i * p + j] = s / ljj
    }
  }
  for (let i = 0; i < p; i++) for (let j = i + 1; j < p; j++) a[i * p + j] = 0
  return true
}

/** Solves L L' x = b given the Cholesky factor L (lower, row-major); writes x into `out`. */
export function choleskySolveInto(l: Float64Array, p: number, b: ArrayLike<number>, out: Float64Array): void {
  for (let i = 0; i < p; i++) {
    let s = b[i]
    for (let k = 0; k < i; k++) s -= l[i * p + k] * out[k]
    out[i] = s / l[i * p + i]
  }
  for (let i = p - 1; i >= 0; i--) {
    let s = out[i]
    for (let k = i + 1; k < p; k++) s -= l[k * p + i] * out[k]
    out[i] = s / l[i * p + i]
  }
}

/** Inverse of an upper-triangular R (row-major p x p) by back substitution; upper triangular too. */
export function invertUpper(r: Float64Array, p: number): Float64Array {
  const inv = new Float64Array(p * p)
  for (let j = 0; j < p; j++) {
    inv[j * p + j] = 1 / r[j * p + j]
    for (let i = j - 1; i >= 0; i--) {
      let s = 0
      for (let k = i + 1; k <= j; k++) s += r[i * p + k] * inv[k * p + j]
      inv[i * p + j] = -s / r[i * p + i]
    }
  }
  return inv
}

/** (R'R)^-1 = R^-1 R^-T from an upper-triangular R (row-major): the unscaled covariance of least squares. */
export function inverseFromUpper(r: Float64Array, p: number): Float64Array {
  const ri = invertUpper(r, p)
  const out = new Float64Array(p * p)
  for (let i = 0; i < p; i++) {
    for (let j = i; j < p; j++) {
      let s = 0
      for (let k = j; k < p; k++) s += ri[i * p + k] * ri[j * p + k]
      out[i * p + j] = s
      out[j * p + i] = s
    }
  }
  return out
}

/** The transpose of a lower-triangular L as an upper-triangular matrix (row-major). */
export function transposeLower(l: Float64Array, p: number): Float64Array {
  const r = new Float64Array(p * p)
  for (let i = 0; i < p; i++) for (let j = 0; j <= i; j++) r[j * p + i] = l[i * p + j]
  return r
}

/** 1-norm condition number of an upper-triangular R: ||R||_1 ||R^-1||_1 (Infinity when singular). */
export function conditionUpper(r: Float64Array, p: number): number {
  const ri = invertUpper(r, p)
  const norm1 = (m: Float64Array) => {
    let best = 0
    for (let j = 0; j < p; j++) {
      let s = 0
      for (let i = 0; i < p; i++) s += Math.abs(m[i * p + j])
      if (!(s <= best)) best = s
    }
    return best
  }
  const c = norm1(r) * norm1(ri)
  return Number.isFinite(c) ? c : Infinity
}

/** Workspace for solving a symmetric positive-definite system scaled to unit diagonal. */
export interface ScaledSolver {
  p: number
  l: Float64Array
  d: Float64Array
  rhs: Float64Array
  tmp: Float64Array
}

/** Allocates the workspace once per fit (hot loops reuse it). */
export function createScaledSolver(p: number): ScaledSolver {
  return {
    p,
    l: new Float64Array(p * p),
    d: new Float64Array(p),
    rhs: new Float64Array(p),
    tmp: new Float64Array(p),
  }
}

/**
 * Factors A (lower triangle of a row-major p x p SPD matrix) as D L L' D with D = sqrt(diag A), which
 * makes the Cholesky insensitive to the predictors' units. Returns the 1-norm condition number of the
 * scaled factor L' (Infinity when A is not positive definite).
 */
export function factorScaled(s: ScaledSolver, a: Float64Array): number {
  const { p, l, d } = s
  for (let j = 0; j < p; j++) {
    d[j] = Math.sqrt(a[j * p + j])
    if (!(d[j] > 0 && Number.isFinite(d[j]))) return Infinity
  }
  for (let j = 0; j < p; j++) for (let k = 0; k <= j; k++) l[j * p + k] = a[j * p + k] / (d[j] * d[k])
  if (!choleskyInPlace(l, p)) return Infinity
  return conditionUpper(transposeLower(l, p), p)
}

/** Solves A x = b with the factorization from `factorScaled`; writes x into `out`. */
export function solveScaled(s: ScaledSolver, b: Float64Array, out: Float64Array): void {
  const { p, l, d, rhs, tmp } = s
  for (let j = 0; j < p; j++) rhs[j] = b[j] / d[j]
  choleskySolveInto(l, p, rhs, tmp)
  for (let j = 0; j < p; j++) out[j] = tmp[j] / d[j]
}

/** A^-1 (full, row-major) from the factorization from `factorScaled`. */
export function inverseScaled(s: ScaledSolver): Float64Array {
  const { p, l, d } = s
  const inv = inverseFromUpper(transposeLower(l, p), p)
  for (let j = 0; j < p; j++) for (let k = 0; k < p; k++) inv[j * p + k] /= d[j] * d[k]
  return inv
}

/** Row-major copy of an array-of-rows matrix. */
function flatten(a: Matrix): Float64Array {
  const k = a.length
  const out = new Float64Array(k * k)
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) out[i * k + j] = a[i][j]
  return out
}

/**
 * Cholesky factor L (lower triangular, A = L L^T) of a symmetric matrix, or null when A is not positive
 * definite (a pivot <= 0 or not finite).
 */
export function cholesky(a: Matrix): Matrix | null {
  const k = a.length
  const l = flatten(a)
  if (!choleskyInPlace(l, k)) return null
  return Array.from({ length: k }, (_, i) => Array.from(l.subarray(i * k, i * k + k)))
}

/** Solves A x = b given the Cholesky factor L of A (array of rows). */
export function choleskySolve(l: Matrix, b: ArrayLike<number>): number[] {
  const out = new Float64Array(l.length)
  choleskySolveInto(flatten(l), l.length, b, out)
  return Array.from(out)
}

/** Inverse of a symmetric positive-definite matrix from its Cholesky factor (array of rows), symmetrized. */
export function choleskyInverse(l: Matrix): Matrix {
  const k = l.length
  const flat = flatten(l)
  const inv: Matrix = []
  const e = new Float64Array(k)
  const column = new Float64Array(k)
  for (let j = 0; j < k; j++) {
    e.fill(0)
    e[j] = 1
    choleskySolveInto(flat, k, e, column)
    inv.push(Array.from(column))
  }
  // Columns of the inverse; symmetric, so rows equal columns up to rounding: symmetrize.
  for (let i = 0; i < k; i++)
    for (let j = 0; j < i; j++) {
      const s = 0.5 * (inv[i][j] + inv[j][i])
      inv[i][j] = s
      inv[j][i] = s
    }
  return inv
}
