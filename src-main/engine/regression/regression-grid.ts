import gammaln from '@stdlib/math-base-special-gammaln'
import type { LikelihoodGrid, RegressionGridRequest } from '../../../src-shared/contract'
import { RequestError } from '../errors'
import type { Dataset } from '../import/dataset'
import { buildDesign, INTERCEPT_NAME } from './design'

/** Most steps along one axis. */
const MAX_STEPS = 501
/** Most row evaluations for a logistic or Poisson surface (rows x grid points; ~2-4 s here). */
const MAX_EVALUATIONS = 200_000_000

/**
 * Negative log-likelihood (total, positive) over an intercept x slope grid for a one-predictor model
 * with an intercept: `z[j][i]` at (intercept_i, slope_j). Linear regression profiles sigma out (sigma at
 * its MLE for each intercept and slope: NLL = n/2 (log(2 pi RSS/n) + 1)), computed from centred sums;
 * logistic and Poisson sum over the rows at each grid point.
 */
export function regressionGrid(dataset: Dataset, request: RegressionGridRequest): LikelihoodGrid {
  const r = request.request
  if (r.predictors.length !== 1 || r.intercept === false) {
    throw new RequestError('The likelihood surface needs exactly one predictor and the intercept.')
  }
  const a = axis(request.intercept, 'intercept')
  const b = axis(request.slope, 'slope')
  const d = buildDesign(dataset, r)
  if (d.p !== 2) {
    throw new RequestError(
      'The likelihood surface needs one numeric predictor (a text predictor has several coefficients).',
    )
  }
  if (d.n < 2) throw new RequestError('The likelihood surface needs at least 2 complete rows.')
  const rows = { n: d.n, x: d.columns[0], y: d.y, offset: d.offset }
  return {
    axes: [
      { name: INTERCEPT_NAME, values: a },
      { name: r.predictors[0], values: b },
    ],
    z: r.model === 'linear' ? linearGrid(rows, a, b) : glmGrid(rows, a, b, r.model === 'logistic'),
  }
}

/** The one-predictor rows a surface is computed over. */
interface GridRows {
  n: number
  x: ArrayLike<number>
  y: ArrayLike<number>
  offset?: ArrayLike<number> | null
}

/** Linear regression with sigma profiled out, from centred sums: O(1) per grid point. */
function linearGrid({ n, x, y }: GridRows, a: number[], b: number[]): number[][] {
  let xm = 0
  let ym = 0
  for (let i = 0; i < n; i++) {
    xm += x[i] / n
    ym += y[i] / n
  }
  let sxx = 0
  let sxy = 0
  let syy = 0
  for (let i = 0; i < n; i++) {
    const dx = x[i] - xm
    const dy = y[i] - ym
    sxx += dx * dx
    sxy += dx * dy
    syy += dy * dy
  }
  return b.map((slope) =>
    a.map((icpt) => {
      const shift = ym - icpt - slope * xm
      const rss = syy - 2 * slope * sxy + slope * slope * sxx + n * shift * shift
      return 0.5 * n * (Math.log((2 * Math.PI * rss) / n) + 1)
    }),
  )
}

/** Logistic or Poisson: a sum over the rows at every grid point, refused past MAX_EVALUATIONS. */
function glmGrid({ n, x, y, offset }: GridRows, a: number[], b: number[], logistic: boolean): number[][] {
  if (n * a.length * b.length > MAX_EVALUATIONS) {
    const most = Math.floor(Math.sqrt(MAX_EVALUATIONS / n))
    throw new RequestError(
      `A ${a.length} x ${b.length} surface over ${n} rows needs ${(n * a.length * b.length).toExponential(1)} ` +
        `evaluations; use at most ${most} x ${most} steps for this many rows.`,
    )
  }
  let constant = 0
  if (!logistic) for (let i = 0; i < n; i++) if (y[i] > 1) constant += gammaln(y[i] + 1)
  return b.map((slope) =>
    a.map((icpt) => {
      let nll = constant
      for (let i = 0; i < n; i++) {
        const eta = icpt + slope * x[i] + (offset ? offset[i] : 0)
        // -log-likelihood per row: log(1 + e^eta) - y eta, or e^eta - y eta.
        if (logistic)
          nll += (eta > 0 ? eta + Math.log1p(Math.exp(-eta)) : Math.log1p(Math.exp(eta))) - y[i] * eta
        else nll += Math.exp(eta) - y[i] * eta
      }
      return nll
    }),
  )
}

function axis(spec: { min: number; max: number; steps: number }, what: string): number[] {
  const { min, max, steps } = spec
  if (!(Number.isFinite(min) && Number.isFinite(max) && min < max)) {
    throw new RequestError(`The ${what} range [${min}, ${max}] is not valid: give finite min < max.`)
  }
  if (!(Number.isInteger(steps) && steps >= 2 && steps <= MAX_STEPS)) {
    throw new RequestError(`The ${what} axis has ${steps} steps; use a whole number from 2 to ${MAX_STEPS}.`)
  }
  return Array.from({ length: steps }, (_, i) => min + ((max - min) * i) / (steps - 1))
}
