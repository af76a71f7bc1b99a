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

/** Buckets for the order statistics (about 15 values each at 1M rows). */
const BUCKETS = 65_536

/**
 * Residual views for any number of predictors: residuals against fitted values (evenly strided to at most
 * 2,000 rows) and a normal Q-Q plot (at most 2,000 evenly spaced order statistics against normal quantiles
 * at (i - 1/2)/n). Linear: residuals over the residual standard error; GLMs: deviance residuals
 * sign(y - mu) sqrt(unit deviance). `fitted` is overwritten by the residuals (no second n-sized array).
 */
export function residualViews(
  model: RegressionModel,
  d: Design,
  fitted: Float64Array,
  residualStandardError: number,
  theta: number,
): NonNullable<RegressionResult['residuals']> {
  const { n, y } = d
  const m = Math.min(n, MAX_PLOT_POINTS)
  const pick = (k: number) => (m === n ? k : Math.floor((k * (n - 1)) / (m - 1)))
  const fx: number[] = []
  for (let k = 0; k < m; k++) fx.push(fitted[pick(k)])
  const r = fitted
  for (let i = 0; i < n; i++) {
    const mu = fitted[i]
    r[i] =
      model === 'linear'
        ? (y[i] - mu) / residualStandardError
        : Math.sign(y[i] - mu) * Math.sqrt(Math.max(0, unitDeviance(model, y[i], mu, theta)))
  }
  const ry: number[] = []
  for (let k = 0; k < m; k++) ry.push(r[pick(k)])
  const ranks = Array.from({ length: m }, (_, k) => pick(k))
  const sample = orderStatistics(r, ranks)
  const theoretical = ranks.map((i) => normalQuantile((i + 0.5) / n, 0, 1))
  return {
    kind: model === 'linear' ? 'standardized' : 'deviance',
    fitted: fx,
    residual: ry,
    qq: { theoretical, sample },
  }
}

/**
 * The values at 0-based `ranks` (ascending) of `values` in sorted order, exactly as a full sort would give
 * them, without sorting all n: values are counted into equal-width buckets between min and max (a monotone
 * map, so bucket order is value order), and only the buckets holding a wanted rank are gathered and sorted
 * (~15 values each for 2,000 ranks of 1M spread values; in the worst case, one bucket, a full sort).
 * Falls back to sorting a copy when a value is not finite (NaN last, as a sort puts it) or all are equal.
 */
export function orderStatistics(values: Float64Array, ranks: readonly number[]): number[] {
  const n = values.length
  let min = Infinity
  let max = -Infinity
  for (let i = 0; i < n; i++) {
    const v = values[i]
    if (v < min) min = v
    if (v > max) max = v
  }
  // Not finite, or all equal (a sort also orders -0 before 0): sort a copy.
  if (!(max - min < Infinity && max > min)) return sortedAt(values, ranks)
  const scale = BUCKETS / (max - min)
  const bucketOf = (v: number) => Math.min(BUCKETS - 1, Math.floor((v - min) * scale))
  const counts = new Int32Array(BUCKETS + 1)
  for (let i = 0; i < n; i++) counts[bucketOf(values[i]) + 1]++
  for (let b = 0; b < BUCKETS; b++) counts[b + 1] += counts[b]
  if (counts[BUCKETS] !== n) return sortedAt(values, ranks) // a NaN fell in no bucket
  // counts[b] is now the number of values below bucket b; gather the wanted buckets' values in order.
  const wanted = new Int32Array(BUCKETS).fill(-1)
  let gathered = 0
  const home = ranks.map((k) => bucketOfRank(counts, k))
  for (const b of home) {
    if (wanted[b] < 0) {
      wanted[b] = gathered
      gathered += counts[b + 1] - counts[b]
    }
  }
  const pool = new Float64Array(gathered)
  const fill = new Int32Array(BUCKETS)
  for (let i = 0; i < n; i++) {
    const b = bucketOf(values[i])
    if (wanted[b] >= 0) pool[wanted[b] + fill[b]++] = values[i]
  }
  const sortedBuckets = new Set<number>()
  return ranks.map((k, a) => {
    const b = home[a]
    if (!sortedBuckets.has(b)) {
      pool.subarray(wanted[b], wanted[b] + counts[b + 1] - counts[b]).sort()
      sortedBuckets.add(b)
    }
    return pool[wanted[b] + k - counts[b]]
  })
}

function sortedAt(values: Float64Array, ranks: readonly number[]): number[] {
  const sorted = Float64Array.from(values).sort()
  return ranks.map((k) => sorted[k])
}

/** The bucket holding 0-based rank k: the last b with counts[b] (values below bucket b) <= k. */
function bucketOfRank(counts: Int32Array, k: number): number {
  let lo = 0
  let hi = BUCKETS - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (counts[mid] <= k) lo = mid
    else hi = mid - 1
  }
  return lo
}
