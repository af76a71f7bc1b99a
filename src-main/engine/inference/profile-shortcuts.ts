import type { Params } from '../distributions/types'
import { sortedQuantile } from '../stats/quantile'

/**
 * The other parameter's exact maximizer with one parameter held, for two-parameter families where Newton
 * cannot do the inner fit of a profile: the laplace likelihood has a kink at every data point in mu, so
 * with b held the optimum is the median (whatever b), and with mu held it is b = mean |x - mu|.
 */
type InnerOptimum = (sorted: Float64Array, held: string, value: number, params: Params) => Params | null

/** Inner maximizers by family id (see above). */
export const PROFILE_SHORTCUTS: Record<string, InnerOptimum> = {
  laplace(sorted, held, value, params) {
    if (held === 'b') return { ...params, b: value, mu: sortedQuantile(sorted, 0.5) }
    if (held !== 'mu') return null
    let sum = 0
    for (let i = 0; i < sorted.length; i++) sum += Math.abs(sorted[i] - value)
    return { ...params, mu: value, b: sum / sorted.length }
  },
}
