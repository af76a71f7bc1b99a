import tQuantile from '@stdlib/stats-base-dists-t-quantile'
import type { RegressionModel, RegressionResult } from '../../../src-shared/contract'
import type { Design } from './design'

/** Most points sent to the scatter and residual charts. */
export const MAX_PLOT_POINTS = 2000
/** Points on the fitted curve. */
const CURVE_POINTS = 200

/**
 * Chart data for a one-predictor model: scatter (down-sampled by even stride to <= 2,000 points), the
 * fitted line with a 95% confidence band for the mean (linear: t quantile with n - p df times
 * s * sqrt(v' (X'X)^-1 v)), the probability curve (logistic) or the mean at the geometric-mean exposure
 * (Poisson), and response residuals y - fitted against fitted values.
 * `fitted` holds the fitted mean of every row of `design`.
 */
export function regressionPlot(
  model: RegressionModel,
  design: Design,
  beta: Float64Array,
  fitted: Float64Array,
  unscaledCovariance: Float64Array | null,
  residualVariance: number,
): NonNullable<RegressionResult['plot']> {
  const { n, p, y, intercept, offset } = design
  const col = intercept ? 1 : 0
  const x = design.columns[0]
  const m = Math.min(n, MAX_PLOT_POINTS)
  const px: number[] = []
  const py: number[] = []
  const rf: number[] = []
  const rr: number[] = []
  let lo = Infinity
  let hi = -Infinity
  let meanOffset = 0
  for (let i = 0; i < n; i++) {
    const v = x[i]
    if (v < lo) lo = v
    if (v > hi) hi = v
    if (offset) meanOffset += offset[i] / n
  }
  for (let k = 0; k < m; k++) {
    const i = Math.floor((k * n) / m)
    px.push(x[i])
    py.push(y[i])
    rf.push(fitted[i])
    rr.push(y[i] - fitted[i])
  }
  const cx: number[] = []
  const cy: number[] = []
  const lower: number[] = []
  const upper: number[] = []
  const band = model === 'linear' && unscaledCovariance !== null
  const crit = band ? tQuantile(0.975, n - p) : NaN
  for (let k = 0; k < CURVE_POINTS; k++) {
    const v = hi > lo ? lo + ((hi - lo) * k) / (CURVE_POINTS - 1) : lo
    const eta = (intercept ? beta[0] : 0) + beta[col] * v
    cx.push(v)
    if (model === 'linear') {
      cy.push(eta)
      if (band && unscaledCovariance) {
        // Variance of the fitted mean at v: s^2 * u' C u with u = (1, v) or (v).
        const c = unscaledCovariance
        const q = intercept ? c[0] + 2 * v * c[1] + v * v * c[p + 1] : v * v * c[0]
        const half = crit * Math.sqrt(residualVariance * q)
        lower.push(eta - half)
        upper.push(eta + half)
      }
    } else if (model === 'logistic') cy.push(1 / (1 + Math.exp(-eta)))
    else cy.push(Math.exp(eta + meanOffset))
  }
  return {
    points: { x: px, y: py },
    curve: { x: cx, y: cy, lower: band ? lower : null, upper: band ? upper : null },
    residuals: { fitted: rf, residual: rr },
  }
}
