import type { FitResult } from '../../../src-shared/contract'
import { SILENT_CONTROL, type WorkControl } from '../control/work-control'
import { assess } from '../gof/assess'
import { infer } from '../inference/infer'
import { inferSpacings } from '../inference/spacings-inference'
import { fitCensored } from './censored-fit'
import { chooseComponents } from './choose-components'
import { estimateStage } from './estimate-stage'
import { prepareFit, type FitInput } from './prepare'
import { present } from './present'
import { inferOnCopy } from './rescaled-estimate'

export type { FitInput } from './prepare'

/**
 * Fits a family by maximum likelihood as a pipeline of stages: prepare (check the request against the
 * data: support with the first offending row, trials, fixed and start values), estimate (closed form,
 * Newton, L-BFGS, auto or gradient ascent), infer (observed-information SEs, Wald and profile intervals,
 * AIC/AICc/BIC, health), assess (goodness of fit, asymptotic or bootstrap p-values), present (the result
 * with its chart series). Never drops data; throws FitError or RequestError saying what is wrong.
 */
export async function fitDistribution(
  input: FitInput,
  control: WorkControl = SILENT_CONTROL,
): Promise<FitResult> {
  if (input.censored) return fitCensored({ ...input, censored: input.censored }, control)
  if (input.components === 'auto' && input.dist.components) {
    return chooseComponents(input, fitDistribution, control)
  }
  const started = performance.now()
  const setup = prepareFit(input, control)
  const estimate = await estimateStage(setup)
  const options = {
    profiles: !input.lean && input.profiles !== false,
    gradient: setup.method === 'gradient',
    control,
  }
  const inference =
    setup.method === 'mps'
      ? inferSpacings(setup.model, estimate)
      : estimate.rescaled
        ? await inferOnCopy(estimate.rescaled, estimate.logLikelihood, options)
        : await infer(setup.model, estimate, options)
  await control.checkpoint()
  const goodnessOfFit = input.lean
    ? null
    : await assess(
        {
          ...setup,
          // The likelihood's sample: tied values as distinct values with counts give the same statistics.
          sorted: setup.sample.sorted,
          weights: setup.sample.sortedWeights,
          params: estimate.params,
          freeCount: setup.model.free.length,
          // Bootstrap replicates re-fit by maximum likelihood: they would not describe an MPS estimate.
          bootstrap: setup.method === 'mps' ? 0 : input.bootstrap,
          seed: input.options?.seed,
          workers: input.bootstrapWorkers,
        },
        control,
      )
  return present(setup, estimate, inference, goodnessOfFit, started)
}
