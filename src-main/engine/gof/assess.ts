import type { GoodnessOfFit } from '../../../src-shared/contract'
import { SILENT_CONTROL, type WorkControl } from '../control/work-control'
import type { Distribution, FamilyContext, Params } from '../distributions/types'
import { FitError } from '../errors'
import { LikelihoodModel } from '../likelihood/likelihood-model'
import { estimate, usable } from '../optimize/estimate'
import { innerSettings } from '../optimize/optimizer-types'
import { Sample } from '../stats/sample'
import { GOF_WORKER, type BootstrapTask, bootstrapWorkerCount, onWorkers } from './bootstrap-parallel'
import {
  asymptoticGoodnessOfFit,
  bootstrapGoodnessOfFit,
  gofStatistics,
  inThread,
  totalWeight,
  type GofStatistics,
  type Refit,
} from './goodness-of-fit'

/** The fit to assess: family, data (sorted), estimate, and what was held fixed. */
export interface AssessInput {
  dist: Distribution
  sorted: Float64Array
  /** Frequency weights of `sorted` (n = their total). */
  weights?: Float64Array | null
  params: Params
  ctx: FamilyContext
  fixed: Params
  /** Number of estimated parameters (the chi-square's degrees of freedom lose one each). */
  freeCount: number
  /** Parametric-bootstrap replicates (0: asymptotic p-values). */
  bootstrap?: number
  /** Seed of the bootstrap samples (default 42). */
  seed?: number
  /** Bootstrap threads (benchmarks); by default one per core for large bootstraps (bootstrap-parallel.ts). */
  workers?: number
}

/** Re-fits a replicate by `auto` from the family's start, holding the same parameters fixed. */
export function refitter(dist: Distribution, ctx: FamilyContext, fixed: Params, control: WorkControl): Refit {
  return async (values) => {
    const sample = Sample.sorted(values)
    const model = new LikelihoodModel(dist, sample, ctx, fixed)
    const start = { ...dist.startValues(sample, ctx), ...fixed }
    try {
      const r = await estimate(model, start, 'auto', innerSettings(control))
      return usable(r) ? r.params : null
    } catch (e) {
      if (e instanceof FitError) return null
      throw e
    }
  }
}

/**
 * The assess stage: goodness of fit of the estimate (KS, Anderson-Darling and Cramér-von Mises for
 * continuous families, KS and grouped chi-square for discrete ones), with asymptotic p-values or, when
 * asked, parametric-bootstrap p-values that re-estimate the parameters on every replicate.
 */
export async function assess(
  input: AssessInput,
  control: WorkControl = SILENT_CONTROL,
): Promise<GoodnessOfFit> {
  const { dist, sorted, weights, params, ctx, fixed, freeCount } = input
  const observed = gofStatistics(dist, sorted, params, ctx, freeCount, weights)
  const replicates = Math.floor(input.bootstrap ?? 0)
  // With frequency weights the sample size is the total weight; replicates draw that many values.
  const n = weights ? totalWeight(weights) : sorted.length
  if (!(replicates > 0)) return asymptoticGoodnessOfFit(observed, n, dist.discrete)
  const seed = input.seed ?? 42
  const size = Math.round(n)
  const model = { dist, n: size, params, ctx, freeCount }
  const workers = bootstrapWorkerCount(replicates, size, input.workers)
  const task = { dist: dist.id, n: size, params, ctx, fixed, freeCount, seed }
  // Threads first; this thread runs whatever they left undone (none started, one failed).
  const runners = [
    onWorkers<GofStatistics | null>(
      GOF_WORKER,
      task satisfies Omit<BootstrapTask, 'replicates'>,
      workers,
      control,
    ),
    inThread(model, seed, refitter(dist, ctx, fixed, control), control),
  ]
  return bootstrapGoodnessOfFit(model, observed, replicates, seed, runners, control)
}
