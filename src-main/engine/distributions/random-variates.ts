import erfcinv from '@stdlib/math-base-special-erfcinv'
import gammaln from '@stdlib/math-base-special-gammaln'
import type { UniformRandom } from './types'

/** A uniform draw in (0, 1): redraws the rare exact 0 so logs and inverse CDFs stay finite. */
export function openUnit(random: UniformRandom): number {
  let u = random()
  while (!(u > 0)) u = random()
  return u
}

/** Standard normal draw by inverting the CDF: x = -sqrt(2) erfcinv(2u). */
export function standardNormal(random: UniformRandom): number {
  return -Math.SQRT2 * erfcinv(2 * openUnit(random))
}

/** Gamma(shape >= 1, rate 1) draw by Marsaglia and Tsang's squeeze method (2000). */
function marsagliaTsang(shape: number, random: UniformRandom): number {
  const d = shape - 1 / 3
  const c = 1 / Math.sqrt(9 * d)
  for (;;) {
    let x: number
    let v: number
    do {
      x = standardNormal(random)
      v = 1 + c * x
    } while (v <= 0)
    v = v * v * v
    const u = openUnit(random)
    const x2 = x * x
    if (u < 1 - 0.0331 * x2 * x2) return d * v
    if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v
  }
}

/**
 * Log of a Gamma(shape, rate 1) draw. Below shape 1 it uses G(shape + 1) * U^(1/shape), kept in logs
 * because for tiny shapes the draw itself underflows (beta sampling needs the log).
 */
export function logStandardGamma(shape: number, random: UniformRandom): number {
  if (shape >= 1) return Math.log(marsagliaTsang(shape, random))
  return Math.log(marsagliaTsang(shape + 1, random)) + Math.log(openUnit(random)) / shape
}

/** Gamma(shape > 0, rate 1) draw. */
export function standardGamma(shape: number, random: UniformRandom): number {
  return shape >= 1 ? marsagliaTsang(shape, random) : Math.exp(logStandardGamma(shape, random))
}

/**
 * Poisson(lambda) draw: inversion by sequential search for small lambda, Hormann's transformed
 * rejection (PTRS, 1993) from lambda 10 on, so the cost stays O(1) for large means.
 */
export function poissonVariate(lambda: number, random: UniformRandom): number {
  if (!(lambda > 0)) return 0
  if (lambda < 10) {
    const u = random()
    let k = 0
    let p = Math.exp(-lambda)
    let s = p
    while (u > s && k < 1000) {
      k++
      p *= lambda / k
      s += p
    }
    return k
  }
  const slam = Math.sqrt(lambda)
  const loglam = Math.log(lambda)
  const b = 0.931 + 2.53 * slam
  const a = -0.059 + 0.02483 * b
  const invAlpha = 1.1239 + 1.1328 / (b - 3.4)
  const vr = 0.9277 - 3.6224 / (b - 2)
  for (;;) {
    const u = random() - 0.5
    const v = random()
    const us = 0.5 - Math.abs(u)
    const k = Math.floor(((2 * a) / us + b) * u + lambda + 0.43)
    if (us >= 0.07 && v <= vr) return k
    if (k < 0 || (us < 0.013 && v > us)) continue
    if (
      Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b) <=
      -lambda + k * loglam - gammaln(k + 1)
    ) {
      return k
    }
  }
}

/**
 * Binomial(trials, p) draw by inversion: from 0 when the mean of the rarer outcome is small, otherwise
 * a chop-down search outward from the mode (alternating sides, pmf by recurrence), O(sqrt(trials p q)).
 */
export function binomialVariate(trials: number, p: number, random: UniformRandom): number {
  if (!(p > 0)) return 0
  if (!(p < 1)) return trials
  const flip = p > 0.5
  const q = flip ? 1 - p : p
  const ratio = q / (1 - q)
  let u = random()
  let k: number
  if (trials * q < 30) {
    k = 0
    let f = Math.exp(trials * Math.log1p(-q))
    while (u > f && k < trials) {
      u -= f
      f *= ((trials - k) / (k + 1)) * ratio
      k++
    }
  } else {
    const mode = Math.floor((trials + 1) * q)
    const fMode = Math.exp(
      gammaln(trials + 1) -
        gammaln(mode + 1) -
        gammaln(trials - mode + 1) +
        mode * Math.log(q) +
        (trials - mode) * Math.log1p(-q),
    )
    k = mode
    u -= fMode
    let lo = mode
    let hi = mode
    let fLo = fMode
    let fHi = fMode
    while (u > 0 && (lo > 0 || hi < trials)) {
      if (lo > 0) {
        fLo *= lo / (trials - lo + 1) / ratio
        lo--
        u -= fLo
        if (u <= 0) {
          k = lo
          break
        }
      }
      if (hi < trials) {
        fHi *= ((trials - hi) / (hi + 1)) * ratio
        hi++
        u -= fHi
        if (u <= 0) {
          k = hi
          break
        }
      }
    }
  }
  return flip ? trials - k : k
}
