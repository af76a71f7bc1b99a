/**
 * Fused per-row kernels over a column-major design (`Design.columns`: the non-intercept columns, each n
 * long; the intercept's ones are implicit), specialized for the number of coefficients p and whether
 * there is an intercept. V8 keeps neither typed-array accumulators nor inner loops over p in registers;
 * a loop body unrolled over p with local accumulators runs ~5x faster (X'X on 1e6 x 11: ~80 ms against
 * ~420 ms). Each row reads one value from each column, so every column is a sequential stream. The
 * source is generated from the integer p and fixed flags only (never from data or names) and compiled
 * once per shape. Above MAX_UNROLLED_P the straightforward loops are used (on row blocks gathered from
 * the columns); tests check both give the same numbers.
 */

/** Largest p compiled into unrolled code (p(p+1)/2 local accumulators). */
export const MAX_UNROLLED_P = 24

/** X'X (lower triangle into `xtx`, row-major p x p) and X'y (into `xty`), in one pass. */
export type CrossKernel = (
  cols: readonly Float64Array[],
  y: Float64Array,
  n: number,
  xtx: Float64Array,
  xty: Float64Array,
) => void

/** Residual pass r = y - X beta: writes X'r into `xtr` and returns sum r^2. */
export type ResidualKernel = (
  cols: readonly Float64Array[],
  y: Float64Array,
  n: number,
  beta: Float64Array,
  xtr: Float64Array,
) => number

/**
 * Residual sums of squares of several coefficient vectors in one pass: `betas` holds them one after
 * another (m x p); rss[k] = sum (y - X betas_k)^2, each summed exactly as ResidualKernel sums its own.
 */
export type ResidualsKernel = (
  cols: readonly Float64Array[],
  y: Float64Array,
  n: number,
  betas: Float64Array,
  rss: Float64Array,
) => void

/** Most coefficient vectors (m * p locals) one compiled ResidualsKernel call keeps unrolled. */
const MAX_UNROLLED_COEFFICIENTS = 160

/**
 * GLM pass at beta: returns the log-likelihood (Poisson without -sum(log y!)); writes the score X'(y - mu)
 * and, when `info` is not null, the lower triangle of X'WX.
 */
export type GlmKernel = (
  cols: readonly Float64Array[],
  y: Float64Array,
  offset: Float64Array | null,
  n: number,
  beta: Float64Array,
  score: Float64Array,
  info: Float64Array | null,
) => number

const cache = new Map<string, unknown>()

function compiled<T>(key: string, build: () => string, names: string[]): T {
  let f = cache.get(key) as T | undefined
  if (!f) {
    f = new Function(...names, build()) as T
    cache.set(key, f)
  }
  return f
}

const range = (p: number) => Array.from({ length: p }, (_, j) => j)
const pairs = (p: number) => range(p).flatMap((j) => range(j + 1).map((k) => [j, k] as const))

/** Source lines binding the stored columns to locals c<j> (before the row loop). */
const bindColumns = (p: number, intercept: boolean) =>
  range(p)
    .filter((j) => !(intercept && j === 0))
    .map((j) => `const c${j} = cols[${intercept ? j - 1 : j}];`)

/** Source lines reading row i's x<j> (inside the row loop): 1 for the intercept. */
const readRow = (p: number, intercept: boolean) =>
  range(p).map((j) => (intercept && j === 0 ? 'const x0 = 1;' : `const x${j} = c${j}[i];`))

/** One-pass X'X and X'y for p coefficients (unrolled when p <= MAX_UNROLLED_P). */
export function crossKernel(p: number, intercept: boolean): CrossKernel {
  if (p > MAX_UNROLLED_P) return (cols, y, n, xtx, xty) => crossLoops(cols, intercept, y, n, p, xtx, xty)
  return compiled<CrossKernel>(
    `cross:${p}:${intercept}`,
    () => {
      const r = range(p)
      const pr = pairs(p)
      return [
        ...bindColumns(p, intercept),
        ...pr.map(([j, k]) => `let h${j}_${k} = 0;`),
        ...r.map((j) => `let c${j}y = 0;`),
        `for (let i = 0; i < n; i++) {`,
        ...readRow(p, intercept),
        'const yi = y[i];',
        ...r.map((j) => `c${j}y += x${j} * yi;`),
        ...pr.map(([j, k]) => `h${j}_${k} += x${j} * x${k};`),
        '}',
        ...pr.map(([j, k]) => `xtx[${j * p + k}] = h${j}_${k};`),
        ...r.map((j) => `xty[${j}] = c${j}y;`),
      ].join('\n')
    },
    ['cols', 'y', 'n', 'xtx', 'xty'],
  )
}

/** The linear predictor out_i = offset_i + x_i'beta (offset null: 0 +), one pass over the columns. */
export type PredictKernel = (
  cols: readonly Float64Array[],
  offset: Float64Array | null,
  n: number,
  beta: Float64Array,
  out: Float64Array,
) => void

/** The linear predictor for p coefficients (unrolled when p <= MAX_UNROLLED_P), summed as the GLM pass sums it. */
export function predictKernel(p: number, intercept: boolean): PredictKernel {
  if (p > MAX_UNROLLED_P)
    return (cols, offset, n, beta, out) => predictLoops(cols, intercept, offset, n, beta, out)
  return compiled<PredictKernel>(
    `predict:${p}:${intercept}`,
    () => {
      const r = range(p)
      return [
        ...bindColumns(p, intercept),
        ...r.map((j) => `const b${j} = beta[${j}];`),
        'for (let i = 0; i < n; i++) {',
        ...readRow(p, intercept),
        `out[i] = (offset === null ? 0 : offset[i]) + ${r.map((j) => `x${j} * b${j}`).join(' + ')};`,
        '}',
      ].join('\n')
    },
    ['cols', 'offset', 'n', 'beta', 'out'],
  )
}

/** Straightforward linear predictor, column after column (the same additions in the same order). */
export function predictLoops(
  cols: readonly Float64Array[],
  intercept: boolean,
  offset: Float64Array | null,
  n: number,
  beta: Float64Array,
  out: Float64Array,
): void {
  if (offset) out.set(offset.subarray(0, n))
  else out.fill(0)
  if (intercept) for (let i = 0; i < n; i++) out[i] += beta[0]
  const first = intercept ? 1 : 0
  cols.forEach((c, k) => {
    const b = beta[first + k]
    for (let i = 0; i < n; i++) out[i] += c[i] * b
  })
}

/** Residual pass (X'r and the residual sum of squares) for p coefficients. */
export function residualKernel(p: number, intercept: boolean): ResidualKernel {
  if (p > MAX_UNROLLED_P) {
    return (cols, y, n, beta, xtr) => residualLoops(cols, intercept, y, n, p, beta, xtr)
  }
  return compiled<ResidualKernel>(
    `residual:${p}:${intercept}`,
    () => {
      const r = range(p)
      return [
        ...bindColumns(p, intercept),
        ...r.map((j) => `const b${j} = beta[${j}]; let s${j} = 0;`),
        'let rss = 0;',
        `for (let i = 0; i < n; i++) {`,
        ...readRow(p, intercept),
        `const r = y[i] - (${r.map((j) => `x${j} * b${j}`).join(' + ')});`,
        'rss += r * r;',
        ...r.map((j) => `s${j} += x${j} * r;`),
        '}',
        ...r.map((j) => `xtr[${j}] = s${j};`),
        'return rss;',
      ].join('\n')
    },
    ['cols', 'y', 'n', 'beta', 'xtr'],
  )
}

/**
 * RSS of m coefficient vectors in one pass over X (the drop-one tests: one reduced fit per term), in
 * groups of at most MAX_UNROLLED_COEFFICIENTS / p vectors per compiled pass.
 */
export function residualsKernel(p: number, intercept: boolean, m: number): ResidualsKernel {
  const group = Math.max(1, Math.floor(MAX_UNROLLED_COEFFICIENTS / p))
  if (p > MAX_UNROLLED_P || m === 0) {
    return (cols, y, n, betas, rss) => residualsLoops(cols, intercept, y, n, p, betas, rss)
  }
  return (cols, y, n, betas, rss) => {
    for (let k0 = 0; k0 < m; k0 += group) {
      const size = Math.min(group, m - k0)
      const kernel = residualsGroup(p, intercept, size)
      kernel(cols, y, n, betas.subarray(k0 * p, (k0 + size) * p), rss.subarray(k0, k0 + size))
    }
  }
}

function residualsGroup(p: number, intercept: boolean, m: number): ResidualsKernel {
  return compiled<ResidualsKernel>(
    `residuals:${p}:${intercept}:${m}`,
    () => {
      const r = range(p)
      const models = range(m)
      return [
        ...bindColumns(p, intercept),
        ...models.flatMap((k) => r.map((j) => `const b${k}_${j} = betas[${k * p + j}];`)),
        ...models.map((k) => `let rss${k} = 0;`),
        `for (let i = 0; i < n; i++) {`,
        ...readRow(p, intercept),
        'const yi = y[i];',
        ...models.map((k) => `const r${k} = yi - (${r.map((j) => `x${j} * b${k}_${j}`).join(' + ')});`),
        ...models.map((k) => `rss${k} += r${k} * r${k};`),
        '}',
        ...models.map((k) => `rss[${k}] = rss${k};`),
      ].join('\n')
    },
    ['cols', 'y', 'n', 'betas', 'rss'],
  )
}

/** The inverse link's lines: mu and w from eta, and the row's log-likelihood added to ll. */
function meanLines(family: 'logistic' | 'poisson'): string[] {
  if (family === 'poisson') return ['const mu = Math.exp(eta); const w = mu; ll += yi * eta - mu;']
  return [
    // Stable on both sides of 0: mu = 1/(1+e^-eta), log(1+e^eta), w = e/(1+e)^2.
    'let mu, w;',
    'if (eta >= 0) { const e = Math.exp(-eta); const d = 1 + e; mu = 1 / d; w = e / (d * d); ll += (yi - 1) * eta - Math.log1p(e); }',
    'else { const e = Math.exp(eta); const d = 1 + e; mu = e / d; w = e / (d * d); ll += yi * eta - Math.log1p(e); }',
  ]
}

/** Rows per chunk of the GLM kernel's three loops (its scratch of eta, residuals and weights stays in L1). */
const GLM_CHUNK = 512

/**
 * The GLM pass for a family and p, with or without the information matrix. Rows go in chunks through
 * three loops: the linear predictor (reads the columns), the inverse link (Math.exp and Math.log1p are
 * calls: with the columns out of that loop, V8 need not reload every column's bounds around them, which
 * made one fused loop 2x slower), and the sums (reads the chunk's columns again, from cache). Every sum
 * still adds its rows in order, so the numbers are those of one fused per-row loop.
 */
export function glmKernel(
  family: 'logistic' | 'poisson',
  p: number,
  intercept: boolean,
  withInfo: boolean,
): GlmKernel {
  if (p > MAX_UNROLLED_P) {
    return (cols, y, offset, n, beta, score, info) =>
      glmLoops(family, cols, intercept, y, offset, n, p, beta, score, info)
  }
  return compiled<GlmKernel>(
    `glm:${family}:${p}:${intercept}:${withInfo}`,
    () => {
      const r = range(p)
      const pr = pairs(p)
      return [
        ...bindColumns(p, intercept),
        ...r.map((j) => `const b${j} = beta[${j}]; let s${j} = 0;`),
        ...(withInfo ? pr.map(([j, k]) => `let h${j}_${k} = 0;`) : []),
        'let ll = 0;',
        `const etas = new Float64Array(${GLM_CHUNK}), res = new Float64Array(${GLM_CHUNK}), ws = new Float64Array(${GLM_CHUNK});`,
        `for (let i0 = 0; i0 < n; i0 += ${GLM_CHUNK}) {`,
        `const end = Math.min(n, i0 + ${GLM_CHUNK});`,
        'for (let i = i0; i < end; i++) {',
        ...readRow(p, intercept),
        `etas[i - i0] = (offset === null ? 0 : offset[i]) + ${r.map((j) => `x${j} * b${j}`).join(' + ')};`,
        '}',
        'for (let i = i0; i < end; i++) {',
        'const eta = etas[i - i0]; const yi = y[i];',
        ...meanLines(family),
        'res[i - i0] = yi - mu; ws[i - i0] = w;',
        '}',
        'for (let i = i0; i < end; i++) {',
        ...readRow(p, intercept),
        'const r = res[i - i0];',
        ...r.map((j) => `s${j} += x${j} * r;`),
        ...(withInfo ? ['const w = ws[i - i0];', ...r.map((j) => `const w${j} = w * x${j};`)] : []),
        ...(withInfo ? pr.map(([j, k]) => `h${j}_${k} += w${j} * x${k};`) : []),
        '}',
        '}',
        ...r.map((j) => `score[${j}] = s${j};`),
        ...(withInfo ? pr.map(([j, k]) => `info[${j * p + k}] = h${j}_${k};`) : []),
        'return ll;',
      ].join('\n')
    },
    ['cols', 'y', 'offset', 'n', 'beta', 'score', 'info'],
  )
}

/**
 * GLM passes at m coefficient vectors at once (the lockstep drop-one refits): `betas` holds them one
 * after another (m x p); writes each one's score into `scores` (m x p) and log-likelihood into `lls`,
 * each summed exactly as GlmKernel (without the information) sums its own. The columns are read once
 * for all m, in groups of at most MAX_UNROLLED_COEFFICIENTS / p vectors per compiled pass.
 */
export type GlmScoresKernel = (
  cols: readonly Float64Array[],
  y: Float64Array,
  offset: Float64Array | null,
  n: number,
  betas: Float64Array,
  scores: Float64Array,
  lls: Float64Array,
) => void

/** The GLM log-likelihoods and scores of m coefficient vectors in one pass (p <= MAX_UNROLLED_P). */
export function glmScoresKernel(
  family: 'logistic' | 'poisson',
  p: number,
  intercept: boolean,
  m: number,
): GlmScoresKernel {
  const group = Math.max(1, Math.floor(MAX_UNROLLED_COEFFICIENTS / p))
  return (cols, y, offset, n, betas, scores, lls) => {
    for (let k0 = 0; k0 < m; k0 += group) {
      const size = Math.min(group, m - k0)
      const part = (a: Float64Array, width: number) => a.subarray(k0 * width, (k0 + size) * width)
      glmScoresGroup(family, p, intercept, size)(
        cols,
        y,
        offset,
        n,
        part(betas, p),
        part(scores, p),
        part(lls, 1),
      )
    }
  }
}

function glmScoresGroup(
  family: 'logistic' | 'poisson',
  p: number,
  intercept: boolean,
  m: number,
): GlmScoresKernel {
  return compiled<GlmScoresKernel>(
    `glm-scores:${family}:${p}:${intercept}:${m}`,
    () => {
      const r = range(p)
      const models = range(m)
      const at = (k: number) => `${k * GLM_CHUNK} + i - i0`
      return [
        ...bindColumns(p, intercept),
        ...models.flatMap((k) => r.map((j) => `const b${k}_${j} = betas[${k * p + j}]; let s${k}_${j} = 0;`)),
        ...models.map((k) => `let ll${k} = 0;`),
        `const etas = new Float64Array(${m * GLM_CHUNK}), res = new Float64Array(${m * GLM_CHUNK});`,
        `for (let i0 = 0; i0 < n; i0 += ${GLM_CHUNK}) {`,
        `const end = Math.min(n, i0 + ${GLM_CHUNK});`,
        'for (let i = i0; i < end; i++) {',
        ...readRow(p, intercept),
        'const o = offset === null ? 0 : offset[i];',
        ...models.map((k) => `etas[${at(k)}] = o + ${r.map((j) => `x${j} * b${k}_${j}`).join(' + ')};`),
        '}',
        ...models.flatMap((k) => [
          'for (let i = i0; i < end; i++) {',
          `const eta = etas[${at(k)}]; const yi = y[i]; let ll = 0;`,
          ...meanLines(family),
          `ll${k} += ll; res[${at(k)}] = yi - mu;`,
          '}',
        ]),
        'for (let i = i0; i < end; i++) {',
        ...readRow(p, intercept),
        ...models.flatMap((k) => [
          `const r${k} = res[${at(k)}];`,
          ...r.map((j) => `s${k}_${j} += x${j} * r${k};`),
        ]),
        '}',
        '}',
        ...models.flatMap((k) => r.map((j) => `scores[${k * p + j}] = s${k}_${j};`)),
        ...models.map((k) => `lls[${k}] = ll${k};`),
      ].join('\n')
    },
    ['cols', 'y', 'offset', 'n', 'betas', 'scores', 'lls'],
  )
}

/** Rows gathered per block by the straightforward loops (a block of p <= ~100 columns stays in cache). */
const BLOCK_ROWS = 256

/**
 * Calls `body(x, start, rows)` for consecutive row blocks, each gathered row-major into `x` (rows x p,
 * the intercept's 1s included): the plain loops below then read it as they would a row-major design.
 */
function forEachBlock(
  cols: readonly Float64Array[],
  intercept: boolean,
  n: number,
  p: number,
  body: (x: Float64Array, start: number, rows: number) => void,
): void {
  const x = new Float64Array(BLOCK_ROWS * p)
  const first = intercept ? 1 : 0
  if (intercept) for (let i = 0; i < BLOCK_ROWS; i++) x[i * p] = 1
  for (let start = 0; start < n; start += BLOCK_ROWS) {
    const rows = Math.min(BLOCK_ROWS, n - start)
    cols.forEach((c, k) => {
      for (let i = 0; i < rows; i++) x[i * p + first + k] = c[start + i]
    })
    body(x, start, rows)
  }
}

/** Straightforward X'X and X'y (reference for the unrolled kernel, and for large p). */
export function crossLoops(
  cols: readonly Float64Array[],
  intercept: boolean,
  y: Float64Array,
  n: number,
  p: number,
  xtx: Float64Array,
  xty: Float64Array,
): void {
  xtx.fill(0)
  xty.fill(0)
  forEachBlock(cols, intercept, n, p, (x, start, rows) => {
    for (let i = 0; i < rows; i++) {
      const b = i * p
      for (let j = 0; j < p; j++) {
        const xj = x[b + j]
        xty[j] += xj * y[start + i]
        for (let k = 0; k <= j; k++) xtx[j * p + k] += xj * x[b + k]
      }
    }
  })
}

/** Straightforward residual pass (reference for the unrolled kernel, and for large p). */
export function residualLoops(
  cols: readonly Float64Array[],
  intercept: boolean,
  y: Float64Array,
  n: number,
  p: number,
  beta: Float64Array,
  xtr: Float64Array,
): number {
  xtr.fill(0)
  let rss = 0
  forEachBlock(cols, intercept, n, p, (x, start, rows) => {
    for (let i = 0; i < rows; i++) {
      const b = i * p
      let fit = 0
      for (let j = 0; j < p; j++) fit += x[b + j] * beta[j]
      const r = y[start + i] - fit
      rss += r * r
      for (let j = 0; j < p; j++) xtr[j] += x[b + j] * r
    }
  })
  return rss
}

/** Straightforward RSS of several coefficient vectors (reference for the unrolled kernel, and for large p). */
export function residualsLoops(
  cols: readonly Float64Array[],
  intercept: boolean,
  y: Float64Array,
  n: number,
  p: number,
  betas: Float64Array,
  rss: Float64Array,
): void {
  const m = rss.length
  rss.fill(0)
  forEachBlock(cols, intercept, n, p, (x, start, rows) => {
    for (let i = 0; i < rows; i++) {
      const b = i * p
      for (let k = 0; k < m; k++) {
        let fit = 0
        for (let j = 0; j < p; j++) fit += x[b + j] * betas[k * p + j]
        const r = y[start + i] - fit
        rss[k] += r * r
      }
    }
  })
}

/** Straightforward GLM pass (reference for the unrolled kernel, and for large p). */
export function glmLoops(
  family: 'logistic' | 'poisson',
  cols: readonly Float64Array[],
  intercept: boolean,
  y: Float64Array,
  offset: Float64Array | null,
  n: number,
  p: number,
  beta: Float64Array,
  score: Float64Array,
  info: Float64Array | null,
): number {
  score.fill(0)
  if (info) info.fill(0)
  let ll = 0
  forEachBlock(cols, intercept, n, p, (x, start, rows) => {
    for (let i = 0; i < rows; i++) {
      const b = i * p
      let eta = offset ? offset[start + i] : 0
      for (let j = 0; j < p; j++) eta += x[b + j] * beta[j]
      const yi = y[start + i]
      const { mu, w, logLik } = meanAt(family, eta, yi)
      ll += logLik
      const r = yi - mu
      for (let j = 0; j < p; j++) score[j] += x[b + j] * r
      if (!info) continue
      for (let j = 0; j < p; j++) {
        const wx = w * x[b + j]
        for (let k = 0; k <= j; k++) info[j * p + k] += wx * x[b + k]
      }
    }
  })
  return ll
}

/** One row's mean, weight and log-likelihood term (the plain loops' inverse link). */
function meanAt(family: 'logistic' | 'poisson', eta: number, yi: number) {
  if (family === 'poisson') {
    const mu = Math.exp(eta)
    return { mu, w: mu, logLik: yi * eta - mu }
  }
  const e = Math.exp(-Math.abs(eta))
  const d = 1 + e
  return {
    mu: eta >= 0 ? 1 / d : e / d,
    w: e / (d * d),
    logLik: (eta >= 0 ? (yi - 1) * eta : yi * eta) - Math.log1p(e),
  }
}
