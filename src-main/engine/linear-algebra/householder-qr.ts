/**
 * Householder QR least squares on a tall n x p design, with rank detection by column deletion: a column
 * whose part orthogonal to the earlier accepted columns is below `tolerance` times its own norm is
 * reported as a linear combination of them instead of being used as a pivot.
 */

/** Relative size below which a column's new direction counts as zero (cond(X) up to ~1e10 is solved). */
export const RANK_TOLERANCE = 1e-10

/** A column that is (numerically) a linear combination of earlier columns, with the combination. */
export interface DeficientColumn {
  column: number
  /** Coefficients on earlier accepted columns: x_column ~ sum(coefficient_k * x_k). */
  combination: { column: number; coefficient: number }[]
}

export type QrSolution =
  | {
      ok: true
      /** Least-squares coefficients. */
      beta: Float64Array
      /** Upper-triangular R (row-major p x p) with X = QR. */
      r: Float64Array
      /** Residual sum of squares ||y - X beta||^2 from the explicit residuals. */
      rss: number
    }
  | { ok: false; deficient: DeficientColumn[] }

/**
 * Solves min ||y - X beta|| by Householder QR. X is given by its p columns, each n long (null: a column
 * of ones, the intercept); they are copied into one column-major work array (the reflections overwrite
 * it), so each reflection runs over contiguous memory. The residual sum of squares is recomputed from
 * y - X beta.
 */
export function qrLeastSquares(
  columns: readonly (Float64Array | null)[],
  y: Float64Array,
  n: number,
  tolerance = RANK_TOLERANCE,
): QrSolution {
  const p = columns.length
  const a = new Float64Array(n * p)
  columns.forEach((c, j) => (c ? a.set(c.subarray(0, n), j * n) : a.fill(1, j * n, j * n + n)))
  const qty = Float64Array.from(y)
  const norms = new Float64Array(p)
  for (let j = 0; j < p; j++) {
    let s = 0
    for (let i = 0; i < n; i++) s += a[j * n + i] * a[j * n + i]
    norms[j] = Math.sqrt(s)
  }
  const accepted: number[] = []
  const deficient: DeficientColumn[] = []
  const r = new Float64Array(p * p)
  // v0[k]: first component of the k-th Householder vector (the rest is stored below the diagonal).
  const v0 = new Float64Array(p)
  for (let j = 0; j < p; j++) {
    const k = accepted.length
    const col = j * n
    let s = 0
    for (let i = k; i < n; i++) s += a[col + i] * a[col + i]
    const norm = Math.sqrt(s)
    if (!(norm > tolerance * norms[j]) || k >= n) {
      deficient.push({ column: j, combination: combinationOf(a, r, accepted, n, p, j) })
      continue
    }
    const akk = a[col + k]
    const alpha = akk > 0 ? -norm : norm
    const head = akk - alpha
    const vtv = head * head + (s - akk * akk)
    v0[k] = head
    a[col + k] = alpha
    // Apply H = I - 2 v v' / v'v to the later columns and to y.
    for (let jj = j + 1; jj < p; jj++) reflect(a, jj * n, a, col, head, vtv, k, n)
    reflect(qty, 0, a, col, head, vtv, k, n)
    for (let kk = 0; kk <= k; kk++) r[kk * p + j] = a[col + kk]
    accepted.push(j)
  }
  if (deficient.length > 0) return { ok: false, deficient }
  // All columns accepted: R is upper triangular p x p.
  const beta = new Float64Array(p)
  for (let i = p - 1; i >= 0; i--) {
    let t = qty[i]
    for (let k = i + 1; k < p; k++) t -= r[i * p + k] * beta[k]
    beta[i] = t / r[i * p + i]
  }
  return { ok: true, beta, r, rss: residualSumOfSquares(columns, y, n, beta) }
}

/** ||y - X beta||^2, each fitted value summed over the columns in order. */
function residualSumOfSquares(
  columns: readonly (Float64Array | null)[],
  y: Float64Array,
  n: number,
  beta: Float64Array,
): number {
  let rss = 0
  for (let i = 0; i < n; i++) {
    let fit = 0
    for (let j = 0; j < columns.length; j++) fit += (columns[j]?.[i] ?? 1) * beta[j]
    const e = y[i] - fit
    rss += e * e
  }
  return rss
}

function reflect(
  target: Float64Array,
  offset: number,
  a: Float64Array,
  col: number,
  head: number,
  vtv: number,
  k: number,
  n: number,
): void {
  let dot = head * target[offset + k]
  for (let i = k + 1; i < n; i++) dot += a[col + i] * target[offset + i]
  const f = (2 * dot) / vtv
  target[offset + k] -= f * head
  for (let i = k + 1; i < n; i++) target[offset + i] -= f * a[col + i]
}

// Column j, already reflected by the accepted columns' Householder vectors, has its top k entries equal to
// R_acc c where x_j ~ X_acc c; back substitution gives c.
function combinationOf(
  a: Float64Array,
  r: Float64Array,
  accepted: number[],
  n: number,
  p: number,
  j: number,
): DeficientColumn['combination'] {
  const k = accepted.length
  const c = new Float64Array(k)
  for (let i = k - 1; i >= 0; i--) {
    let t = a[j * n + i]
    for (let m = i + 1; m < k; m++) t -= r[i * p + accepted[m]] * c[m]
    c[i] = t / r[i * p + accepted[i]]
  }
  return accepted.map((column, i) => ({ column, coefficient: c[i] }))
}
