import { moments } from './sample-moments'
import { hotWeights, statistic, type Sample } from './sample'

// 1 / (2k + 3), k = 0..9: the series' coefficients.
const [c0, c1, c2, c3, c4, c5, c6, c7, c8, c9] = Array.from({ length: 10 }, (_, k) => 1 / (2 * k + 3))

/**
 * log(1 + x) - x to full relative precision, also where it is tiny (x near 0, where log1p(x) - x would
 * cancel: at x = 1e-8 it is -5e-17 and the plain difference has no correct digit).
 */
export function log1pmx(x: number): number {
  if (!(Math.abs(x) < 0.25)) return Math.log1p(x) - x
  // log1p(x) = 2 atanh(u), u = x / (2 + x), so log1p(x) - x = -x² / (2 + x) + 2u³ Σ u^2k / (2k + 3): with
  // u² < 0.021 ten terms reach a relative 1e-17 (the series in x needs up to 26 near |x| = 1/4), 3e-16
  // against mpmath. Estrin's scheme (pairs, then v², v⁴, v⁸): a chain of 4 multiply-adds instead of
  // Horner's 10, whose latency made the series cost more than a log per value in gamma's pass.
  const u = x / (2 + x)
  const v = u * u
  const v2 = v * v
  const v4 = v2 * v2
  const series =
    c0 + c1 * v + v2 * (c2 + c3 * v) + v4 * (c4 + c5 * v + v2 * (c6 + c7 * v)) + v4 * v4 * (c8 + c9 * v)
  return 2 * u * v * series - (x * x) / (2 + x)
}

/**
 * Whole-sample statistics of positive data relative to the double nearest their mean m, for families whose
 * likelihood depends on mean log x (gamma) or mean 1/x (inverse Gaussian) next to mean x. With data 1e8 +
 * N(0, 1) the spread sits in the 16th digit of each value: log x and 1/x lose it to rounding, while
 * delta = (x - m) / m keeps it (x - m is exact for x within a factor 2 of m). Sums are compensated
 * (Neumaier's, as `CompensatedSum`, written out on locals: as objects with a weight call per value the pass
 * took 5x a pass of logs, 35 ms on 1M values, all of a gamma fit's cost). Each family's statistic is a pass
 * of its own, so a gamma fit computes no 1/x and an inverse Gaussian fit no logs.
 */
export interface RelativeMoments {
  n: number
  /** The double nearest the mean. */
  centre: number
  /** mean(delta), delta = (x - centre) / centre: the rounding of the centre (about 1e-16, not 0). */
  meanDelta: number
}

/** `RelativeMoments` with mean(log(1 + delta) - delta) = mean log(x / centre) - meanDelta (<= 0), full relative precision. */
export interface RelativeLogMoments extends RelativeMoments {
  meanLog1pmx: number
}

/**
 * `RelativeMoments` with mean(delta² / x) = mean(1/x - 1/centre) + meanDelta / centre (>= 0): the spread of
 * 1/x to full precision (delta² / x, not delta² / (1 + delta), so that x = 1e-300 next to 1e300 stays finite).
 */
export interface RelativeInverseMoments extends RelativeMoments {
  meanInverseExcess: number
}

/**
 * log(x / centre) - delta for one value: the series near delta = 0; the log of the quotient (as accurate
 * as log1p(delta) there, each rounds the ratio once, and cheaper) up to delta > -0.5; below, where the
 * quotient could underflow, the difference of logs.
 */
function logRatioMinusDelta(x: number, centre: number, logCentre: number, delta: number): number {
  if (delta > -0.25 && delta < 0.25) return log1pmx(delta)
  return delta > -0.5 ? Math.log(x / centre) - delta : Math.log(x) - logCentre - delta
}

/** One pass over the values (positive data: callers check the support first); weights count per value. */
export const relativeMoments = statistic((sample: Sample): RelativeLogMoments => {
  const { n, mean: centre } = moments(sample)
  const data = sample.values
  const { weighted, weights: w } = hotWeights(sample)
  const logCentre = Math.log(centre)
  let diffSum = 0
  let diffErr = 0
  let logSum = 0
  let logErr = 0
  for (let i = 0; i < data.length; i++) {
    const x = data[i]
    const wi = weighted ? w[i] : 1
    const diff = x - centre
    const a = wi * diff
    const b = wi * logRatioMinusDelta(x, centre, logCentre, diff / centre)
    let t = diffSum + a
    diffErr += Math.abs(diffSum) >= Math.abs(a) ? diffSum - t + a : a - t + diffSum
    diffSum = t
    t = logSum + b
    logErr += Math.abs(logSum) >= Math.abs(b) ? logSum - t + b : b - t + logSum
    logSum = t
  }
  return { n, centre, meanDelta: (diffSum + diffErr) / centre / n, meanLog1pmx: (logSum + logErr) / n }
})

/** One pass over the values (positive data: callers check the support first); weights count per value. */
export const relativeInverseMoments = statistic((sample: Sample): RelativeInverseMoments => {
  const { n, mean: centre } = moments(sample)
  const data = sample.values
  const { weighted, weights: w } = hotWeights(sample)
  let diffSum = 0
  let diffErr = 0
  let invSum = 0
  let invErr = 0
  for (let i = 0; i < data.length; i++) {
    const x = data[i]
    const wi = weighted ? w[i] : 1
    const diff = x - centre
    const delta = diff / centre
    const a = wi * diff
    const c = (wi * (delta * delta)) / x
    let t = diffSum + a
    diffErr += Math.abs(diffSum) >= Math.abs(a) ? diffSum - t + a : a - t + diffSum
    diffSum = t
    t = invSum + c
    invErr += Math.abs(invSum) >= Math.abs(c) ? invSum - t + c : c - t + invSum
    invSum = t
  }
  return { n, centre, meanDelta: (diffSum + diffErr) / centre / n, meanInverseExcess: (invSum + invErr) / n }
})
