import digamma from '@stdlib/math-base-special-digamma'
import gammaln from '@stdlib/math-base-special-gammaln'
import trigamma from '@stdlib/math-base-special-trigamma'
import type { TracePoint } from '../../../src-shared/contract'
import { FitError } from '../errors'
import { createScaledSolver, factorScaled, inverseScaled, solveScaled } from '../linear-algebra/cholesky'
import { designColumns, linearPredictor, type Design } from './design'
import { glmNewton, glmStart } from './glm-newton'
import { glmMeans } from './glm-pass'
import type { ResolvedOptions } from './regression-options'
import type { RegressionReporter } from './reporter'

/** Above this theta the counts show no over-dispersion: the likelihood keeps rising towards Poisson. */
const THETA_LIMIT = 1e7

/** A negative binomial fit: coefficients (log link), theta (Var = mu + mu²/theta) and its SE. */
export interface NegbinFit {
  beta: Float64Array
  theta: number
  thetaSE: number
  /** Inverse Fisher information of beta at theta (the standard errors glm.nb reports). */
  covariance: Float64Array | null
  logLikelihood: number
  iterations: number
  converged: boolean
  message: string
  trace: TracePoint[]
}

/** Full log-likelihood sum log Γ(θ+y) - log Γ(θ) - log y! + θ log(θ/(θ+μ)) + y log(μ/(θ+μ)). */
export function negbinLogLik(y: Float64Array, mu: Float64Array, theta: number): number {
  let s = 0
  for (let i = 0; i < y.length; i++) {
    const yi = y[i]
    const m = mu[i]
    s += gammaln(theta + yi) - gammaln(theta) - gammaln(yi + 1) + theta * Math.log(theta / (theta + m))
    if (yi > 0) s += yi * Math.log(m / (theta + m))
  }
  return s
}

/** Deviance at theta: 2 sum [y log(y/μ) - (y+θ) log((y+θ)/(μ+θ))]. */
export function negbinDeviance(y: Float64Array, mu: Float64Array, theta: number): number {
  let s = 0
  for (let i = 0; i < y.length; i++) {
    const yi = y[i]
    s += (yi > 0 ? yi * Math.log(yi / mu[i]) : 0) - (yi + theta) * Math.log((yi + theta) / (mu[i] + theta))
  }
  return 2 * s
}

/** theta's MLE given the means (Newton on theta, as MASS::theta.ml) and its SE from the observed information. */
export function thetaMle(y: Float64Array, mu: Float64Array, start: number): { theta: number; se: number } {
  let theta = start
  let info = NaN
  for (let it = 0; it < 100; it++) {
    let score = 0
    info = 0
    for (let i = 0; i < y.length; i++) {
      const a = theta + mu[i]
      score += digamma(theta + y[i]) - digamma(theta) + Math.log(theta) + 1 - Math.log(a) - (y[i] + theta) / a
      info += -trigamma(theta + y[i]) + trigamma(theta) - 1 / theta + 2 / a - (y[i] + theta) / (a * a)
    }
    // A score still positive where the information vanishes: theta runs to infinity (no over-dispersion).
    let next = info > 0 ? theta + score / info : theta * 4
    if (!(next > 0)) next = theta / 2
    const moved = Math.abs(next - theta)
    theta = next
    if (theta > THETA_LIMIT) return { theta: Infinity, se: NaN }
    if (moved < 1e-12 * theta) break
  }
  return { theta, se: 1 / Math.sqrt(info) }
}

/**
 * IRLS for beta at fixed theta (Fisher scoring; W = μ/(1 + μ/θ), working response η - offset + (y - μ)/μ).
 * The `fixed` coefficients stay 0: their rows and columns of the system become the identity's, so the
 * free block is exactly the reduced design's system.
 */
function irlsStep(
  d: Design,
  beta: Float64Array,
  theta: number,
  fixed: readonly number[] = [],
): { beta: Float64Array; info: Float64Array } {
  // No offset: the design refuses an exposure column for negative binomial regression.
  const { n, p, y } = d
  const mu = glmMeans('poisson', d, beta)
  const z = linearPredictor(d, beta, false)
  const w = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    w[i] = mu[i] / (1 + mu[i] / theta)
    z[i] += (y[i] - mu[i]) / mu[i]
  }
  const { info, rhs } = weightedCrossProducts(designColumns(d), w, z, n)
  for (const j of fixed) {
    for (let k = 0; k < p; k++) info[j * p + k] = info[k * p + j] = 0
    info[j * p + j] = 1
    rhs[j] = 0
  }
  const solver = createScaledSolver(p)
  if (!Number.isFinite(factorScaled(solver, info))) {
    throw new FitError('The negative binomial information matrix is singular: some predictors are collinear.')
  }
  const next = new Float64Array(p)
  solveScaled(solver, rhs, next)
  return { beta: next, info }
}

/**
 * X'WX (lower triangle, row-major p x p) and X'Wz, column pair by column pair over contiguous columns
 * (null: the intercept's ones); each entry sums its rows in order, as a per-row accumulation would.
 */
function weightedCrossProducts(
  columns: readonly (Float64Array | null)[],
  w: Float64Array,
  z: Float64Array,
  n: number,
): { info: Float64Array; rhs: Float64Array } {
  const p = columns.length
  const info = new Float64Array(p * p)
  const rhs = new Float64Array(p)
  const wx = new Float64Array(n)
  for (let j = 0; j < p; j++) {
    const cj = columns[j]
    for (let i = 0; i < n; i++) wx[i] = cj ? w[i] * cj[i] : w[i]
    let s = 0
    for (let i = 0; i < n; i++) s += wx[i] * z[i]
    rhs[j] = s
    for (let k = 0; k <= j; k++) {
      const ck = columns[k]
      let h = 0
      if (ck) for (let i = 0; i < n; i++) h += wx[i] * ck[i]
      else for (let i = 0; i < n; i++) h += wx[i]
      info[j * p + k] = h
    }
  }
  return { info, rhs }
}

/** Null for a fit with fixed coefficients (a drop-one test, which needs only the log-likelihood). */
function fisherCovariance(
  d: Design,
  beta: Float64Array,
  theta: number,
  fixed: readonly number[],
): Float64Array | null {
  if (fixed.length > 0) return null
  const { info } = irlsStep(d, beta, theta)
  const solver = createScaledSolver(d.p)
  return Number.isFinite(factorScaled(solver, info)) ? inverseScaled(solver) : null
}

/** The Poisson fit negbinFit starts from (its coefficients), refused when it has no maximum either. */
async function poissonStart(
  d: Design,
  options: ResolvedOptions,
  reporter: RegressionReporter,
  fixed: readonly number[],
): Promise<Float64Array> {
  const start = glmStart('poisson', d)
  for (const j of fixed) start[j] = 0
  const poisson = await glmNewton(
    'poisson',
    d,
    { maxIterations: options.maxIterations, tolerance: options.tolerance, constant: 0, fixed },
    reporter,
    start,
    false,
  )
  if (poisson.divergence) {
    throw new FitError(
      'The Poisson start already runs off to infinity (a group of all-zero counts): the negative binomial MLE does not exist either.',
    )
  }
  return poisson.beta
}

/** Largest relative change between two coefficient vectors. */
function largestMove(next: Float64Array, from: Float64Array): number {
  return next.reduce((m, b, j) => Math.max(m, Math.abs(b - from[j]) / (1 + Math.abs(from[j]))), 0)
}

/** The coefficients' MLE at fixed theta: IRLS steps from `beta` until they stop moving (at most 50). */
function coefficientsAt(
  d: Design,
  beta: Float64Array,
  theta: number,
  fixed: readonly number[],
): Float64Array {
  let inner = beta
  for (let k = 0; k < 50; k++) {
    const next = irlsStep(d, inner, theta, fixed).beta
    const moved = largestMove(next, inner)
    inner = next
    if (moved < 1e-12) break
  }
  return inner
}

/**
 * Negative binomial regression (log link) by maximum likelihood over beta and theta, alternating IRLS for
 * beta at fixed theta with theta's MLE at fixed means (MASS::glm.nb), from the Poisson fit. Converged when
 * the log-likelihood, coefficients and theta all settle; theta past 1e7 means no over-dispersion (the
 * supremum is the Poisson model), reported as not converged with that reason. `fixed` coefficients are
 * held at 0 on the full design (a drop-one test without a reduced copy of it; no covariance then).
 */
export async function negbinFit(
  d: Design,
  options: ResolvedOptions,
  reporter: RegressionReporter,
  emitTrace: boolean,
  fixed: readonly number[] = [],
): Promise<NegbinFit> {
  let beta = await poissonStart(d, options, reporter, fixed)
  let mu = glmMeans('poisson', d, beta)
  let moment = 0
  for (let i = 0; i < d.n; i++) moment += (d.y[i] / mu[i] - 1) ** 2
  let { theta, se } = thetaMle(d.y, mu, d.n / Math.max(moment, 1e-8))
  let ll = Number.isFinite(theta) ? negbinLogLik(d.y, mu, theta) : NaN
  const trace: TracePoint[] = []
  const result = (iterations: number, converged: boolean, message: string): NegbinFit => ({
    beta,
    theta,
    thetaSE: se,
    covariance: fisherCovariance(d, beta, theta, fixed),
    logLikelihood: ll,
    iterations,
    converged,
    message,
    trace,
  })
  for (let it = 1; it <= options.maxIterations; it++) {
    await reporter.checkpoint()
    if (!Number.isFinite(theta)) return boundary(beta, ll, it, trace)
    const inner = coefficientsAt(d, beta, theta, fixed)
    const betaMoved = largestMove(inner, beta)
    beta = inner
    mu = glmMeans('poisson', d, beta)
    const previous = theta
    ;({ theta, se } = thetaMle(d.y, mu, theta))
    const next = Number.isFinite(theta) ? negbinLogLik(d.y, mu, theta) : NaN
    const point: TracePoint = {
      iteration: it,
      logLikelihood: next / d.n,
      validationLogLikelihood: null,
      params: { ...Object.fromEntries(d.names.map((n, j) => [n, beta[j]])), theta },
    }
    if (emitTrace)
      reporter.trace(
        point,
        it / options.maxIterations,
        `alternation ${it}: log-likelihood ${next.toFixed(6)}, theta ${theta.toPrecision(6)}`,
      )
    trace.push(point)
    const settled =
      Math.abs(next - ll) <= options.tolerance * (Math.abs(next) + 1) &&
      betaMoved < 1e-8 &&
      Math.abs(theta - previous) <= 1e-8 * theta
    ll = next
    if (settled) {
      const rounds = `${it} round${it === 1 ? '' : 's'}`
      return result(it, true, `Alternating IRLS (coefficients) and Newton (theta) converged in ${rounds}.`)
    }
  }
  return result(
    options.maxIterations,
    false,
    `Stopped after ${options.maxIterations} rounds without converging; the numbers are the last iterate, not a maximum.`,
  )
}

function boundary(beta: Float64Array, ll: number, it: number, trace: TracePoint[]): NegbinFit {
  return {
    beta,
    theta: Infinity,
    thetaSE: NaN,
    covariance: null,
    logLikelihood: ll,
    iterations: it,
    converged: false,
    message:
      'theta grows without bound: these counts are not over-dispersed, so the likelihood rises towards the Poisson model and has no maximum here. Use Poisson regression.',
    trace,
  }
}
