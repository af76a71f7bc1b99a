import type { FitMethod, GradientReport } from '../../../src-shared/contract'
import { FitError } from '../errors'
import { LikelihoodModel } from '../likelihood/likelihood-model'
import { estimate, usable, type Estimate } from '../optimize/estimate'
import { innerSettings } from '../optimize/optimizer-types'
import { gradientAscent, gradientSettings } from './gradient-ascent'
import { degenerateMessage, type FitSetup } from './prepare'
import { rescaledEstimate, rescaleFactor, type RescaledCopy } from './rescaled-estimate'
import { searchedEstimate, searchesStart } from './searched-estimate'
import { spacingsEstimate } from './spacings-estimate'

/** Where the optimizer ended, and for gradient ascent how far that is from the exact optimum. */
export interface FitEstimate extends Estimate {
  gradient: GradientReport | null
  /** Method `mps`: the maximized product-of-spacings objective (`logLikelihood` is the true one). */
  spacingsObjective?: number
  /** Fitted on a rescaled copy (values near the ends of the double range): the infer stage works there. */
  rescaled?: RescaledCopy
  /** What ran, when `method` alone does not say it (FitResult `methodDetail`). */
  methodDetail?: string
}

/**
 * Gradient ascent on the seeded training part, with the exact optimum of the same part (auto from the same
 * start) for the gap the report shows.
 */
async function gradientEstimate(setup: FitSetup): Promise<FitEstimate> {
  const { dist, sample, ctx, fixed, start, model, settings } = setup
  const { control, recorder } = settings
  const options = { ...gradientSettings(setup.input.options), ties: setup.input.ties }
  const outcome = await gradientAscent(dist, sample, ctx, fixed, start, options, control, recorder)
  const trainModel = new LikelihoodModel(dist, outcome.train, ctx, fixed)
  const exact = await estimate(trainModel, start, 'auto', innerSettings(control))
  const endTrain = trainModel.logLikelihood(outcome.params)
  const gapParams: Record<string, number> = {}
  for (const name of model.freeNames) gapParams[name] = exact.params[name] - outcome.params[name]
  return {
    ...outcome,
    method: 'gradient',
    gradient: {
      ...outcome.report,
      gapLogLikelihood: usable(exact) ? exact.logLikelihood - endTrain : NaN,
      gapParams,
    },
  }
}

/** Closed form, Newton, L-BFGS or auto; on a rescaled copy when the values are near the double range's ends. */
function plainEstimate(
  setup: FitSetup,
  method: Exclude<FitMethod, 'gradient' | 'mps'>,
): Promise<Estimate & { rescaled?: RescaledCopy }> {
  const run = (s: FitSetup) => estimate(s.model, s.start, method, s.settings)
  const c = rescaleFactor(setup.dist, setup.sample)
  return c !== 1 ? rescaledEstimate(setup, c, run) : run(setup)
}

/** The family's start search and its polish (`auto` of a mixture), on a rescaled copy like plainEstimate. */
function searchedOrRescaled(
  setup: FitSetup,
): Promise<Estimate & { methodDetail: string; rescaled?: RescaledCopy }> {
  const c = rescaleFactor(setup.dist, setup.sample)
  return c !== 1 ? rescaledEstimate(setup, c, searchedEstimate) : searchedEstimate(setup)
}

/**
 * The estimate stage: the maximum-likelihood estimate by the requested method (closed form, Newton,
 * L-BFGS, auto, or gradient ascent), or the maximum-product-of-spacings estimate (`mps`). Throws FitError when the optimizer ends where the likelihood or the
 * parameters are not finite (no finite maximum).
 */
export async function estimateStage(setup: FitSetup): Promise<FitEstimate> {
  const { method } = setup
  const result: FitEstimate =
    method === 'gradient'
      ? await gradientEstimate(setup)
      : method === 'mps'
        ? { ...(await spacingsEstimate(setup)), gradient: null }
        : searchesStart(setup)
          ? { ...(await searchedOrRescaled(setup)), gradient: null }
          : { ...(await plainEstimate(setup, method)), gradient: null }
  if (!usable(result)) {
    const { dist, input } = setup
    throw new FitError(degenerateMessage(dist, input.column, input.sorted, result.params))
  }
  return result
}
