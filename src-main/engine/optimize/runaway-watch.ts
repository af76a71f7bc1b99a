import type { Params } from '../distributions/types'
import type { LikelihoodModel } from '../likelihood/likelihood-model'
import type { ShownValue } from './optimizer-types'

/**
 * Iterations in a row the family's `runaway` hook must describe before an optimizer gives up on a start.
 * Newton converges quadratically, so a true maximum is reached long before its iterates could sit this
 * many times where the hook speaks (gev: the end point within 1e-3 times the smallest gap of a tied value);
 * on tied counts the hook holds from the first dozen iterations to the iteration limit (500), each of
 * which costs a pass over the data (over the distinct values when ties are many, `stats/tied-sample.ts`:
 * GEV on 100,000 Poisson(0.5) counts 0.8 s to 12 ms; rows with fewer ties still pay a pass per row).
 */
const RUNAWAY_ESTABLISHED = 10

/**
 * Watches an optimizer's iterates for the family's runaway (gev's end point closing in on tied values):
 * the function it returns, called with each iterate, gives the family's message once the hook has held
 * for RUNAWAY_ESTABLISHED iterates in a row, else null. Families without the hook are never stopped.
 */
export function runawayWatch(
  model: LikelihoodModel,
  shown: ShownValue = (_name, value) => value,
): (params: Params) => string | null {
  const hook = model.dist.runaway
  let held = 0
  if (!hook) return () => null
  return (params) => {
    const message = hook(model.sample, params, shown)
    held = message ? held + 1 : 0
    return held >= RUNAWAY_ESTABLISHED ? message : null
  }
}
