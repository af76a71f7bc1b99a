import type { Distribution, FamilyContext, Params } from '../distributions/types'

/** Below this many values every point gets an exact cdf evaluation (cheap enough, and bit-for-bit simple). */
export const SORTED_CDF_MIN_N = 20_000
/** An exact cdf evaluation at least every this many distinct values bounds the integration drift. */
const ANCHOR_EVERY = 64
/** Largest |Simpson - trapezoid| accepted for one step (the trapezoid's error estimate; Simpson's is far smaller). */
const STEP_TOLERANCE = 1e-13
/** Where F or 1 - F is below this the tails' logarithms (Anderson-Darling) need every value exact. */
const TAIL = 1e-3

/**
 * The fitted cdf F(x_i) at every value of a sorted continuous sample, clamped to [0, 1] (NaN as 0).
 * For large samples of a family with a `density` closure (a costly cdf) it evaluates the exact cdf only every ANCHOR_EVERY distinct values and in both tails,
 * and in between adds the integral of the density over the gap by Simpson's rule,
 * F(b) = F(a) + (b - a)/6 (f(a) + 4 f((a+b)/2) + f(b)), falling back to the exact cdf whenever
 * |Simpson - trapezoid| > 1e-13 (a wide gap or a sharp density). The special functions behind most cdfs
 * (incomplete gamma and beta) cost 20-50 densities; the result matches the exact evaluation to about 1e-12.
 */
export function cdfOnSorted(
  dist: Distribution,
  sorted: Float64Array,
  params: Params,
  ctx: FamilyContext,
): Float64Array {
  const n = sorted.length
  const f = new Float64Array(n)
  const exact = (x: number) => {
    const v = dist.cdf(x, params, ctx)
    return Number.isNaN(v) ? 0 : Math.min(1, Math.max(0, v))
  }
  if (n < SORTED_CDF_MIN_N || !dist.density) {
    for (let i = 0; i < n; i++) {
      // Tied values (rounded measurements) share one evaluation.
      f[i] = i > 0 && sorted[i] === sorted[i - 1] ? f[i - 1] : exact(sorted[i])
    }
    return f
  }
  const pdf = dist.density(params, ctx)
  let prevX = NaN
  let prevF = NaN
  let prevPdf = NaN
  let sinceAnchor = ANCHOR_EVERY
  for (let i = 0; i < n; i++) {
    const x = sorted[i]
    if (i > 0 && x === prevX) {
      f[i] = f[i - 1]
      continue
    }
    const pdfX = pdf(x)
    let v = NaN
    if (sinceAnchor < ANCHOR_EVERY && prevF > TAIL && prevF < 1 - TAIL) {
      const h = x - prevX
      const mid = pdf(prevX + 0.5 * h)
      const trapezoid = 0.5 * h * (prevPdf + pdfX)
      const simpson = (h / 6) * (prevPdf + 4 * mid + pdfX)
      if (Math.abs(simpson - trapezoid) <= STEP_TOLERANCE) {
        v = Math.min(1, prevF + simpson)
        sinceAnchor++
      }
    }
    // NaN (the step was refused, or a density was not finite or outside the support) falls back to the exact value.
    if (Number.isNaN(v)) {
      v = exact(x)
      sinceAnchor = 0
    }
    f[i] = v
    prevX = x
    prevF = v
    prevPdf = pdfX
  }
  return f
}
