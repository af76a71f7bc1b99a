import gammaln from '@stdlib/math-base-special-gammaln'
import type {
  GradientReport,
  RegressionRequest,
  RegressionResult,
  TracePoint,
} from '../../../src-shared/contract'
import { FitError, RequestError } from '../errors'
import type { Dataset } from '../import/dataset'
import { buildDesign, type Design } from './design'
import { coefficientTable } from './coefficient-table'
import { glmNewton, glmStart, type Divergence, type GlmNewtonResult } from './glm-newton'
import { glmMeans, glmPass } from './glm-pass'
import { gradientAscent } from './gradient-ascent'
import { solveLeastSquares, type LinearSolution } from './linear-solve'
import { RegressionFitError } from './regression-fit-error'
import { resolveOptions, type ResolvedOptions } from './regression-options'
import { regressionPlot } from './regression-plot'
import { FitReporter, type RegressionControl } from './regression-control'
import { createScaledSolver, factorScaled, inverseScaled } from './small-matrix'
import { splitDesign, subsetDesign } from './split'

/** Most trace points kept in a result (evenly thinned, last one kept). */
const MAX_TRACE = 2000
/** Newton on designs this large starts from a subsample's MLE (of about WARM_START_ROWS rows). */
const WARM_START_MIN_ROWS = 200_000
const WARM_START_ROWS = 50_000

/** How the coefficients were found, before the statistics common to every path are computed. */
interface Estimate {
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
}

/**
 * Fits a linear (Gaussian noise), logistic (Bernoulli, logit link) or Poisson (log link, optional
 * exposure offset) regression by maximum likelihood: QR least squares, Newton/IRLS, or gradient ascent
 * on a seeded training part. Rows with a missing value in any used column are dropped and counted.
 * Throws RequestError for a bad request and FitError (RegressionFitError) when no fit is possible
 * (rank deficiency, too few rows, perfect linear fit); separation is reported in the result instead.
 */
export async function fitRegression(
  dataset: Dataset,
  request: RegressionRequest,
  control: RegressionControl = {},
): Promise<RegressionResult> {
  const started = performance.now()
  if (!['linear', 'logistic', 'poisson'].includes(request.model)) {
    throw new RequestError(`Unknown regression model "${request.model}": use linear, logistic or poisson.`)
  }
  const method = request.method ?? 'newton'
  if (method !== 'newton' && method !== 'gradient') {
    throw new RequestError(`Unknown method "${String(method)}": use newton or gradient.`)
  }
  const options = resolveOptions(request)
  return fitDesign(buildDesign(dataset, request), request, options, control, started)
}

/** fitRegression on an already built design (the benchmark times this part alone). */
export async function fitDesign(
  design: Design,
  request: RegressionRequest,
  options: ResolvedOptions = resolveOptions(request),
  control: RegressionControl = {},
  started = performance.now(),
): Promise<RegressionResult> {
  const method = request.method ?? 'newton'
  const data = { rows: design.rows, used: design.n, missing: design.missing }
  const fail = (message: string): never => {
    throw new RegressionFitError(message, data)
  }
  if (design.n <= design.p) {
    fail(
      `Only ${design.n} complete row${design.n === 1 ? '' : 's'} (${design.missing} dropped for missing values) ` +
        `for ${design.p} coefficients: a fit needs more rows than coefficients.`,
    )
  }
  const reporter = new FitReporter(control, `${request.model} regression`)
  let estimate: Estimate
  try {
    estimate =
      method === 'gradient'
        ? await gradientEstimate(request, design, options, reporter)
        : await exactEstimate(request, design, options, reporter)
  } catch (e) {
    if (e instanceof FitError && !(e instanceof RegressionFitError)) fail(e.message)
    throw e
  }
  await reporter.checkpoint()
  const result = summarize(request, estimate, data)
  reporter.flush(1, estimate.message)
  result.seconds = (performance.now() - started) / 1000
  return result
}

async function exactEstimate(
  request: RegressionRequest,
  design: Design,
  options: ResolvedOptions,
  reporter: FitReporter,
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
  reporter: FitReporter,
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

function linearEstimate(
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

async function gradientEstimate(
  request: RegressionRequest,
  design: Design,
  options: ResolvedOptions,
  reporter: FitReporter,
): Promise<Estimate> {
  const { train, validation } = splitDesign(design, options.validationFraction, options.seed)
  if (train.n <= train.p) {
    throw new FitError(
      `The training part has ${train.n} rows for ${train.p} coefficients: lower the validation fraction.`,
    )
  }
  // The exact optimum on the same training rows: checks rank and measures how close gradient ascent got.
  // Newton's own defaults here: the gradient's iteration budget and tolerance do not apply to it.
  const newtonDefaults = resolveOptions({ ...request, method: 'newton', options: {} })
  const exact = await exactEstimate(request, train, newtonDefaults, reporter, false)
  if (exact.divergence) return { ...exact, method: 'gradient' }
  const model = request.model
  const start = model === 'linear' ? linearStart(train) : glmStart(model, train)
  const g = await gradientAscent(
    model,
    train,
    validation,
    start,
    {
      learningRate: options.learningRate,
      maxIterations: options.maxIterations,
      tolerance: options.tolerance,
      patience: options.patience,
      trainConstant: model === 'poisson' ? logFactorialSum(train) : 0,
      validationConstant: model === 'poisson' && validation ? logFactorialSum(validation) : 0,
    },
    reporter,
  )
  const llExact = totalLogLik(model, train, exact.beta)
  const llGrad = totalLogLik(model, train, g.beta)
  const report: GradientReport = {
    trainSize: train.n,
    validationSize: validation?.n ?? 0,
    bestIteration: g.bestIteration,
    stoppedEarly: g.stoppedEarly,
    gapLogLikelihood: llExact - llGrad,
    gapParams: Object.fromEntries(train.names.map((name, j) => [name, exact.beta[j] - g.beta[j]])),
  }
  const how = g.converged
    ? `converged after ${g.iterations} epochs`
    : g.stoppedEarly
      ? `stopped early at epoch ${g.iterations} (best validation log-likelihood at epoch ${g.bestIteration})`
      : `stopped at the limit of ${g.iterations} epochs`
  const message =
    `Gradient ascent on ${train.n} training rows (${validation?.n ?? 0} validation) ${how}` +
    (g.learningRate < options.learningRate ? `; learning rate lowered to ${g.learningRate}` : '') +
    `. Log-likelihood ${report.gapLogLikelihood.toPrecision(3)} below the exact optimum of the training part.`
  const rest = {
    method: 'gradient' as const,
    iterations: g.iterations,
    converged: g.converged,
    message,
    trace: g.trace,
    divergence: null,
    gradient: report,
    logLikelihood: llGrad,
  }
  if (model === 'linear') {
    const s = solveLeastSquares(train)
    return linearEstimate(train, s, g.beta, residualSum(train, g.beta), rest)
  }
  // Standard errors from the information at the gradient solution.
  const score = new Float64Array(train.p)
  const info = new Float64Array(train.p * train.p)
  glmPass(model, train, g.beta, score, info)
  const solver = createScaledSolver(train.p)
  const covariance = Number.isFinite(factorScaled(solver, info)) ? inverseScaled(solver) : null
  return { design: train, beta: g.beta, covariance, unscaledCovariance: null, ...rest }
}

function linearStart(d: Design): Float64Array {
  const beta = new Float64Array(d.p)
  if (d.intercept) {
    let s = 0
    for (let i = 0; i < d.n; i++) s += d.y[i]
    beta[0] = s / d.n
  }
  return beta
}

function residualSum(d: Design, beta: Float64Array): number {
  let rss = 0
  for (let i = 0; i < d.n; i++) {
    let fit = 0
    for (let j = 0; j < d.p; j++) fit += d.x[i * d.p + j] * beta[j]
    rss += (d.y[i] - fit) ** 2
  }
  return rss
}

/** sum(log y!) over the rows: the constant of the Poisson log-likelihood (0 for other models). */
function logFactorialSum(d: Design): number {
  let s = 0
  for (let i = 0; i < d.n; i++) if (d.y[i] > 1) s += gammaln(d.y[i] + 1)
  return -s
}

function totalLogLik(model: RegressionRequest['model'], d: Design, beta: Float64Array): number {
  if (model === 'linear') {
    const s2 = residualSum(d, beta) / d.n
    return -0.5 * d.n * (Math.log(2 * Math.PI * s2) + 1)
  }
  const score = new Float64Array(d.p)
  return glmPass(model, d, beta, score, null) + (model === 'poisson' ? logFactorialSum(d) : 0)
}

function summarize(
  request: RegressionRequest,
  e: Estimate,
  data: RegressionResult['data'],
): RegressionResult {
  const { design: d, beta } = e
  const { n, p } = d
  const model = request.model
  const fitted = fittedMeans(model, d, beta)
  let ll: number
  let deviance: number
  let k = p
  let linear: RegressionResult['linear'] = null
  let logistic: RegressionResult['logistic'] = null
  if (model === 'linear') {
    let rss = 0
    let ybar = 0
    for (let i = 0; i < n; i++) {
      rss += (d.y[i] - fitted[i]) ** 2
      ybar += d.y[i] / n
    }
    let tss = 0
    for (let i = 0; i < n; i++) tss += d.intercept ? (d.y[i] - ybar) ** 2 : d.y[i] ** 2
    if (!(rss > 0)) {
      throw new RegressionFitError(
        `The response is an exact linear function of the predictors (all residuals are 0), so sigma is 0 and ` +
          `the likelihood has no maximum. Check that "${request.response}" is not computed from the predictors.`,
        data,
      )
    }
    const s2 = rss / n
    ll = -0.5 * n * (Math.log(2 * Math.PI * s2) + 1)
    deviance = rss
    k = p + 1
    linear = {
      sigmaMle: Math.sqrt(s2),
      residualStandardError: Math.sqrt(rss / (n - p)),
      meanSquaredError: s2,
      rSquared: 1 - rss / tss,
    }
  } else {
    ll = e.logLikelihood ?? totalLogLik(model, d, beta)
    deviance = model === 'logistic' ? -2 * ll : poissonDeviance(d, fitted)
  }
  if (model === 'logistic') {
    let tp = 0
    let fp = 0
    let tn = 0
    let fn = 0
    for (let i = 0; i < n; i++) {
      const predicted = fitted[i] >= 0.5
      if (d.y[i] === 1) {
        if (predicted) tp++
        else fn++
      } else if (predicted) fp++
      else tn++
    }
    logistic = {
      crossEntropy: -ll / n,
      accuracy: (tp + tn) / n,
      confusion: { truePositive: tp, falsePositive: fp, trueNegative: tn, falseNegative: fn },
      separation:
        e.divergence?.kind === 'complete' || e.divergence?.kind === 'quasi-complete'
          ? e.divergence.kind
          : 'none',
    }
  }
  const noEstimate = e.divergence !== null
  const coefficients = coefficientTable(
    d.names,
    noEstimate ? new Float64Array(p).fill(NaN) : beta,
    noEstimate ? null : e.covariance,
    model === 'linear' ? n - p : null,
  )
  const plot =
    request.predictors.length === 1 && !noEstimate
      ? regressionPlot(
          model,
          d,
          beta,
          fitted,
          e.unscaledCovariance,
          linear ? linear.residualStandardError ** 2 : 0,
        )
      : null
  return {
    model,
    response: request.response,
    predictors: [...request.predictors],
    intercept: d.intercept,
    data,
    coefficients,
    logLikelihood: ll,
    aic: 2 * k - 2 * ll,
    bic: k * Math.log(n) - 2 * ll,
    deviance,
    n,
    method: e.method,
    iterations: e.iterations,
    converged: e.converged && !noEstimate,
    message: e.message,
    seconds: 0,
    trace: thin(e.trace),
    linear,
    logistic,
    plot,
    gradient: e.gradient,
  }
}

function fittedMeans(model: RegressionRequest['model'], d: Design, beta: Float64Array): Float64Array {
  if (model !== 'linear') return glmMeans(model, d, beta)
  const out = new Float64Array(d.n)
  for (let i = 0; i < d.n; i++) {
    let fit = 0
    for (let j = 0; j < d.p; j++) fit += d.x[i * d.p + j] * beta[j]
    out[i] = fit
  }
  return out
}

/** Poisson deviance 2 * sum(y log(y / mu) - (y - mu)), with y log y = 0 at y = 0. */
function poissonDeviance(d: Design, mu: Float64Array): number {
  let s = 0
  for (let i = 0; i < d.n; i++) {
    const y = d.y[i]
    s += (y > 0 ? y * Math.log(y / mu[i]) : 0) - (y - mu[i])
  }
  return 2 * s
}

function thin(trace: TracePoint[]): TracePoint[] {
  if (trace.length <= MAX_TRACE) return trace
  const out: TracePoint[] = []
  for (let k = 0; k < MAX_TRACE - 1; k++)
    out.push(trace[Math.floor((k * (trace.length - 1)) / (MAX_TRACE - 1))])
  out.push(trace[trace.length - 1])
  return out
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
