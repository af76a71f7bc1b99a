import type { TracePoint } from '../../../src-shared/contract'
import { FitError } from '../errors'
import { designColumns, linearPredictor, type Design } from './design'
import { glmMeans, glmPass, glmScoresPass, type GlmFamily } from './glm-pass'
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
/** The same when only the maximized likelihood is wanted (its error is second order in the step). */
const LIKELIHOOD_STEP_TOLERANCE = 1e-4
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
  /** Inverse observed (= Fisher) information at beta, row-major p x p; null when singular or not asked. */
  covariance: Float64Array | null
  /** The information X'WX at beta (lower triangle), fresh when the covariance was asked for. */
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
   * An information matrix near the start (lower triangle, p x p; a drop-one refit passes the full fit's,
   * as its start is a second-order prediction of the optimum): the first pass skips X'WX, and the matrix
   * is reused for as long as each step cuts the Newton decrement at least tenfold.
   */
  information?: Float64Array | null
  /**
   * Only the maximized log-likelihood is wanted (a likelihood-ratio test's refit): converged, before the
   * step, once half the Newton decrement (the likelihood still to gain, to second order) is below the
   * tolerance and the step would be below LIKELIHOOD_STEP_TOLERANCE; the coefficients are not settled
   * to STEP_TOLERANCE, which saves the pass that would only confirm them.
   */
  likelihoodOnly?: boolean
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
 * What a Newton run asks of the data: one pass at `beta` writing the score (and, when `info` is not null,
 * the information) into the buffers, answered with the kernel log-likelihood (`glmPass`). A run is a
 * generator of these requests, so one run can be driven pass by pass (`glmNewton`) and several in
 * lockstep, one pass over the data serving all of them (`glmNewtonBatch`).
 */
export interface PassRequest {
  beta: Float64Array
  score: Float64Array
  info: Float64Array | null
}

/** A Newton run as the passes it asks for; it returns its result. */
type NewtonPasses = Generator<PassRequest, GlmNewtonResult, number>

/**
 * The Newton step scaled by 1, 1/2, 1/4, ... until the log-likelihood does not fall (40 halvings at most):
 * the candidate, its score and (when asked) information are written into the given buffers.
 */
function* halvedStep(
  beta: Float64Array,
  step: Float64Array,
  ll: number,
  cand: Float64Array,
  score: Float64Array,
  info: Float64Array | null,
): Generator<PassRequest, { t: number; next: number }, number> {
  let t = 1
  let next = NaN
  for (let half = 0; half < 40; half++) {
    for (let j = 0; j < beta.length; j++) cand[j] = beta[j] + t * step[j]
    next = yield { beta: cand, score, info }
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

/** What one Newton run carries from iteration to iteration (buffers swap instead of being reallocated). */
interface NewtonState {
  beta: Float64Array
  cand: Float64Array
  score: Float64Array
  score2: Float64Array
  /** The information at beta when `fresh`, else an older one being reused. */
  info: Float64Array
  info2: Float64Array
  step: Float64Array
  ll: number
  fresh: boolean
  iterations: number
  converged: boolean
  singular: boolean
  /** Iterations in a row with a negligible decrement while the coefficients still move. */
  stalled: number
  stallStart: Float64Array | null
  /** Largest relative coefficient change of the last step, and the decrement before it. */
  lastStep: number
  lastDecrement: number
}

/** One Newton run's fixed inputs. */
interface NewtonRun {
  family: GlmFamily
  design: Design
  options: NewtonOptions
  solver: ReturnType<typeof freeSolver>
  reporter: RegressionReporter | null
  emitTrace: boolean
  trace: TracePoint[]
}

/**
 * Newton-Raphson (= IRLS for canonical links) with step halving. Each iteration is one fused pass giving
 * the log-likelihood, the score and (when needed) the information together. Detects a non-existent MLE
 * (separation, diverging Poisson coefficients) when the likelihood flattens while coefficients keep
 * moving, instead of returning huge estimates.
 */
export async function glmNewton(
  family: GlmFamily,
  design: Design,
  options: NewtonOptions,
  reporter: RegressionReporter | null,
  start: Float64Array = glmStart(family, design),
  emitTrace = true,
): Promise<GlmNewtonResult> {
  const passes = newtonPasses(family, design, options, reporter, start, emitTrace)
  let request = passes.next()
  for (let pass = 0; !request.done; pass++) {
    if (pass > 0 && reporter) await reporter.checkpoint()
    const { beta, score, info } = request.value
    request = passes.next(glmPass(family, design, beta, score, info))
  }
  return request.value
}

/**
 * Several Newton runs on the same design in lockstep (the drop-one refits): each round, every unfinished
 * run's pass request is served by one pass over the data for all of them (`glmScoresPass`), except a
 * request for the information, which gets its own pass. Each run computes exactly what it would alone;
 * a run that throws a FitError (a rank-deficient reduced design) ends with null, the others go on.
 */
export async function glmNewtonBatch(
  family: GlmFamily,
  design: Design,
  runs: readonly { options: NewtonOptions; start: Float64Array }[],
  reporter: RegressionReporter | null,
): Promise<(GlmNewtonResult | null)[]> {
  const all = runs.map((r) => newtonPasses(family, design, r.options, reporter, r.start, false))
  const results: (GlmNewtonResult | null)[] = runs.map(() => null)
  const asking = new Map<number, PassRequest>()
  const advance = (k: number, ll?: number) => {
    try {
      const r = ll === undefined ? all[k].next() : all[k].next(ll)
      if (r.done) results[k] = r.value
      else asking.set(k, r.value)
    } catch (e) {
      if (!(e instanceof FitError)) throw e
    }
  }
  all.forEach((_, k) => advance(k))
  for (let round = 0; asking.size > 0; round++) {
    if (round > 0 && reporter) await reporter.checkpoint()
    const shared = [...asking].filter(([, q]) => q.info === null)
    const lls = glmScoresPass(
      family,
      design,
      shared.map(([, q]) => q),
    )
    const answers = new Map(shared.map(([k], i) => [k, lls[i]]))
    const current = [...asking]
    asking.clear()
    for (const [k, q] of current)
      advance(k, answers.get(k) ?? glmPass(family, design, q.beta, q.score, q.info))
  }
  return results
}

/** One Newton run (see glmNewton) as the passes it asks for. */
function* newtonPasses(
  family: GlmFamily,
  design: Design,
  options: NewtonOptions,
  reporter: RegressionReporter | null,
  start: Float64Array,
  emitTrace: boolean,
): NewtonPasses {
  const { p } = design
  const run: NewtonRun = {
    family,
    design,
    options,
    solver: freeSolver(p, options.fixed ?? []),
    reporter,
    emitTrace,
    trace: [],
  }
  const s: NewtonState = {
    beta: Float64Array.from(start),
    cand: new Float64Array(p),
    score: new Float64Array(p),
    score2: new Float64Array(p),
    info: new Float64Array(p * p),
    info2: new Float64Array(p * p),
    step: new Float64Array(p),
    ll: NaN,
    fresh: true,
    iterations: 0,
    converged: false,
    singular: false,
    stalled: 0,
    stallStart: null,
    lastStep: Infinity,
    lastDecrement: Infinity,
  }
  const given = options.information ?? null
  if (given) s.info.set(given)
  s.ll = yield { beta: s.beta, score: s.score, info: given ? null : s.info }
  run.trace.push(tracePoint(run, s, 0))
  for (let it = 1; it <= options.maxIterations; it++) {
    if (!(yield* newtonIteration(run, s, it))) break
  }
  return yield* finishNewton(run, s, start)
}

function tracePoint(run: NewtonRun, s: NewtonState, iteration: number): TracePoint {
  return {
    iteration,
    logLikelihood: (s.ll + run.options.constant) / run.design.n,
    validationLogLikelihood: null,
    params: Object.fromEntries(run.design.names.map((name, j) => [name, s.beta[j]])),
  }
}

/** One Newton iteration (solve, halved step, bookkeeping); false when the run should stop. */
function* newtonIteration(
  run: NewtonRun,
  s: NewtonState,
  it: number,
): Generator<PassRequest, boolean, number> {
  const { design, options, solver } = run
  const p = design.p
  if (s.fresh) {
    const cond = solver.factor(s.info)
    if (it === 1 && !(cond <= RANK_CHECK_CONDITION)) assertFullRank(design)
    if (!Number.isFinite(cond)) {
      s.singular = true
      return false
    }
  }
  solver.solve(s.score, s.step)
  let decrement = 0
  for (let j = 0; j < p; j++) decrement += s.score[j] * s.step[j]
  const scale = Math.abs(s.ll) + 1
  if (options.likelihoodOnly && decrement / 2 <= options.tolerance * scale) {
    // The likelihood still to gain is below the tolerance: with a small step, the maximum is reached.
    if (relativeSize(s.step, s.beta) <= LIKELIHOOD_STEP_TOLERANCE) {
      s.converged = true
      return false
    }
  }
  const withInfo = needsInformation(options, s, decrement, scale)
  const { t, next } = yield* halvedStep(s.beta, s.step, s.ll, s.cand, s.score2, withInfo ? s.info2 : null)
  if (!(next >= s.ll - 1e-12 * Math.abs(s.ll))) return false
  s.lastStep = t * relativeSize(s.step, s.cand)
  s.lastDecrement = decrement
  ;[s.beta, s.cand] = [s.cand, s.beta]
  ;[s.score, s.score2] = [s.score2, s.score]
  if (withInfo) [s.info, s.info2] = [s.info2, s.info]
  s.fresh = withInfo
  s.ll = next
  s.iterations = it
  const tp = tracePoint(run, s, it)
  run.trace.push(tp)
  if (run.emitTrace) {
    const message = `iteration ${it}, log-likelihood ${(s.ll + options.constant).toPrecision(10)}`
    run.reporter?.trace(tp, null, message)
  }
  return !settles(s, decrement / 2 <= options.tolerance * scale)
}

/** max_j |step_j| / (1 + |beta_j|). */
function relativeSize(step: Float64Array, beta: Float64Array): number {
  let size = 0
  for (let j = 0; j < step.length; j++) size = Math.max(size, Math.abs(step[j]) / (1 + Math.abs(beta[j])))
  return size
}

/**
 * Whether the next pass computes the information. Near the optimum the information barely changes, so the
 * last factorization is reused and the passes skip X'WX (about 3x cheaper), unless progress slows (the
 * decrement falls less than tenfold). The pass that will probably be the last (decrement already below
 * the tolerance) computes it when the covariance is wanted, which saves a separate pass for it.
 */
function needsInformation(options: NewtonOptions, s: NewtonState, decrement: number, scale: number): boolean {
  if (options.reuseInformation === false) return true
  if (!(s.fresh || decrement <= s.lastDecrement / 10)) return true
  if (options.covariance !== false && decrement / 2 <= options.tolerance * scale) return true
  if (options.information) return false
  return !(s.lastStep <= REUSE_STEP && decrement / 2 <= REUSE_DECREMENT * scale)
}

/**
 * Convergence and stall bookkeeping after an accepted step: converged when the decrement was negligible
 * and the step settled; a stall (negligible decrement, coefficients still moving) STALL_LIMIT times in a
 * row stops the run. True when the run is over.
 */
function settles(s: NewtonState, negligible: boolean): boolean {
  if (!negligible) {
    s.stalled = 0
    s.stallStart = null
    return false
  }
  if (s.lastStep <= STEP_TOLERANCE) {
    s.converged = true
    return true
  }
  if (s.stalled === 0) s.stallStart = Float64Array.from(s.beta)
  return ++s.stalled >= STALL_LIMIT
}

/** The result: a fresh information pass for the covariance when the last one was reused, the diagnosis. */
function* finishNewton(
  run: NewtonRun,
  s: NewtonState,
  start: Float64Array,
): Generator<PassRequest, GlmNewtonResult, number> {
  const { family, design, options, solver } = run
  const wantCovariance = options.covariance !== false
  if (!s.fresh && wantCovariance) s.ll = yield { beta: s.beta, score: s.score, info: s.info }
  const divergence = s.converged
    ? null
    : diagnoseDivergence(
        family,
        design,
        s.beta,
        movedFrom(s.stallStart ?? start, s.beta),
        s.singular || s.stalled >= STALL_LIMIT,
      )
  const cond = wantCovariance ? solver.factor(s.info) : NaN
  return {
    beta: s.beta,
    covariance: Number.isFinite(cond) ? solver.inverse() : null,
    information: s.info,
    kernelLogLikelihood: s.ll,
    iterations: s.iterations,
    converged: s.converged,
    divergence,
    trace: run.trace,
  }
}

/** Throws a FitError naming the collinear columns when the design is rank deficient. */
export function assertFullRank(design: Design): void {
  const qr = qrLeastSquares(designColumns(design), design.y, design.n)
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
  const { y, n, p } = design
  const mu = glmMeans(family, design, beta)
  // s_i = x_i'd, summed as the kernels sum x_i'beta; rms[j]: each column's root mean square.
  const s = linearPredictor(design, direction, false)
  let perfect = 0
  let minSide = Infinity
  let maxSide = 0
  for (let i = 0; i < n; i++) {
    const side = family === 'logistic' ? (2 * y[i] - 1) * s[i] : -s[i]
    if (side < minSide) minSide = side
    if (Math.abs(side) > maxSide) maxSide = Math.abs(side)
    if (family === 'logistic' ? Math.abs(y[i] - mu[i]) < 1e-8 : y[i] === 0 && mu[i] < 1e-8) perfect++
  }
  const rms = designColumns(design).map((c) => sumOfSquares(c, n))
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

/** sum x_i^2 over a design column (n for the intercept's ones). */
function sumOfSquares(c: Float64Array | null, n: number): number {
  if (c === null) return n
  let s = 0
  for (let i = 0; i < n; i++) s += c[i] * c[i]
  return s
}
