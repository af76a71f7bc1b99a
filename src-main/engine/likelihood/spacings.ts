import type { Distribution, FamilyContext, Params } from '../distributions/types'
import { weightAt, type Sample } from '../stats/sample'

/**
 * The maximum-product-of-spacings objective (Cheng & Amin 1983; Ranneby 1984) of a continuous family:
 * S = Σ_{i=0..n} log(F(x_(i+1)) − F(x_(i))) over the sorted sample with F(x_(0)) = 0 and F(x_(n+1)) = 1.
 * Tied values (and a value with frequency weight w, which is w tied copies) share the spacing before
 * them equally, l log(D / l) for a group of l, as SciPy's `fit(..., method='mse')` does; the density
 * at the tie (Cheng & Amin's suggestion) would make the objective depend on the tie's rounding instead.
 * -Infinity where a value lies outside the support or a spacing is empty.
 */
export function spacingsObjective(
  dist: Distribution,
  sample: Sample,
  params: Params,
  ctx?: FamilyContext,
): number {
  const values = sample.sorted
  const weights = sample.sortedWeights
  let sum = 0
  let previous = 0
  let i = 0
  while (i < values.length) {
    const x = values[i]
    let count = 0
    for (; i < values.length && values[i] === x; i++) count += weightAt(weights, i)
    const f = dist.cdf(x, params, ctx)
    const d = f - previous
    if (!(d > 0)) return -Infinity
    sum += count * Math.log(d / count)
    previous = f
  }
  const last = 1 - previous
  return last > 0 ? sum + Math.log(last) : -Infinity
}

/**
 * The family with its whole-sample "log-likelihood" replaced by the spacings objective, so every
 * optimizer and the final maximum check of `optimize/` maximize S instead (numerical derivatives: the
 * family's analytic hooks are of the likelihood, not of S, and are dropped with anything else that
 * would shortcut the objective).
 */
export function spacingsFamily(dist: Distribution): Distribution {
  const {
    logLikelihood: _ll,
    derivatives: _d,
    closedFormMle: _cf,
    density: _density,
    searchStart: _search,
    epochKernel: _epoch,
    profileShortcut: _profile,
    nearStart: _near,
    ...rest
  } = dist
  return { ...rest, logLikelihood: (sample, p, ctx) => spacingsObjective(dist, sample, p, ctx) }
}
