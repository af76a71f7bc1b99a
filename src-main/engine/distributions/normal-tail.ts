import erfc from '@stdlib/math-base-special-erfc'

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI)

/**
 * log Phi(z), the log of the standard normal CDF, accurate far into the lower tail where Phi underflows
 * (the inverse Gaussian CDF multiplies it by exp(2 lambda / mu)). Below z = -30 it uses the asymptotic
 * Mills-ratio series Phi(-t) = phi(t) / t * (1 - 1/t^2 + 3/t^4 - 15/t^6 + ...), whose truncation error
 * at t >= 30 is below 1e-17 relative (stdlib's erfcx, the usual tool, is not among the installed packages).
 */
export function logNormalCdf(z: number): number {
  if (z > 0) return Math.log1p(-0.5 * erfc(z / Math.SQRT2))
  if (z > -30) return Math.log(0.5 * erfc(-z / Math.SQRT2))
  const t = -z
  const r = 1 / (t * t)
  // 1 - r + 3r^2 - 15r^3 + 105r^4 - 945r^5 + 10395r^6 - 135135r^7 by Horner.
  const series = 1 + r * (-1 + r * (3 + r * (-15 + r * (105 + r * (-945 + r * (10395 + r * -135135))))))
  return -0.5 * t * t - LOG_SQRT_2PI - Math.log(t) + Math.log(series)
}
