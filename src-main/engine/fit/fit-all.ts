import type {
  Exclusion,
  FitAllRequest,
  FitAllResult,
  FitResult,
  WeightsInfo,
} from '../../../src-shared/contract'
import { rankFits, rankOrder } from '../../../src-shared/ranking'
import type { CensoredData } from '../censoring/censored-data'
import type { WorkControl } from '../control/work-control'
import type { Distribution } from '../distributions/types'
import { FitError } from '../errors'
import { supportProblem } from '../likelihood/support-check'
import { sampleOf } from '../stats/sample'
import { likelihoodSample, type TiesMode } from '../stats/tied-sample'
import {
  claim,
  familyOrder,
  newClaims,
  noteCosts,
  shared,
  startWorker,
  wantsWorker,
  type FamilyOutcome,
} from './fit-all-parallel'
import { censoredFitProblem } from './censored-fit'
import { fitDistribution } from './fit-distribution'

/** Largest column for which fit-all computes profile intervals. */
const PROFILE_MAX_N = 100_000

/** One column and the families to try (the registry), with the request's method and options. */
export interface FitAllInput extends FitAllRequest {
  families: readonly Distribution[]
  sorted: Float64Array
  rows: Float64Array
  /** Frequency weights of `sorted`, and what results say about them (see FitInput). */
  sortedWeights?: Float64Array
  weightsInfo?: WeightsInfo
  exclusions?: Exclusion[]
  /** Censored observations: each family fits the censored likelihood (see FitInput). */
  censored?: CensoredData
  /** Tied values as weighted distinct values (see FitInput; default `auto`). */
  ties?: TiesMode
  /**
   * Share the families with a worker thread (default: when the column has at least 200,000 values and
   * the machine more than one core, `wantsWorker`); results are identical either way.
   */
  parallel?: boolean
}

/**
 * The ranking rows in rank order (`src-shared/ranking.ts`: converged fits first, discrete and continuous
 * families in separate groups with ΔAIC and Akaike weights within each group).
 */
export function rankByAic(fits: FitResult[]): FitAllResult['ranking'] {
  return rankFits(fits).map(({ fit, group, deltaAic, akaikeWeight }) => ({
    dist: fit.dist,
    group,
    aic: fit.aic,
    deltaAic,
    akaikeWeight,
    bic: fit.bic,
  }))
}

/**
 * The families whose support admits every value (discrete ones only for whole numbers, binomial only with
 * trials, threshold families only with a threshold: their fit checks the exceedances), and why the others
 * do not apply.
 */
function applicableFamilies(input: FitAllInput) {
  const notApplicable: FitAllResult['notApplicable'] = []
  const applicable = input.families.filter((dist) => {
    if (input.censored) {
      const problem = censoredFitProblem(dist, input.censored, {})
      if (problem) notApplicable.push({ dist: dist.id, reason: problem })
      return problem === null
    }
    if (dist.needsTrials && input.trials === undefined) {
      notApplicable.push({ dist: dist.id, reason: `${dist.id} needs the number of trials: give trials.` })
      return false
    }
    if (dist.notInFitAll && !input.include?.includes(dist.id)) {
      notApplicable.push({ dist: dist.id, reason: dist.notInFitAll })
      return false
    }
    if (dist.needsThreshold && input.threshold === undefined) {
      notApplicable.push({ dist: dist.id, reason: `${dist.id} needs a threshold: give threshold.` })
      return false
    }
    if (dist.needsThreshold) return true
    const problem = supportProblem(dist, input.rows, { trials: input.trials }, input.sorted)
    if (problem) notApplicable.push({ dist: dist.id, reason: problem })
    return problem === null
  })
  return { applicable, notApplicable }
}

/** Waits for a worker run in short slices, so a cancel request stays responsive while it works. */
async function waitFor(finished: Promise<void>, control: WorkControl): Promise<void> {
  let done = false
  void finished.then(() => (done = true))
  while (!done) {
    await control.checkpoint()
    await Promise.race([finished, new Promise((r) => setTimeout(r, 20))])
  }
}

/** The task for the worker: the request with the column's arrays in shared memory (copied once per array). */
function workerTask(request: Omit<FitAllInput, 'families' | 'parallel'>, profiles: boolean) {
  const parts = [request.sorted, request.rows, request.sortedWeights].map((a) => (a ? shared(a) : undefined))
  return {
    ...request,
    sorted: parts[0]!.values,
    rows: parts[1]!.values,
    sortedWeights: parts[2]?.values,
    arrays: parts.map((p) => p?.id ?? 0).join(':'),
    profiles,
  }
}

/**
 * The values each fit's likelihood sums over: the distinct values of a much-tied column (as `prepareFit`
 * takes them; cached on the column), else its rows. A million rounded values are a few hundred terms, too
 * little work for a worker thread.
 */
function likelihoodSize(input: FitAllInput): number {
  if (input.method === 'gradient') return input.sorted.length
  return likelihoodSample(sampleOf(input.sorted, input.sortedWeights), input.ties).values.length
}

/**
 * Fits each family (a FitError becomes a `failed` outcome), costliest first. On a large column a worker
 * thread claims families from the same queue as this thread, so each thread takes the next family when it
 * is free and both finish close together however loaded the machine is; families the worker claimed but
 * did not answer (it failed or stopped) are fitted here.
 */
async function fitFamilies(
  input: FitAllInput,
  families: readonly Distribution[],
  control: WorkControl,
): Promise<FamilyOutcome[]> {
  const { families: _families, parallel, ...request } = input
  // Above this size profile intervals match Wald ones to display precision and cost many passes per
  // family; a single fit of the chosen family still computes them.
  const profiles = input.sorted.length <= PROFILE_MAX_N
  let started = 0
  const report = (dist: Distribution) =>
    control.report({
      task: 'fit-all',
      fraction: started / families.length,
      message: `Fitting ${dist.label} (${++started} of ${families.length})`,
      dist: dist.id,
    })
  const fitOne = async (i: number): Promise<FamilyOutcome> => {
    await control.checkpoint()
    report(families[i])
    try {
      return { fit: await fitDistribution({ ...request, dist: families[i], profiles }, control) }
    } catch (e) {
      if (e instanceof FitError) return { failed: e.message }
      throw e
    }
  }
  const outcomes: (FamilyOutcome | undefined)[] = families.map(() => undefined)
  const order = familyOrder(families)
  const claims = newClaims()
  const useWorker = parallel ?? (!input.censored && wantsWorker(likelihoodSize(input), families.length))
  const ids = order.map((i) => families[i].id)
  const run = useWorker
    ? startWorker({ ...workerTask(request, profiles), ids, claims }, (k) => report(families[order[k]]))
    : null
  let mine = 0
  let ok = false
  try {
    for (let k = claim(claims, order.length); k !== null; k = claim(claims, order.length)) {
      outcomes[order[k]] = await fitOne(order[k])
      mine++
    }
    // Wait only when the worker claimed something (a worker still starting up claimed nothing).
    if (run && mine < order.length) {
      await waitFor(run.finished, control)
      run.outcomes.forEach((outcome, k) => (outcomes[order[k]] ??= outcome))
    }
    ok = true
  } finally {
    run?.stop(!ok)
  }
  for (let i = 0; i < families.length; i++) outcomes[i] ??= await fitOne(i)
  return outcomes as FamilyOutcome[]
}

/**
 * Fits every family whose support admits every value, ranks them (`rankFits`), and lists the others with the
 * reason. A family that applies but cannot be fitted is listed in `failed`.
 */
export async function fitAll(input: FitAllInput, control: WorkControl): Promise<FitAllResult> {
  const { applicable, notApplicable } = applicableFamilies(input)
  const outcomes = await fitFamilies(input, applicable, control)
  const fits: FitResult[] = []
  const failed: { dist: string; reason: string }[] = []
  outcomes.forEach((outcome, i) => {
    if ('fit' in outcome) fits.push(outcome.fit)
    else failed.push({ dist: applicable[i].id, reason: outcome.failed })
  })
  noteCosts(fits, input.sorted.length)
  fits.sort(rankOrder)
  return {
    column: input.column,
    fits,
    ranking: rankByAic(fits),
    notApplicable: [...notApplicable, ...failed],
    failed,
  }
}
