import type { BootstrapMethod } from '../../../src-shared/contract'
import type { WorkControl } from '../control/work-control'
import type { Distribution, FamilyContext, Params } from '../distributions/types'
import { FitError } from '../errors'
import { replicateSeed } from '../gof/goodness-of-fit'
import { LikelihoodModel } from '../likelihood/likelihood-model'
import { spacingsFamily } from '../likelihood/spacings'
import { estimate, usable } from '../optimize/estimate'
import { innerSettings } from '../optimize/optimizer-types'
import { seededRandom } from '../random/seeded-random'
import { Sample } from '../stats/sample'
import { resampleCounts, sampleOfCounts, type DataPool } from './resample'

/** Everything one bootstrap-interval replicate needs; plain data, so it crosses to a worker thread. */
export interface CiTask {
  dist: string
  ctx: FamilyContext
  fixed: Params
  /** The estimate on the data: the parametric model, and every re-fit's start. */
  estimate: Params
  /** The optimizer of the fit (`gradient` fits re-fit by `auto`; `mps` re-fits maximize the spacings). */
  method: 'auto' | 'closed-form' | 'newton' | 'lbfgs' | 'mps'
  bootstrap: BootstrapMethod
  pool: DataPool
  /** Sample size of a replicate (the fit's n, rounded). */
  n: number
  seed: number
}

/**
 * Re-fits a sample from the estimate on the data (fitdistrplus' bootdist starts there too), then, if that
 * fails, from the family's own start. The free parameters of a converged fit (confirmed maximum), or null.
 */
export async function refitFree(
  dist: Distribution,
  task: CiTask,
  sample: Sample,
  control: WorkControl,
): Promise<Params | null> {
  const family = task.method === 'mps' ? spacingsFamily(dist) : dist
  const model = new LikelihoodModel(family, sample, task.ctx, task.fixed)
  const method = task.method === 'mps' ? 'auto' : task.method
  const starts = [task.estimate, { ...dist.startValues(sample, task.ctx), ...task.fixed }]
  for (const start of starts) {
    try {
      const r = await estimate(model, start, method, innerSettings(control))
      if (r.converged && usable(r)) return Object.fromEntries(model.freeNames.map((k) => [k, r.params[k]]))
    } catch (e) {
      if (!(e instanceof FitError)) throw e
    }
  }
  return null
}

/** Replicate r's sample: the data resampled, or n draws from the fitted model, from r's own stream. */
export function replicateSample(dist: Distribution, task: CiTask, r: number): Sample {
  const random = seededRandom(replicateSeed(task.seed, r))
  if (task.bootstrap === 'nonparametric') return sampleOfCounts(task.pool, resampleCounts(task.pool, random))
  return Sample.sorted(dist.sample(task.n, task.estimate, random, task.ctx).sort())
}

/** Replicate r: its sample re-fitted; the free parameters, or null when the re-fit did not converge. */
export function ciReplicate(dist: Distribution, task: CiTask, r: number, control: WorkControl) {
  return refitFree(dist, task, replicateSample(dist, task, r), control)
}
