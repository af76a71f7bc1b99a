import normalCdf from '@stdlib/stats-base-dists-normal-cdf'
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile'
import tCdf from '@stdlib/stats-base-dists-t-cdf'
import tQuantile from '@stdlib/stats-base-dists-t-quantile'
import type { CoefficientEstimate } from '../../../src-shared/contract'

/**
 * Coefficient table: estimate, standard error sqrt(diag(covariance)), Wald statistic estimate / SE,
 * two-sided p-value and 95% interval, from Student t with `df` degrees of freedom (linear regression)
 * or the standard normal (`df` = null: z for logistic and Poisson).
 */
export function coefficientTable(
  names: string[],
  beta: Float64Array,
  covariance: Float64Array | null,
  df: number | null,
): CoefficientEstimate[] {
  const p = names.length
  const cdf = (z: number) => (df === null ? normalCdf(z, 0, 1) : tCdf(z, df))
  const crit = df === null ? normalQuantile(0.975, 0, 1) : tQuantile(0.975, df)
  return names.map((name, j) => {
    const estimate = beta[j]
    const standardError = covariance ? Math.sqrt(covariance[j * p + j]) : NaN
    const statistic = estimate / standardError
    // 2 * P(T <= -|t|) keeps precision for tiny p-values, unlike 2 * (1 - P(T <= |t|)).
    const pValue = 2 * cdf(-Math.abs(statistic))
    return {
      name,
      estimate,
      standardError,
      statistic,
      pValue,
      ci95: [estimate - crit * standardError, estimate + crit * standardError],
    }
  })
}
