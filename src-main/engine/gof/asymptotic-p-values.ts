import gammaln from '@stdlib/math-base-special-gammaln'
import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf'

/**
 * Upper-tail p-value of the Kolmogorov distribution with Stephens' small-sample correction:
 * lambda = (sqrt n + 0.12 + 0.11 / sqrt n) D, p = 2 sum_k (-1)^(k-1) exp(-2 k² lambda²)
 * (for lambda < 1 the faster theta-function form 1 - sqrt(2 pi)/lambda sum exp(-(2k-1)² pi² / (8 lambda²))).
 */
export function kolmogorovPValue(d: number, n: number): number {
  const s = Math.sqrt(n)
  const lambda = (s + 0.12 + 0.11 / s) * d
  if (!(lambda > 0)) return 1
  if (lambda < 1) {
    let sum = 0
    for (let k = 1; k <= 20; k++) {
      const m = 2 * k - 1
      sum += Math.exp((-m * m * Math.PI * Math.PI) / (8 * lambda * lambda))
    }
    return Math.min(1, Math.max(0, 1 - (Math.sqrt(2 * Math.PI) / lambda) * sum))
  }
  let p = 0
  for (let k = 1; k <= 100; k++) {
    const term = Math.exp(-2 * k * k * lambda * lambda)
    p += (k % 2 === 1 ? 2 : -2) * term
    if (term < 1e-18) break
  }
  return Math.min(1, Math.max(0, p))
}

/** Upper-tail p-value of the limiting Anderson-Darling distribution (Marsaglia & Marsaglia 2004, ADinf). */
export function andersonDarlingPValue(a2: number): number {
  if (!(a2 > 0)) return 1
  const z = a2
  let cdf: number
  if (z < 2) {
    cdf =
      (Math.exp(-1.2337141 / z) / Math.sqrt(z)) *
      (2.00012 + (0.247105 - (0.0649821 - (0.0347962 - (0.011672 - 0.00168691 * z) * z) * z) * z) * z)
  } else {
    cdf = Math.exp(
      -Math.exp(1.0776 - (2.30695 - (0.43424 - (0.082433 - (0.008056 - 0.0003146 * z) * z) * z) * z) * z),
    )
  }
  return Math.min(1, Math.max(0, 1 - cdf))
}

/** exp(y) K_{1/4}(y)... scaled: returns exp(-y) K_{1/4}(y) = int_0^inf exp(-y (1 + cosh t)) cosh(t/4) dt. */
function scaledBesselK14(y: number): number {
  const h = 0.005
  let sum = 0.5 * Math.exp(-2 * y)
  for (let t = h; ; t += h) {
    const e = y * (1 + Math.cosh(t))
    const term = Math.exp(-e) * Math.cosh(t / 4)
    sum += term
    if (e > 745 || term < 1e-300) break
  }
  return sum * h
}

/**
 * Upper-tail p-value of the limiting Cramér-von Mises W² distribution (Anderson & Darling 1952):
 * P(W² <= x) = 1/(pi sqrt x) sum_k Gamma(k+1/2)/(Gamma(1/2) k!) sqrt(4k+1) exp(-y_k) K_{1/4}(y_k),
 * y_k = (4k+1)²/(16x).
 */
export function cramerVonMisesPValue(w2: number): number {
  if (!(w2 > 0)) return 1
  if (w2 > 10) return 0
  let sum = 0
  const lgHalf = gammaln(0.5)
  for (let k = 0; k < 200; k++) {
    const coefficient = Math.exp(gammaln(k + 0.5) - lgHalf - gammaln(k + 1)) * Math.sqrt(4 * k + 1)
    const y = ((4 * k + 1) * (4 * k + 1)) / (16 * w2)
    const term = coefficient * scaledBesselK14(y)
    sum += term
    if (term < 1e-17 * sum) break
  }
  const cdf = sum / (Math.PI * Math.sqrt(w2))
  return Math.min(1, Math.max(0, 1 - cdf))
}

/** Upper-tail chi-square p-value with df degrees of freedom (null when df < 1). */
export function chiSquarePValue(statistic: number, df: number): number | null {
  if (!(df >= 1)) return null
  if (!Number.isFinite(statistic)) return 0
  return 1 - chisquareCdf(statistic, df)
}
