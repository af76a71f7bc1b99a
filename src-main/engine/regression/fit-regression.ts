import type { RegressionRequest, RegressionResult } from '../../../src-shared/contract'
import { FitError, RegressionFitError, RequestError } from '../errors'
import type { Dataset } from '../import/dataset'
import { buildDesign, type Design } from './design'
import { exactEstimate, type Estimate } from './estimate'
import { gradientEstimate } from './gradient-estimate'
import { createWorkControl, type ControlOptions } from '../control/work-control'
import { resolveOptions, type ResolvedOptions } from './regression-options'
import { regressionReporter } from './reporter'
import { summarize } from './regression-summary'
import { termTests } from './model-tests'

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
  control: ControlOptions = {},
): Promise<RegressionResult> {
  const started = performance.now()
  if (!['linear', 'logistic', 'poisson', 'negbin'].includes(request.model)) {
    throw new RequestError(
      `Unknown regression model "${request.model}": use linear, logistic, poisson or negbin.`,
    )
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
  control: ControlOptions = {},
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
  const reporter = regressionReporter(createWorkControl(control, 'regress'), `${request.model} regression`)
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
  if (method !== 'gradient' && estimate.divergence === null) {
    result.termTests = await termTests(request, estimate, result, options, reporter)
  }
  reporter.flush(1, estimate.message)
  result.seconds = (performance.now() - started) / 1000
  return result
}
