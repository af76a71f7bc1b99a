import type { TracePoint } from '../../../src-shared/contract'
import { FitError } from '../errors'
import type { Design } from './design'
import { glmMeans, glmPass, type GlmFamily } from './glm-pass'
import { qrLeastSquares } from '../linear-algebra/householder-qr'
import { rankDeficiencyMessage } from './rank-message'
import type { RegressionReporter } from './reporter'
import { createScaledSolver, factorScaled, inverseScaled, solveScaled } from '../linear-algebra/cholesky'

/** Above this condition number of the scaled information, the design is checked for collinearity by QR. */
const RANK_CHECK_CONDITION = 1e8
/** Iterations in a row whose Newton decrement is negligible while coefficients still move: diverging. */
const STALL_LIMIT = 5
/** A coefficient step counts as settled below this relative size. */
const STEP_TOLERANCE = 1e-7
/** Reuse the information matrix once steps are this small (relative) and the decrement this small. */
const REUSE_STEP = 1e-3
const REUSE_DECREMENT = 1e-6

/** Why the maximum-likelihood estimate does not exist, when it does not. */
export interface Divergence {
  /** Logistic: complete or quasi-complete separation; Poisson: a coefficient running to -infinity. */
  kind: 'complete' | 'quasi-complete' | 'diverging'
  /** Design columns whose coefficients run off (by index). */
  columns: number[]
  /** Rows fitted (numerically) exactly: probability 0/1 matching y, or mean 0 for a zero count. */
  perfectRows: number
}

export interface GlmNewtonResult {
  beta: Float64Array
  /** Inverse observed (= Fisher) information at beta, row-major p x p; null when singular. */
  covariance: Float64Array | null
  /** The information X'WX at beta (lower triangle) when the covariance was asked for. */
  information: Float64Array
  /** Log-likelihood without the Poisson constant -sum(log y!). */
  kernelLogLikelihood: number
  iterations: number
  converged: boolean
  divergence: Divergence | null
  trace: TracePoint[]
}

export interface NewtonOptions {
  maxIterations: number
  /** Stop when half the Newton decrement is below tolerance * (|logLik| + 1). */
  tolerance: number
  /** Added to the trace log-likelihood so it is the full one (Poisson: -sum(log y!)). */
  constant: number
  /** Reuse the last information matrix near the optimum (default true; false = plain Newton). */
  reuseInformation?: boolean
  /** Compute the covariance at the end (default true; false leaves it null and saves a full pass). */
  covariance?: boolean
  /**
   * An information matrix near the start (lower triangle, p x p; a drop-one refit takes the full fit's):
   * the first Newton step uses it, so the first pass skips X'WX.
   */
  information?: Float64Array | null
  /**
   * Columns whose coefficients stay at their start (a drop-one refit holds them at 0 on the full design:
   * the same likelihood as the design without them, with no copy of it). Their step is 0.
   */
  fixed?: readonly number[]
}

/** Start: intercept at the intercept-only MLE (logit of the mean, or log of the rate), other slopes 0. */
export function glmStart(family: GlmFamily, design: Design): Float64Array {
  const beta = new Float64Array(design.p)
  if (!design.intercept) return beta
  let sy = 0
  let se = 0
  for (let i = 0; i < design.n; i++) {
    sy += design.y[i]
    se += design.offset ? Math.exp(design.offset[i]) : 1
  }
  const m = sy / design.n
  if (family === 'logistic') beta[0] = m > 0 && m < 1 ? Math.log(m / (1 - m)) : 0
  else beta[0] = sy > 0 ? Math.log(sy / se) : 0
  return beta
}

/**
 * The Newton step scaled by 1, 1/2, 1/4, ... until the log-likelihood does not fall (40 halvings at most):
 * the candidate, its score and (when asked) information are written into the given buffers.
 */
function halvedStep(
  family: GlmFamily,
  design: Design,
  beta: Float64Array,
  step: Float64Array,
  ll: number,
  cand: Float64Array,
  score: Float64Array,
  info: Float64Array | null,
): { t: number; next: number } {
  let t = 1
  let next = NaN
  for (let half = 0; half < 40; half++) {
    for (let j = 0; j < beta.length; j++) cand[j] = beta[j] + t * step[j]
    next = glmPass(family, design, cand, score, info)
    if (next >= ll - 1e-12 * Math.abs(ll)) break
    t /= 2
  }
  return { t, next }
}

/**
 * Newton's linear algebra on the free coefficients: the information's and score's rows for them are
 * gathered, solved, and the step scattered back with 0 for the fixed ones (the inverse is null then).
 */
function freeSolver(p: number, fixed: readonly number[]) {
  const free = Int32Array.from({ length: p }, (_, j) => j).filter((j) => !fixed.includes(j))
  const q = free.length
  const solver = createScaledSolver(q)
  const sub = new Float64Array(q * q)
  const rhs = new Float64Array(q)
  const out = new Float64Array(q)
  return {
    factor(info: Float64Array): number {
      if (q === p) return factorScaled(solver, info)
      for (let a = 0; a < q; a++) for (let b = 0; b < q; b++) sub[a * q + b] = info[free[a] * p + free[b]]
      return factorScaled(solver, sub)
    },
    solve(score: Float64Array, step: Float64Array): void {
      if (q === p) return solveScaled(solver, score, step)
      for (let a = 0; a < q; a++) rhs[a] = score[free[a]]
      solveScaled(solver, rhs, out)
      step.fill(0)
      for (let a = 0; a < q; a++) step[free[a]] = out[a]
    },
    inverse: (): Float64Array | null => (q === p ? inverseScaled(solver) : null),
  }
}

/** beta - from: the direction the coefficients moved in (the divergence diagnosis follows it). */
function movedFrom(from: Float64Array, beta: Float64Array): Float64Array {
  return beta.map((b, j) => b - from[j])
}

/**
 * Newton-Raphson (= IRLS for canonical links) with step halving. Each iteration is one fused pass giving
 * the log-likelihood, the score and the information together. Detects a non-existent MLE (separation,
 * diverging Poisson coefficients) when the likelihood flattens while coefficients keep moving, instead of
 * returning huge estimates.
 */
export async function glmNewton(
  family: GlmFamily,
  design: Design,
  options: NewtonOptions,
  reporter: RegressionReporter | null,
  start: Float64Array = glmStart(family, design),
  emitTrace = true,
): Promise<GlmNewtonResult> {
  const { p, names } = design
  const solver = freeSolver(p, options.fixed ?? [])
  let beta = Float64Array.from(start)
  let cand = new Float64Array(p)
  let score = new Float64Array(p)
  let info = new Float64Array(p * p)
  let score2 = new Float64Array(p)
  let info2 = new Float64Array(p * p)
  const step = new Float64Array(p)
  const trace: TracePoint[] = []
  const point = (iteration: number, kernel: number): TracePoint => ({
    iteration,
    logLikelihood: (kernel + options.constant) / design.n,
    validationLogLikelihood: null,
    params: Object.fromEntries(names.map((name, j) => [name, beta[j]])),
  })
  const given = options.information ?? null
  if (given) info.set(given)
  let ll = glmPass(family, design, beta, score, given ? null : info)
  trace.push(point(0, ll))
  let iterations = 0
  let converged = false
  let stalled = 0
  let stallStart: Float64Array | null = null
  let singular = false
  // Near the optimum the information barely changes, so the last factorization is reused and the
  // passes skip X'WX (about 3x cheaper); a fresh one is computed again for the standard errors.
  let fresh = true
  // A given information is trusted like one reused near the optimum (a drop-one refit starts close).
  let lastStep = given ? 0 : Infinity
  let lastDecrement = Infinity
  for (let it = 1; it <= options.maxIterations; it++) {
    if (reporter) await reporter.checkpoint()
    if (fresh) {
      const cond = solver.factor(info)
      if (it === 1 && !(cond <= RANK_CHECK_CONDITION)) assertFullRank(design)
      if (!Number.isFinite(cond)) {
        singular = true
        break
      }
    }
    solver.solve(score, step)
    let decrement = 0
    for (let j = 0; j < p; j++) decrement += score[j] * step[j]
    const scale = Math.abs(ll) + 1
    const withInfo: boolean = !(
      options.reuseInformation !== false &&
      lastStep <= REUSE_STEP &&
      decrement / 2 <= REUSE_DECREMENT * scale &&
      (fresh || decrement <= lastDecrement / 10)
    )
    const { t, next } = halvedStep(family, design, beta, step, ll, cand, score2, withInfo ? info2 : null)
    if (!(next >= ll - 1e-12 * Math.abs(ll))) break
    lastStep = 0
    for (let j = 0; j < p; j++) lastStep = Math.max(lastStep, Math.abs(t * step[j]) / (1 + Math.abs(cand[j])))
    const settled = lastStep <= STEP_TOLERANCE
    lastDecrement = decrement
    ;[beta, cand] = [cand, beta]
    ;[score, score2] = [score2, score]
    if (withInfo) [info, info2] = [info2, info]
    fresh = withInfo
    ll = next
    iterations = it
    const tp = point(it, ll)
    trace.push(tp)
    if (emitTrace)
      reporter?.trace(tp, null, `iteration ${it}, log-likelihood ${(ll + options.constant).toPrecision(10)}`)
    if (decrement / 2 <= options.tolerance * scale) {
      if (settled) {
        converged = true
        break
      }
      if (stalled === 0) stallStart = Float64Array.from(beta)
      if (++stalled >= STALL_LIMIT) break
    } else {
      stalled = 0
      stallStart = null
    }
  }
  const wantCovariance = options.covariance !== false
  if (!fresh && wantCovariance) ll = glmPass(family, design, beta, score, info)
  const divergence = converged
    ? null
    : diagnoseDivergence(
        family,
        design,
        beta,
        movedFrom(stallStart ?? start, beta),
        singular || stalled >= STALL_LIMIT,
      )
  const cond = wantCovariance ? solver.factor(info) : NaN
  const covariance = Number.isFinite(cond) ? solver.inverse() : null
  return {
    beta,
    covariance,
    information: info,
    kernelLogLikelihood: ll,
    iterations,
    converged,
    divergence,
    trace,
  }
}

/** Throws a FitError naming the collinear columns when the design is rank deficient. */
export function assertFullRank(design: Design): void {
  const qr = qrLeastSquares(design.x, design.y, design.n, design.p)
  if (!qr.ok) throw new FitError(rankDeficiencyMessage(qr.deficient, design.names))
}

// Separation: a direction d with (2y - 1) x'd >= 0 on every row lets the likelihood rise forever along d.
// Newton's steps line up with that direction, so d is read from the coefficients' drift.
function diagnoseDivergence(
  family: GlmFamily,
  design: Design,
  beta: Float64Array,
  direction: Float64Array,
  stalled: boolean,
): Divergence | null {
  const { x, y, n, p } = design
  const mu = glmMeans(family, design, beta)
  let perfect = 0
  let minSide = Infinity
  let maxSide = 0
  const rms = new Float64Array(p)
  for (let i = 0; i < n; i++) {
    let s = 0
    for (let j = 0; j < p; j++) {
      s += x[i * p + j] * direction[j]
      rms[j] += x[i * p + j] * x[i * p + j]
    }
    const side = family === 'logistic' ? (2 * y[i] - 1) * s : -s
    if (side < minSide) minSide = side
    if (Math.abs(side) > maxSide) maxSide = Math.abs(side)
    if (family === 'logistic' ? Math.abs(y[i] - mu[i]) < 1e-8 : y[i] === 0 && mu[i] < 1e-8) perfect++
  }
  const separates = maxSide > 0 && minSide >= -1e-6 * maxSide
  if (!(stalled || separates) || perfect === 0) return null
  if (family === 'logistic' && !separates) return null
  let biggest = 0
  for (let j = 0; j < p; j++) {
    rms[j] = Math.sqrt(rms[j] / n) * Math.abs(direction[j])
    biggest = Math.max(biggest, rms[j])
  }
  const columns: number[] = []
  for (let j = 0; j < p; j++) if (rms[j] >= 1e-3 * biggest && biggest > 0) columns.push(j)
  const kind = family === 'poisson' ? 'diverging' : perfect === n ? 'complete' : 'quasi-complete'
  return { kind, columns, perfectRows: perfect }
}
