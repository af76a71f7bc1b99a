import { FitError } from '../errors'
import { LikelihoodModel } from '../likelihood/likelihood-model'
import { spacingsFamily } from '../likelihood/spacings'
import { estimate, usable, type Estimate } from '../optimize/estimate'
import type { FitSetup } from './prepare'

/** The MPS estimate, its true log-likelihood in `logLikelihood` and the maximized objective apart. */
export interface SpacingsEstimate extends Estimate {
  spacingsObjective: number
}

/**
 * Maximum product of spacings: `auto` (Newton, L-BFGS, second starts, the final maximum check) on the
 * spacings objective from the family's start. The objective stays finite where a threshold family's
 * likelihood grows without bound, so it has an interior maximum there. No live trace: its values would
 * be the objective, not the log-likelihood the trace chart shows. `logLikelihood` is replaced by the
 * true log-likelihood at the estimates (the numbers shown are the likelihood's).
 */
export async function spacingsEstimate(setup: FitSetup): Promise<SpacingsEstimate> {
  const { dist, sample, ctx, fixed, model, start, settings } = setup
  if (dist.discrete) {
    throw new FitError(
      `Maximum product of spacings needs a continuous family; ${dist.label} is discrete. Choose automatic.`,
    )
  }
  const spacings = new LikelihoodModel(spacingsFamily(dist), sample, ctx, fixed)
  const r = await estimate(spacings, start, 'auto', { ...settings, recorder: null })
  const what = r.converged
    ? 'reached a confirmed maximum of the product of spacings'
    : 'did not reach a confirmed maximum of the product of spacings'
  return {
    ...r,
    method: 'mps',
    logLikelihood: usable(r) ? model.logLikelihood(r.params) : NaN,
    spacingsObjective: r.logLikelihood,
    message: `Maximum product of spacings ${what} (${r.iterations} iterations). ${r.message}`,
  }
}
