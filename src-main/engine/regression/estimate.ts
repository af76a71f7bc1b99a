import gammaln from '@stdlib/math-base-special-gammaln'
import type {
  GradientReport,
  RegressionRequest,
  RegressionResult,
  TracePoint,
} from '../../../src-shared/contract'
import { FitError } from '../errors'
import { linearPredictor, type Design } from './design'
import { glmNewton, glmStart, type Divergence, type GlmNewtonResult } from './glm-newton'
import { glmPass } from './glm-pass'
import { solveLeastSquares, type LinearSolution } from './linear-solve'
import type { ResolvedOptions } from './regression-options'
import type { RegressionReporter } from './reporter'
import { subsetDesign } from './split'
import { negbinFit } from './negative-binomial'

/** Newton on designs this large starts from a subsample's MLE (of about WARM_START_ROWS rows). */
const WARM_START_MIN_ROWS = 200_000
const WARM_START_ROWS = 50_000

/** How the coefficients were found, before the statistics common to every path are computed. */
export interface Estimate {
  design: Design
  beta: Float64Array
  /** Covariance of the coefficients (linear: s^2 (X'X)^-1 with s^2 = RSS/(n - p)). */
  covariance: Float64Array | null
  /** Linear: (X'X)^-1, for the confidence band. */
  unscaledCovariance: Float64Array | null
  method: RegressionResult['method']
  iterations: number
  converged: boolean
  message: string
  trace: TracePoint[]
  divergence: Divergence | null
  gradient: GradientReport | null
  /** Log-likelihood at beta when the optimizer already has it (saves a pass), else null. */
  logLikelihood: number | null
  /** Logistic/Poisson Newton: the information X'WX at beta (lower triangle), which drop-one refits reuse. */
  information?: Float64Array
  /** Negative binomial: theta and its SE. */
  negbin?: { theta: number; thetaStandardError: number }
}

/**
 * Maximum-likelihood estimate on the whole design: QR least squares or Newton/IRLS. `emitTrace` false
 * fits quietly. (The drop-one refits are model-tests.ts's: the GLMs' in lockstep, `glmNewtonBatch`.)
 */
export async function exactEstimate(
  request: RegressionRequest,
  design: Design,
  options: ResolvedOptions,
  reporter: RegressionReporter,
  emitTrace = true,
): Promise<Estimate> {
  if (request.model === 'linear') {
    const s = solveLeastSquares(design)
    return linearEstimate(design, s, s.beta, s.rss, {
      method: 'qr',
      iterations: 1,
      converged: true,
      message:
        s.path === 'qr'
          ? 'Least squares by Householder QR (the Gaussian-noise MLE of the coefficients).'
          : 'Least squares by the normal equations (well-conditioned design) with iterative refinement on the residuals.',
      trace: [],
      divergence: null,
      gradient: null,
      logLikelihood: null,
    })
  }
  if (request.model === 'negbin') return negbinEstimate(design, options, reporter, emitTrace)
  const fit = await glmNewton(
    request.model,
    design,
    { maxIterations: options.maxIterations, tolerance: options.tolerance, constant: logFactorialSum(design) },
    reporter,
    await warmStart(request.model, design, reporter),
    emitTrace,
  )
  return glmEstimate(request.model, design, fit)
}

/**
 * Start for Newton on a large design: the MLE on an evenly strided subsample of ~50,000 rows, which is
 * within a few standard errors of the full-data optimum, so the full data needs only about two Newton
 * passes plus cheap information-reusing ones. Small designs (or a subsample that fails) start at the
 * intercept-only MLE.
 */
async function warmStart(
  model: 'logistic' | 'poisson',
  design: Design,
  reporter: RegressionReporter,
): Promise<Float64Array> {
  const start = glmStart(model, design)
  if (design.n < WARM_START_MIN_ROWS) return start
  const stride = Math.floor(design.n / WARM_START_ROWS)
  const mark = new Uint8Array(design.n)
  for (let i = 0; i < design.n; i += stride) mark[i] = 1
  const sub = subsetDesign(design, mark, 1)
  try {
    const warm = await glmNewton(
      model,
      sub,
      { maxIterations: 50, tolerance: 1e-8, constant: 0 },
      reporter,
      glmStart(model, sub),
      false,
    )
    return warm.converged && !warm.divergence ? warm.beta : start
  } catch (e) {
    if (e instanceof FitError) return start
    throw e
  }
}

/** A linear estimate at beta: covariance s^2 (X'X)^-1 with s^2 = RSS/(n - p), the unbiased variance. */
export function linearEstimate(
  design: Design,
  s: LinearSolution,
  beta: Float64Array,
  rss: number,
  rest: Omit<Estimate, 'design' | 'beta' | 'covariance' | 'unscaledCovariance'>,
): Estimate {
  const s2 = rss / (design.n - design.p)
  const covariance = s.unscaledCovariance.map((v) => v * s2)
  return { design, beta, covariance, unscaledCovariance: s.unscaledCovariance, ...rest }
}

function glmEstimate(model: 'logistic' | 'poisson', design: Design, fit: GlmNewtonResult): Estimate {
  return {
    design,
    beta: fit.beta,
    covariance: fit.covariance,
    information: fit.information,
    unscaledCovariance: null,
    method: 'newton',
    iterations: fit.iterations,
    converged: fit.converged,
    message: fit.divergence
      ? divergenceMessage(model, design, fit.divergence)
      : fit.converged
        ? `Newton/IRLS converged in ${fit.iterations} iterations.`
        : `Newton/IRLS stopped after ${fit.iterations} iterations without converging; try more iterations.`,
    trace: fit.trace,
    divergence: fit.divergence,
    gradient: null,
    logLikelihood: fit.kernelLogLikelihood + logFactorialSum(design),
  }
}

/** A negative binomial estimate: the coefficients with theta beside them (`negbin`). */
async function negbinEstimate(
  design: Design,
  options: ResolvedOptions,
  reporter: RegressionReporter,
  emitTrace: boolean,
): Promise<Estimate> {
  const fit = await negbinFit(design, options, reporter, emitTrace)
  return {
    design,
    beta: fit.beta,
    covariance: fit.covariance,
    unscaledCovariance: null,
    method: 'newton',
    iterations: fit.iterations,
    converged: fit.converged,
    message: fit.message,
    trace: fit.trace,
    divergence: null,
    gradient: null,
    logLikelihood: fit.logLikelihood,
    negbin: { theta: fit.theta, thetaStandardError: fit.thetaSE },
  }
}

/** Residual sum of squares ||y - X beta||^2. */
export function residualSum(d: Design, beta: Float64Array): number {
  const fit = linearPredictor(d, beta, false)
  let rss = 0
  for (let i = 0; i < d.n; i++) rss += (d.y[i] - fit[i]) ** 2
  return rss
}

/** sum(log y!) over the rows: the constant of the Poisson log-likelihood (0 for other models). */
export function logFactorialSum(d: Design): number {
  let s = 0
  for (let i = 0; i < d.n; i++) if (d.y[i] > 1) s += gammaln(d.y[i] + 1)
  return -s
}

/** Full log-likelihood at beta (linear: sigma at its MLE given beta). */
export function totalLogLik(model: RegressionRequest['model'], d: Design, beta: Float64Array): number {
  if (model === 'linear') {
    const s2 = residualSum(d, beta) / d.n
    return -0.5 * d.n * (Math.log(2 * Math.PI * s2) + 1)
  }
  if (model === 'negbin')
    throw new Error("The negative binomial log-likelihood needs theta: use the estimate's.")
  const score = new Float64Array(d.p)
  return glmPass(model, d, beta, score, null) + (model === 'poisson' ? logFactorialSum(d) : 0)
}

function divergenceMessage(model: 'logistic' | 'poisson', d: Design, div: Divergence): string {
  const cols = div.columns.filter((j) => !(d.intercept && j === 0)).map((j) => `"${d.names[j]}"`)
  const who = cols.length > 0 ? cols.join(', ') : 'the intercept'
  if (model === 'poisson') {
    return (
      `The maximum-likelihood estimate does not exist: the coefficient(s) of ${who} run off to infinity because ` +
      `${div.perfectRows} zero counts can be fitted by a mean of 0 (typically all counts are 0 in one group). ` +
      `Coefficients are not reported; merge that group or drop the predictor.`
    )
  }
  const what =
    div.kind === 'complete'
      ? `Complete separation: ${who} predict${cols.length === 1 ? 's' : ''} every 0 and 1 of the response perfectly`
      : `Quasi-complete separation: ${who} predict${cols.length === 1 ? 's' : ''} ${div.perfectRows} of ${d.n} rows perfectly`
  return (
    `${what}, so the maximum-likelihood estimates do not exist (the coefficients run off to infinity). ` +
    `Coefficients are not reported; drop or merge the separating predictor, collect more data, or use a penalized (Firth) fit.`
  )
}
