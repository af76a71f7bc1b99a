import type { BinRule, FitAllResult, FitMethod, FitOptions, FitResult } from '../../../src-shared/contract'
import type { Distribution } from '../distributions/types'
import { CancelledError, FitError } from '../errors'
import type { FitControl } from './fit-control'
import { fitDistribution } from './fit-distribution'
import { needsTrials, supportProblem } from './support-check'

/** Largest column for which fit-all computes profile intervals. */
const PROFILE_MAX_N = 100_000

/** One column and the families to try (the registry), with the request's method and options. */
export interface FitAllInput {
  families: readonly Distribution[]
  column: string
  sorted: Float64Array
  rows: Float64Array
  method?: FitMethod
  options?: FitOptions
  trials?: number
  bootstrap?: number
  bins?: BinRule
}

/**
 * Converged fits first, by AIC; fits whose optimizer did not converge after them (their AIC can be
 * spuriously low, e.g. a cauchy scale collapsing onto tied counts), so they never win the ranking.
 */
export function rankOrder(a: FitResult, b: FitResult): number {
  if (a.converged !== b.converged) return a.converged ? -1 : 1
  return a.aic - b.aic
}

/**
 * Akaike weights w_i = exp(-delta_i / 2) / sum_j exp(-delta_j / 2), delta_i = AIC_i - min AIC over the
 * converged fits; fits that did not converge are ranked last with weight 0.
 */
export function rankByAic(fits: FitResult[]): FitAllResult['ranking'] {
  const sorted = [...fits].sort(rankOrder)
  const converged = sorted.filter((f) => f.converged)
  const best = converged.length > 0 ? converged[0].aic : sorted.length > 0 ? sorted[0].aic : 0
  const raw = sorted.map((f) => (f.converged || converged.length === 0 ? Math.exp(-(f.aic - best) / 2) : 0))
  const total = raw.reduce((s, v) => s + v, 0)
  return sorted.map((f, i) => ({
    dist: f.dist,
    aic: f.aic,
    deltaAic: f.aic - best,
    akaikeWeight: total > 0 ? raw[i] / total : 0,
    bic: f.bic,
  }))
}

/**
 * Fits every family whose support admits every value (discrete families only for whole numbers, binomial
 * only with trials), ranks them by AIC, and lists the others with the reason. A family that applies but
 * cannot be fitted is listed in `failed`.
 */
export async function fitAll(input: FitAllInput, control: FitControl): Promise<FitAllResult> {
  const fits: FitResult[] = []
  const notApplicable: FitAllResult['notApplicable'] = []
  const failed: { dist: string; reason: string }[] = []
  const applicable = input.families.filter((dist) => {
    if (needsTrials(dist) && input.trials === undefined) {
      notApplicable.push({ dist: dist.id, reason: `${dist.id} needs the number of trials: give trials.` })
      return false
    }
    const problem = supportProblem(dist, input.rows, { trials: input.trials }, input.sorted)
    if (problem) notApplicable.push({ dist: dist.id, reason: problem })
    return problem === null
  })
  for (let i = 0; i < applicable.length; i++) {
    const dist = applicable[i]
    await control.checkpoint()
    control.report({
      task: 'fit-all',
      fraction: i / applicable.length,
      message: `Fitting ${dist.label} (${i + 1} of ${applicable.length})`,
      dist: dist.id,
    })
    try {
      fits.push(
        await fitDistribution(
          {
            dist,
            column: input.column,
            sorted: input.sorted,
            rows: input.rows,
            method: input.method,
            options: input.options,
            trials: input.trials,
            bootstrap: input.bootstrap,
            bins: input.bins,
            // Above this size profile intervals match Wald ones to display precision and cost many
            // passes per family; a single fit of the chosen family still computes them.
            profiles: input.sorted.length <= PROFILE_MAX_N,
          },
          control,
        ),
      )
    } catch (e) {
      if (e instanceof CancelledError || !(e instanceof Error)) throw e
      if (!(e instanceof FitError)) throw e
      failed.push({ dist: dist.id, reason: e.message })
    }
  }
  fits.sort(rankOrder)
  return {
    column: input.column,
    fits,
    ranking: rankByAic(fits),
    notApplicable: [...notApplicable, ...failed],
    failed,
  }
}
