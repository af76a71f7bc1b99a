import { inSupport } from '../distributions/support'
import type { Distribution, FamilyContext, Params } from '../distributions/types'

/** Points on a continuous density curve. */
const DENSITY_POINTS = 200
/** Discrete families: pmf at every integer while the range has at most this many. */
const MAX_PMF_POINTS = 2000

/**
 * The fitted density on an even grid over the data's range padded by 5% each side, with a log-spaced one
 * beside it for positive data spanning a decade or more (continuous), or the
 * probability mass at each integer from min to max (discrete). Values the family rejects plot as 0.
 */
export function densityCurve(
  dist: Distribution,
  params: Params,
  sorted: Float64Array,
  ctx: FamilyContext = {},
): { x: number[]; y: number[] } {
  const n = sorted.length
  const x: number[] = []
  const y: number[] = []
  if (n === 0) return { x, y }
  const min = sorted[0]
  const max = sorted[n - 1]
  const at = (v: number) => {
    const d = Math.exp(dist.logPdf(v, params, ctx))
    return Number.isFinite(d) ? d : 0
  }
  if (dist.discrete) {
    const count = max - min + 1
    const stride = count > MAX_PMF_POINTS ? Math.ceil(count / MAX_PMF_POINTS) : 1
    for (let k = min; k <= max; k += stride) {
      x.push(k)
      y.push(at(k))
    }
    return { x, y }
  }
  const pad = max > min ? 0.05 * (max - min) : Math.max(1, Math.abs(min) * 0.05)
  let lo = min - pad
  if (!inSupport(dist, lo, ctx)) lo = min
  let hi = max + pad
  if (!inSupport(dist, hi, ctx)) hi = max
  for (let i = 0; i < DENSITY_POINTS; i++) x.push(lo + ((hi - lo) * i) / (DENSITY_POINTS - 1))
  // Positive data over a decade or more may be drawn on a log x axis, where an even grid leaves the lowest
  // decades a few straight segments: log-spaced points join it there.
  if (min > 0 && max >= 10 * min) {
    const start = Math.log(lo > 0 ? lo : min)
    const step = (Math.log(hi) - start) / (DENSITY_POINTS - 1)
    for (let i = 0; i < DENSITY_POINTS; i++) x.push(Math.exp(start + step * i))
    x.sort((a, b) => a - b)
  }
  for (const xi of x) y.push(at(xi))
  return { x, y }
}
