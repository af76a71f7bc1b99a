import normalQuantile from '@stdlib/stats-base-dists-normal-quantile'
import type { RegressionModel, RegressionResult } from '../../../src-shared/contract'
import type { Design } from './design'
import { MAX_PLOT_POINTS } from './regression-plot'

/** One row's deviance contribution (>= 0) at mean mu; theta for the negative binomial. */
function unitDeviance(model: RegressionModel, y: number, mu: number, theta: number): number {
  if (model === 'logistic') return -2 * (y === 1 ? Math.log(mu) : Math.log1p(-mu))
  const yLog = y > 0 ? y * Math.log(y / mu) : 0
  if (model === 'negbin') return 2 * (yLog - (y + theta) * Math.log((y + theta) / (mu + theta)))
  return 2 * (yLog - (y - mu))
}

/**
 * Residual views for any number of predictors: residuals against fitted values (evenly strided to at most
 * 2,000 rows) and a normal Q-Q plot (at most 2,000 evenly spaced order statistics against normal quantiles
 * at (i - 1/2)/n). Linear: residuals over the residual standard error; GLMs: deviance residuals
 * sign(y - mu) sqrt(unit deviance).
 */
export function residualViews(
  model: RegressionModel,
  d: Design,
  fitted: Float64Array,
  residualStandardError: number,
  theta: number,
): NonNullable<RegressionResult['residuals']> {
  const { n, y } = d
  const r = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    r[i] =
      model === 'linear'
        ? (y[i] - fitted[i]) / residualStandardError
        : Math.sign(y[i] - fitted[i]) * Math.sqrt(Math.max(0, unitDeviance(model, y[i], fitted[i], theta)))
  }
  const m = Math.min(n, MAX_PLOT_POINTS)
  const pick = (k: number) => (m === n ? k : Math.floor((k * (n - 1)) / (m - 1)))
  const fx: number[] = []
  const ry: number[] = []
  for (let k = 0; k < m; k++) {
    fx.push(fitted[pick(k)])
    ry.push(r[pick(k)])
  }
  // r is not needed in row order any more: sorted in place (no second 8 MB copy).
  const sorted = r.sort()
  const theoretical: number[] = []
  const sample: number[] = []
  for (let k = 0; k < m; k++) {
    const i = pick(k)
    theoretical.push(normalQuantile((i + 0.5) / n, 0, 1))
    sample.push(sorted[i])
  }
  return {
    kind: model === 'linear' ? 'standardized' : 'deviance',
    fitted: fx,
    residual: ry,
    qq: { theoretical, sample },
  }
}
