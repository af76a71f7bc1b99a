import type { RegressionRequest, RegressionResult, TracePoint } from '../../../src-shared/contract'
import { coefficientTable } from './coefficient-table'
import { linearPredictor, type Design } from './design'
import { totalLogLik, type Estimate } from './estimate'
import { glmMeans } from './glm-pass'
import { RegressionFitError } from '../errors'
import { regressionPlot } from './regression-plot'
import { glmTests, linearTests, type GlmModel } from './model-tests'
import { negbinDeviance } from './negative-binomial'
import { residualViews } from './residuals'

/** Most trace points kept in a result (evenly thinned, last one kept). */
const MAX_TRACE = 2000

/** Linear regression's likelihood at sigma's MLE, its deviance (RSS) and its own block; k counts sigma. */
function linearSummary(
  request: RegressionRequest,
  d: Design,
  fitted: Float64Array,
  data: RegressionResult['data'],
) {
  const { n, p } = d
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
  const linear: NonNullable<RegressionResult['linear']> = {
    sigmaMle: Math.sqrt(s2),
    residualStandardError: Math.sqrt(rss / (n - p)),
    meanSquaredError: s2,
    rSquared: 1 - rss / tss,
    ...linearTests(d, rss, tss),
  }
  return { ll: -0.5 * n * (Math.log(2 * Math.PI * s2) + 1), deviance: rss, k: p + 1, linear }
}

/**
 * A GLM's log-likelihood (the optimizer's when it has it) and deviance (logistic: -2 ll; counts: vs the
 * saturated model, negative binomial at the fitted theta, as glm.nb); k counts theta for negbin.
 */
function glmSummary(model: GlmModel, d: Design, fitted: Float64Array, e: Estimate) {
  const ll = e.logLikelihood ?? totalLogLik(model, d, e.beta)
  const theta = e.negbin?.theta ?? NaN
  const devianceAt = (mu: Float64Array) =>
    model === 'logistic'
      ? bernoulliDeviance(d, mu)
      : model === 'negbin'
        ? negbinDeviance(d.y, mu, theta)
        : poissonDeviance(d, mu)
  const deviance = model === 'logistic' ? -2 * ll : devianceAt(fitted)
  const glm = Number.isFinite(deviance) ? glmTests(model, d, deviance, devianceAt) : null
  return { ll, deviance, k: d.p + (model === 'negbin' ? 1 : 0), linear: null, glm }
}

/** Logistic regression's block: cross-entropy, accuracy and confusion at 0.5, separation. */
function logisticSummary(
  d: Design,
  fitted: Float64Array,
  ll: number,
  e: Estimate,
): RegressionResult['logistic'] {
  const n = d.n
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
  return {
    crossEntropy: -ll / n,
    accuracy: (tp + tn) / n,
    confusion: { truePositive: tp, falsePositive: fp, trueNegative: tn, falseNegative: fn },
    separation:
      e.divergence?.kind === 'complete' || e.divergence?.kind === 'quasi-complete'
        ? e.divergence.kind
        : 'none',
  }
}

/**
 * The result from an estimate: coefficient table (t with n - p df for linear, z otherwise), log-likelihood,
 * AIC/BIC (linear counts sigma as a parameter), deviance (linear: RSS; logistic: -2 logLik; Poisson:
 * 2 sum(y log(y/mu) - (y - mu))), the model's own block and, for one predictor, the plot data.
 */
export function summarize(
  request: RegressionRequest,
  e: Estimate,
  data: RegressionResult['data'],
): RegressionResult {
  const { design: d, beta } = e
  const { n, p } = d
  const model = request.model
  const fitted = fittedMeans(model, d, beta)
  const { ll, deviance, k, linear, glm } =
    model === 'linear'
      ? { ...linearSummary(request, d, fitted, data), glm: null }
      : glmSummary(model, d, fitted, e)
  const logistic = model === 'logistic' ? logisticSummary(d, fitted, ll, e) : null
  const noEstimate = e.divergence !== null
  const coefficients = coefficientTable(
    d.names,
    noEstimate ? new Float64Array(p).fill(NaN) : beta,
    noEstimate ? null : e.covariance,
    model === 'linear' ? n - p : null,
  )
  const plot =
    d.p === (d.intercept ? 2 : 1) && d.factors.length === 0 && !noEstimate
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
    glm,
    logistic,
    plot,
    residuals: noEstimate
      ? null
      : residualViews(model, d, fitted, linear?.residualStandardError ?? NaN, e.negbin?.theta ?? NaN),
    factors: d.factors,
    ...(d.event ? { event: d.event } : {}),
    negbin: e.negbin ?? null,
    gradient: e.gradient,
  }
}

function fittedMeans(model: RegressionRequest['model'], d: Design, beta: Float64Array): Float64Array {
  if (model !== 'linear') return glmMeans(model === 'logistic' ? 'logistic' : 'poisson', d, beta)
  return linearPredictor(d, beta, false)
}

/** Bernoulli deviance -2 sum(y log mu + (1 - y) log(1 - mu)) (the saturated model's likelihood is 1). */
function bernoulliDeviance(d: Design, mu: Float64Array): number {
  let s = 0
  for (let i = 0; i < d.n; i++) s += d.y[i] === 1 ? Math.log(mu[i]) : Math.log1p(-mu[i])
  return -2 * s
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
