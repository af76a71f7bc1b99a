import { join } from 'node:path'
import type { BootstrapCi, BootstrapMethod } from '../../../src-shared/contract'
import { SILENT_CONTROL, type WorkControl } from '../control/work-control'
import type { Distribution, Params } from '../distributions/types'
import { FitError } from '../errors'
import { estimateStage } from '../fit/estimate-stage'
import { prepareFit, type FitInput } from '../fit/prepare'
import {
  bootstrapWorkerCount,
  onWorkers,
  runReplicates,
  type ReplicateRunner,
  type WorkerEntry,
} from '../gof/bootstrap-parallel'
import { ciReplicate, refitFree, type CiTask } from './ci-replicate'
import { quantityInterval, type Jackknife, type QuantityInterval } from './intervals'
import { dataPool, jackknifeDeletions, poolSize, sampleOfCounts } from './resample'

/** The bootstrap-interval thread's entry (bundled as `bootstrap-ci-worker`). */
const CI_WORKER: WorkerEntry = { name: 'bootstrap-ci-worker', source: join(__dirname, 'ci-worker.ts') }

/** What the user asked for beyond the fit itself. */
export interface BootstrapOptions {
  replicates: number
  method?: BootstrapMethod
  level?: number
  seed?: number
  /** Threads (tests, benchmarks); by default one per core for large bootstraps (bootstrap-parallel.ts). */
  workers?: number
}

/**
 * A bootstrap run, kept in the engine so any quantity derived from the parameters (a percentile, a
 * probability of exceedance) gets its intervals from the same replicates: see `derivedInterval`.
 */
export interface BootstrapRun {
  dist: Distribution
  /** The estimate on the data (all parameters, fixed ones included). */
  estimate: Params
  /** Each converged replicate's parameters (all, fixed included), in replicate order. */
  replicates: Params[]
  /** Jackknife parameters with their weights (null: no BCa). */
  jackknife: { params: Params[]; weights: number[] } | null
  level: number
}

/** Percentile and BCa intervals of any quantity of the parameters (a quantile, a mean) from a run. */
export function derivedInterval(run: BootstrapRun, quantity: (params: Params) => number): QuantityInterval {
  const jack: Jackknife | null = run.jackknife && {
    values: run.jackknife.params.map(quantity),
    weights: run.jackknife.weights,
  }
  return quantityInterval(run.replicates.map(quantity), quantity(run.estimate), jack, run.level)
}

/** A control that passes cancellation on but drops progress (the re-made fit's trace is not news). */
const quiet = (control: WorkControl): WorkControl => ({
  ...SILENT_CONTROL,
  checkpoint: () => control.checkpoint(),
})

/**
 * Bootstrap confidence intervals for a fit (fitdistrplus' `bootdist`): the fit is made again exactly as
 * requested, then B replicates (resampled data, or samples of the fitted model) are re-fitted from its
 * estimate, on worker threads when the work is large (each replicate from its own seeded stream: the same
 * seed gives the same answer for any thread count). Replicates whose re-fit does not converge are counted
 * and named, never silently dropped. BCa's acceleration comes from a jackknife of the data.
 */
export async function bootstrapCi(
  input: FitInput,
  options: BootstrapOptions,
  control: WorkControl = SILENT_CONTROL,
): Promise<{ result: BootstrapCi; run: BootstrapRun }> {
  const setup = prepareFit(input, quiet(control))
  const fitted = await estimateStage(setup)
  if (!fitted.converged) {
    throw new FitError(
      `${setup.dist.label} did not converge on the data (${fitted.message}), so there is no estimate to bootstrap; fix the fit first.`,
    )
  }
  const pool = dataPool(setup.sample.sorted, setup.sample.sortedWeights)
  const task: CiTask = {
    dist: setup.dist.id,
    ctx: setup.ctx,
    fixed: setup.fixed,
    estimate: fitted.params,
    method: setup.method === 'gradient' ? 'auto' : setup.method,
    bootstrap: options.method ?? 'nonparametric',
    pool,
    n: poolSize(pool),
    seed: options.seed ?? input.options?.seed ?? 42,
  }
  const level = options.level ?? 0.95
  const replicates = await runCiReplicates(setup.dist, task, options, control)
  const jackknife = await runJackknife(setup.dist, task, control)
  const run: BootstrapRun = {
    dist: setup.dist,
    estimate: fitted.params,
    replicates: replicates.flatMap((p) => (p ? [{ ...fitted.params, ...p }] : [])),
    jackknife: jackknife && {
      params: jackknife.params.map((p) => ({ ...fitted.params, ...p })),
      weights: jackknife.weights,
    },
    level,
  }
  return { result: describeRun(run, setup.model.freeNames, task, options.replicates, jackknife), run }
}

/** The B replicates on threads first, then this thread for whatever they left; null = not converged. */
async function runCiReplicates(
  dist: Distribution,
  task: CiTask,
  options: BootstrapOptions,
  control: WorkControl,
): Promise<(Params | null)[]> {
  const b = options.replicates
  const workers = bootstrapWorkerCount(b, task.n, options.workers)
  const here: ReplicateRunner<Params | null> = async (replicates, done) => {
    for (const r of replicates) {
      await control.checkpoint()
      done(r, await ciReplicate(dist, task, r, quiet(control)))
    }
  }
  const runners = [onWorkers<Params | null>(CI_WORKER, task, workers, control), here]
  return runReplicates(b, runners, (finished) =>
    control.report({
      task: 'bootstrap',
      fraction: finished / b,
      message: `${dist.label}: bootstrap interval replicate ${finished} of ${b}`,
      dist: dist.id,
    }),
  )
}

/** Jackknife re-fits for BCa's acceleration (free parameters), or null when it is not available. */
interface JackknifeOutcome {
  params: Params[]
  weights: number[]
  kind: 'full' | 'grouped'
  /** Deletions whose re-fit did not converge (BCa is then not given). */
  failed: number
}

async function runJackknife(
  dist: Distribution,
  task: CiTask,
  control: WorkControl,
): Promise<JackknifeOutcome | null> {
  const deletions = jackknifeDeletions(task.pool, task.seed)
  if (!deletions) return null
  const outcome: JackknifeOutcome = {
    params: [],
    weights: [],
    kind: deletions.length === task.pool.counts.length ? 'full' : 'grouped',
    failed: 0,
  }
  for (let j = 0; j < deletions.length; j++) {
    await control.checkpoint()
    if (j % 20 === 0) {
      control.report({
        task: 'bootstrap',
        fraction: j / deletions.length,
        message: `${dist.label}: jackknife re-fit ${j + 1} of ${deletions.length} (BCa acceleration)`,
        dist: dist.id,
      })
    }
    const params = await refitFree(dist, task, sampleOfCounts(task.pool, deletions[j].counts), quiet(control))
    if (!params) outcome.failed++
    else {
      outcome.params.push(params)
      outcome.weights.push(deletions[j].weight)
    }
  }
  return outcome
}

/** The result the user sees: per-parameter intervals, the replicate matrix and a note in plain words. */
function describeRun(
  run: BootstrapRun,
  names: string[],
  task: CiTask,
  asked: number,
  jackknife: JackknifeOutcome | null,
): BootstrapCi {
  const usableJack = jackknife && jackknife.failed === 0 ? run.jackknife : null
  const intervals = names.map((name) => ({
    name,
    estimate: run.estimate[name],
    ...derivedInterval({ ...run, jackknife: usableJack }, (p) => p[name]),
  }))
  const converged = run.replicates.length
  const failed = asked - converged
  return {
    method: task.bootstrap,
    replicates: asked,
    converged,
    failed,
    seed: task.seed,
    level: run.level,
    intervals,
    names,
    estimates: run.replicates.map((p) => names.map((k) => p[k])),
    jackknife: jackknife && {
      kind: jackknife.kind,
      refits: jackknife.params.length + jackknife.failed,
      // Kept only when BCa is usable, so derived quantities (percentiles) get BCa from the same jackknife.
      ...(usableJack && {
        estimates: usableJack.params.map((p) => names.map((k) => p[k])),
        weights: usableJack.weights,
      }),
    },
    note: runNote(task, asked, failed, jackknife),
  }
}

function runNote(task: CiTask, asked: number, failed: number, jackknife: JackknifeOutcome | null): string {
  const how =
    task.bootstrap === 'nonparametric'
      ? `Nonparametric bootstrap (the data resampled with replacement)`
      : `Parametric bootstrap (samples of ${task.n} from the fitted model)`
  const parts = [
    `${how}, ${asked} replicates, seed ${task.seed}; each replicate re-fitted from the estimate.`,
  ]
  if (failed > 0) {
    parts.push(
      `${failed} of ${asked} replicates did not converge and are left out of the intervals: they may be too narrow where the fit is unstable.`,
    )
  }
  if (!jackknife) parts.push('BCa not computed: the data are too large for its jackknife.')
  else if (jackknife.failed > 0) {
    parts.push(`BCa not computed: ${jackknife.failed} jackknife re-fits did not converge.`)
  } else {
    const refits = jackknife.params.length
    parts.push(
      jackknife.kind === 'full'
        ? `BCa acceleration from the leave-one-out jackknife (${refits} re-fits, one per distinct value).`
        : `BCa acceleration from a grouped jackknife (${refits} random groups of the observations).`,
    )
    if (task.bootstrap === 'parametric')
      parts.push('The acceleration is estimated from the data (jackknife) for both methods.')
  }
  return parts.join(' ')
}
