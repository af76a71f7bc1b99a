/** Small dense symmetric matrices (k <= 3 parameters here) as arrays of rows. */
export type Matrix = number[][]

/**
 * Cholesky factor L (lower triangular, A = L L^T) of a symmetric matrix, or null when A is not positive
 * definite (a pivot <= 0 or not finite).
 */
export function cholesky(a: Matrix): Matrix | null {
  const k = a.length
  const l: Matrix = a.map(() => new Array<number>(k).fill(0))
  for (let j = 0; j < k; j++) {
    let d = a[j][j]
    for (let m = 0; m < j; m++) d -= l[j][m] * l[j][m]
    if (!(d > 0) || !Number.isFinite(d)) return null
    l[j][j] = Math.sqrt(d)
    for (let i = j + 1; i < k; i++) {
      let s = a[i][j]
      for (let m = 0; m < j; m++) s -= l[i][m] * l[j][m]
      l[i][j] = s / l[j][j]
    }
  }
  return l
}

/** Solves A x = b given the Cholesky factor L of A. */
export function choleskySolve(l: Matrix, b: ArrayLike<number>): number[] {
  const k = l.length
  const y = new Array<number>(k)
  for (let i = 0; i < k; i++) {
    let s = b[i]
    for (let m = 0; m < i; m++) s -= l[i][m] * y[m]
    y[i] = s / l[i][i]
  }
  const x = new Array<number>(k)
  for (let i = k - 1; i >= 0; i--) {
    let s = y[i]
    for (let m = i + 1; m < k; m++) s -= l[m][i] * x[m]
    x[i] = s / l[i][i]
  }
  return x
}

/** Inverse of a symmetric positive-definite matrix from its Cholesky factor. */
export function choleskyInverse(l: Matrix): Matrix {
  const k = l.length
  const inv: Matrix = []
  for (let j = 0; j < k; j++) {
    const e = new Array<number>(k).fill(0)
    e[j] = 1
    inv.push(choleskySolve(l, e))
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
