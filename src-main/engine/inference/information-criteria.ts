/**
 * AIC = 2k - 2 ll, AICc = AIC + 2k(k+1)/(n-k-1) (null when n <= k + 1), BIC = k ln n - 2 ll, with k the
 * number of estimated (free) parameters.
 */
export function informationCriteria(logLikelihood: number, k: number, n: number) {
  const aic = 2 * k - 2 * logLikelihood
  const aicc = n - k - 1 > 0 ? aic + (2 * k * (k + 1)) / (n - k - 1) : null
  const bic = k * Math.log(n) - 2 * logLikelihood
  return { aic, aicc, bic }
}
