import { moments } from '../stats/sample-moments'
import { Sample, weightAt } from '../stats/sample'
import { param } from './param'
import { REAL_LINE } from './support'
import type { Distribution, NonRegular, Params } from './types'

/** A two-parameter family on x > 0 that a threshold shifts (weibull, lognormal, gamma). */
type Base = Pick<
  Distribution,
  'params' | 'logPdf' | 'cdf' | 'quantile' | 'startValues' | 'sample' | 'unitPowers'
>

/** Where a threshold family starts looking: the smallest value minus these fractions of the range. */
const START_OFFSETS = [1e-3, 3e-3, 0.01, 0.03, 0.1, 0.3, 1, 3]

/** The base parameters alone (without the threshold). */
function baseParams(base: Base, p: Params): Params {
  const out: Params = {}
  for (const s of base.params) out[s.name] = p[s.name]
  return out
}

/**
 * Start values by a coarse profile over the threshold: for each candidate below the smallest value, the
 * base family's own start (its closed form where it has one) on x - threshold, keeping the candidate
 * with the largest log-likelihood. A start just below the minimum would often sit on the unbounded ridge
 * of a shape below 1, so the grid reaches well below it.
 */
function thresholdStart(base: Base, data: Sample): Params {
  const { min, max } = moments(data)
  const range = max > min ? max - min : Math.max(Math.abs(min), 1)
  let best: Params = {}
  let bestLl = -Infinity
  for (const f of START_OFFSETS) {
    const threshold = min - f * range
    // One entry per value (with frequency weights n is their total, not the number of values).
    const shifted = data.values.map((x) => x - threshold)
    const s = data.weights ? Sample.unsorted(shifted, data.weights) : Sample.sorted(shifted)
    const p = base.startValues(s)
    let ll = 0
    for (let i = 0; i < shifted.length; i++) ll += weightAt(data.weights, i) * base.logPdf(shifted[i], p)
    if (ll > bestLl || best.threshold === undefined) {
      bestLl = ll
      best = { ...p, threshold }
    }
  }
  return best
}

/**
 * The family of x - threshold for a base family on x > 0, with the threshold a free real parameter
 * (Minitab's and JMP's 3-parameter forms); the support's lower end is estimated. `shape` names the base
 * parameter that governs the density at the threshold (weibull, gamma), if any: at or below 1 the density
 * is infinite there and the likelihood grows without bound as the threshold reaches the smallest value,
 * so the estimate is that boundary; between 1 and 2 a maximum exists but is not regular (Smith 1985).
 */
export function withThreshold(
  base: Base,
  id: string,
  label: string,
  shape?: string,
): Omit<Distribution, 'cullenFrey' | 'fitCost'> {
  const at = (x: number, p: Params) => (Number.isFinite(p.threshold) ? x - p.threshold : NaN)
  return {
    id,
    label,
    discrete: false,
    params: [...base.params, param('threshold', 'θ', 'real')],
    support: { ...REAL_LINE, estimatedEnds: true },
    // The threshold is a location (x - threshold scales with x); the base keeps its own powers. A base
    // without them (lognormal: mu moves by log c, not by a power of c) leaves the family without them too.
    ...(base.unitPowers ? { unitPowers: { ...base.unitPowers, threshold: 1 } } : {}),
    logPdf(x, p) {
      const y = at(x, p)
      return Number.isNaN(y) ? NaN : base.logPdf(y, baseParams(base, p))
    },
    cdf(x, p) {
      const y = at(x, p)
      return Number.isNaN(y) ? NaN : base.cdf(y, baseParams(base, p))
    },
    quantile(q, p) {
      return Number.isFinite(p.threshold) ? p.threshold + base.quantile(q, baseParams(base, p)) : NaN
    },
    startValues: (data) => thresholdStart(base, data),
    notInFitAll: `${id} is fitted only when chosen: on data without a threshold its threshold runs off to -infinity and the fit takes many seconds.`,
    startIsMoments: false,
    sample(n, p, random) {
      const out = base.sample(n, baseParams(base, p), random)
      for (let i = 0; i < n; i++) out[i] += p.threshold
      return out
    },
    nonRegular(p): NonRegular | null {
      const k = shape === undefined ? Infinity : p[shape]
      if (k <= 1) {
        return {
          boundary: { threshold: 'minimum' },
          note: `With ${shape} <= 1 the likelihood of the ${label} grows without bound as the threshold approaches the smallest value: the estimate is that boundary, not a maximum. Try maximum product of spacings (method mps), which has a proper maximum here; or fix the threshold, or use the two-parameter family.`,
        }
      }
      if (k < 2) {
        return {
          caution: `With 1 < ${shape} < 2 the threshold's likelihood is not regular (Smith 1985): the estimates are consistent, but standard errors and Wald intervals from the information are unreliable.`,
        }
      }
      return null
    },
  }
}
