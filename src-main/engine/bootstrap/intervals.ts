import erfc from '@stdlib/math-base-special-erfc'
import erfcinv from '@stdlib/math-base-special-erfcinv'

/** Standard normal CDF and quantile (BCa's bias correction and adjusted levels). */
const phi = (z: number) => 0.5 * erfc(-z / Math.SQRT2)
const phiInverse = (p: number) => -Math.SQRT2 * erfcinv(2 * p)

/**
 * The p-quantile of ascending `sorted` by linear interpolation between order statistics (R's type 7,
 * numpy's default): what fitdistrplus' `bootdist` and scipy's `bootstrap` use, so intervals compare exactly.
 */
export function quantileType7(sorted: ArrayLike<number>, p: number): number {
  const h = (sorted.length - 1) * p
  const lo = Math.floor(h)
  const hi = Math.min(lo + 1, sorted.length - 1)
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo])
}

/** Jackknife estimates of a quantity, each standing for `weights[j]` deleted units (ties, groups). */
export interface Jackknife {
  values: number[]
  weights: number[]
}

/**
 * BCa's acceleration from jackknife values: a = Σ w d³ / (6 (Σ w d²)^1.5), d = mean - value (Efron and
 * Tibshirani 1993, 14.15; scipy's `_bca_interval`), with each value counted `w` times. Null when the
 * jackknife values do not vary (no skewness to estimate) or are not finite.
 */
export function acceleration(jack: Jackknife): number | null {
  let total = 0
  let mean = 0
  for (let j = 0; j < jack.values.length; j++) {
    total += jack.weights[j]
    mean += jack.weights[j] * jack.values[j]
  }
  mean /= total
  let s2 = 0
  let s3 = 0
  for (let j = 0; j < jack.values.length; j++) {
    const d = mean - jack.values[j]
    s2 += jack.weights[j] * d * d
    s3 += jack.weights[j] * d * d * d
  }
  const a = s3 / (6 * Math.pow(s2, 1.5))
  return s2 > 0 && Number.isFinite(a) ? a : null
}

/** A quantity's bootstrap summary: median, standard error, percentile and BCa intervals. */
export interface QuantityInterval {
  median: number
  standardError: number
  percentile: [number, number] | null
  bca: [number, number] | null
  z0: number | null
  acceleration: number | null
}

/**
 * Percentile and BCa intervals at `level` of a quantity from its bootstrap `replicates` (converged ones),
 * its estimate on the data and its jackknife values (null: no BCa). BCa: z0 = Φ⁻¹(#{θ* < θ̂}/B),
 * adjusted levels Φ(z0 + (z0 + z)/(1 - a (z0 + z))) for z = Φ⁻¹((1 ∓ level)/2), then the type-7 quantiles
 * there; null when z0 is infinite (every replicate on one side) or the adjustment leaves (0, 1).
 */
export function quantityInterval(
  replicates: ArrayLike<number>,
  estimate: number,
  jackknife: Jackknife | null,
  level: number,
): QuantityInterval {
  const sorted = Float64Array.from(replicates).sort()
  const b = sorted.length
  if (b < 2 || !sorted.every(Number.isFinite)) {
    return { median: NaN, standardError: NaN, percentile: null, bca: null, z0: null, acceleration: null }
  }
  let mean = 0
  for (const x of sorted) mean += x / b
  let ss = 0
  for (const x of sorted) ss += (x - mean) ** 2
  const tail = (1 - level) / 2
  const percentile: [number, number] = [quantileType7(sorted, tail), quantileType7(sorted, 1 - tail)]
  let below = 0
  while (below < b && sorted[below] < estimate) below++
  const z0 = phiInverse(below / b)
  const a = jackknife ? acceleration(jackknife) : null
  const adjusted = (z: number) => {
    const shifted = z0 + z
    const denominator = 1 - (a ?? 0) * shifted
    return denominator > 0 ? phi(z0 + shifted / denominator) : NaN
  }
  const levels = [adjusted(phiInverse(tail)), adjusted(phiInverse(1 - tail))]
  const bcaOk = a !== null && Number.isFinite(z0) && levels.every((p) => p > 0 && p < 1)
  return {
    median: quantileType7(sorted, 0.5),
    standardError: Math.sqrt(ss / (b - 1)),
    percentile,
    bca: bcaOk ? [quantileType7(sorted, levels[0]), quantileType7(sorted, levels[1])] : null,
    z0: Number.isFinite(z0) ? z0 : null,
    acceleration: a,
  }
}
