import type { FitResult } from '../../../src-shared/contract'
import type { CensoredData } from '../censoring/censored-data'
import {
  censoredFamily,
  censoredHistogram,
  censoredSupportProblem,
  censoringProblem,
  representativeValues,
} from '../censoring/censored-likelihood'
import type { WorkControl } from '../control/work-control'
import type { Distribution, FamilyContext } from '../distributions/types'
import { FitError, RequestError } from '../errors'
import { infer } from '../inference/infer'
import { supportProblem } from '../likelihood/support-check'
import { estimateStage } from './estimate-stage'
import { prepareFit, type FitInput } from './prepare'
import { present } from './present'

/**
 * Why `dist` cannot be fitted to these censored data, or null: the family does not take censoring, an
 * exact value is outside its support, or a censored one has probability 0 under it.
 */
export function censoredFitProblem(
  dist: Distribution,
  data: CensoredData,
  ctx: FamilyContext,
): string | null {
  return (
    censoringProblem(dist) ??
    (data.exact.length > 0 ? supportProblem(dist, data.exactRows, ctx, data.exact) : null) ??
    censoredSupportProblem(dist, data)
  )
}

/**
 * The fit pipeline on censored data: prepare with the censored likelihood (`censoredFamily`, on one
 * representative value per observation so n and the spread are right), estimate, infer (observed
 * information of the censored likelihood, profile intervals, AIC/BIC with n = every observation), no
 * goodness of fit (none of the usual tests applies; the result says so), and the result with the exact
 * values' histogram scaled by their share of n, so its area is the fraction observed exactly.
 */
export async function fitCensored(
  input: FitInput & { censored: CensoredData },
  control: WorkControl,
): Promise<FitResult> {
  const started = performance.now()
  const { censored: data, dist: base } = input
  const problem = censoredFitProblem(base, data, {})
  if (problem) throw new FitError(problem)
  if (input.method === 'gradient')
    throw new RequestError('Gradient ascent does not fit censored data: choose automatic, Newton or L-BFGS.')
  if (input.method === 'closed-form')
    throw new RequestError('Censored data have no closed-form estimate: choose automatic, Newton or L-BFGS.')
  if (input.method === 'mps')
    throw new RequestError(
      'Maximum product of spacings needs every value exactly observed, not censored: choose automatic, Newton or L-BFGS.',
    )
  const setup = prepareFit(
    {
      ...input,
      dist: censoredFamily(base, data),
      sorted: representativeValues(base, data),
      rows: undefined,
      sortedWeights: undefined,
    },
    control,
  )
  const estimate = await estimateStage(setup)
  const inference = await infer(setup.model, estimate, {
    profiles: !input.lean && input.profiles !== false,
    gradient: false,
    control,
  })
  const result = present(setup, estimate, inference, null, started)
  return { ...result, histogram: censoredHistogram(data, input.bins), censoring: data.info }
}
