import { availableParallelism, loadavg } from 'node:os'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import type { Exclusion, FitAllRequest, FitResult, WeightsInfo } from '../../../src-shared/contract'
import { workerScript } from '../control/worker-script'
import type { Distribution } from '../distributions/types'

/** Columns at least this long fit half the families in a worker thread (below, start-up dominates). */
export const PARALLEL_MIN_N = 200_000

/** What the worker fits: family ids in order and the request, with the column in shared memory. */
export interface WorkerTask extends FitAllRequest {
  /** Task number, echoed on every message. */
  task: number
  ids: string[]
  sorted: Float64Array
  rows: Float64Array
  /** Frequency weights of `sorted` (copied to the worker with the task). */
  sortedWeights?: Float64Array
  weightsInfo?: WeightsInfo
  exclusions?: Exclusion[]
  profiles: boolean
}

/** Worker to main thread: a family starts, is fitted, cannot be fitted (FitError), or a bug. */
export type WorkerMessage = (
  | { kind: 'start'; index: number }
  | { kind: 'done'; index: number; fit: FitResult }
  | { kind: 'failed'; index: number; reason: string }
  | { kind: 'error'; message: string }
) & { task?: number }

/** One family's outcome in fit-all. */
export type FamilyOutcome = { fit: FitResult } | { failed: string }

/**
 * Whether this machine and column call for a worker: a long column, more than one core, and a 1-minute
 * load average below twice the cores. Measured on this 2-core machine (W3, 1,000,000 values): at load
 * 3.7 the worker cut fit-all from 1.19 s to 0.67 s; at load 5 two busy threads got 0.6 of a core together
 * and the worker gained nothing (1.35 s against 1.30 s) while adding about 80 MB of peak RSS.
 */
export function wantsWorker(n: number, families: number): boolean {
  if (families < 2 || n < PARALLEL_MIN_N) return false
  // MLE_STUDIO_WORKERS=always|never overrides the load test (benchmarks, diagnosis).
  const setting = process.env.MLE_STUDIO_WORKERS
  if (setting === 'always' || setting === 'never') return setting === 'always'
  const cores = availableParallelism()
  return cores > 1 && loadavg()[0] < 2 * cores
}

/** Splits families into the main thread's and the worker's share (greedy by cost; positions kept). */
export function splitFamilies(families: readonly Distribution[]): { main: number[]; worker: number[] } {
  const order = families.map((_, i) => i).sort((a, b) => cost(families[b]) - cost(families[a]))
  const main: number[] = []
  const worker: number[] = []
  let mainCost = 0
  let workerCost = 0
  for (const i of order) {
    // Ties go to the worker: the main thread also coordinates.
    if (workerCost <= mainCost) {
      worker.push(i)
      workerCost += cost(families[i])
    } else {
      main.push(i)
      mainCost += cost(families[i])
    }
  }
  return { main: main.sort((a, b) => a - b), worker: worker.sort((a, b) => a - b) }
}

/**
 * Relative cost of one family's fit and goodness of fit on a large column (the W3 profile: Newton passes
 * with exp/log per value, and the cdf at every value), as the family states it.
 */
function cost(dist: Distribution): number {
  return dist.fitCost ?? 1
}

/** A Float64Array copy in shared memory (the worker reads it without another copy). */
export function shared(values: Float64Array): Float64Array {
  const out = new Float64Array(new SharedArrayBuffer(values.byteLength))
  out.set(values)
  return out
}

/** A running worker: its outcomes so far, a promise for the end, and a way to stop it. */
export interface WorkerRun {
  outcomes: (FamilyOutcome | undefined)[]
  /** Resolves when the worker has sent every outcome or stopped (outcomes may then be missing). */
  finished: Promise<void>
  terminate: () => void
}

/** The long-lived worker (started on first use, so later fit-alls skip its start-up) and task counter. */
let pooled: Worker | null = null
let nextTask = 1

function pooledWorker(): Worker | null {
  if (pooled) return pooled
  const script = workerScript('fit-all-worker', __dirname, join(__dirname, 'fit-all-worker.ts'))
  if (!script) return null
  try {
    const worker = new Worker(script.code, { eval: script.eval })
    // An idle worker must not keep the engine process alive.
    worker.unref()
    worker.on('error', () => {
      if (pooled === worker) pooled = null
    })
    worker.on('exit', () => {
      if (pooled === worker) pooled = null
    })
    pooled = worker
    return worker
  } catch {
    return null
  }
}

/** Stops the pooled worker (cancellation, or a failed task); the next fit-all starts a fresh one. */
function discard(worker: Worker): void {
  if (pooled === worker) pooled = null
  void worker.terminate()
}

/** Starts `task` (without its number) on the pooled worker; onStart(index) when it begins a family. */
export function startWorker(
  task: Omit<WorkerTask, 'task'>,
  onStart: (index: number) => void,
): WorkerRun | null {
  const worker = pooledWorker()
  if (!worker) return null
  const id = nextTask++
  const outcomes: (FamilyOutcome | undefined)[] = task.ids.map(() => undefined)
  let received = 0
  let settled = false
  let finish: (ok: boolean) => void = () => undefined
  const finished = new Promise<void>((resolve) => {
    const onMessage = (m: WorkerMessage) => {
      if (m.task !== id) return
      if (m.kind === 'start') onStart(m.index)
      // Any other error leaves the rest missing: the main thread refits them and throws it typed.
      else if (m.kind === 'error') finish(false)
      else {
        outcomes[m.index] = m.kind === 'done' ? { fit: m.fit } : { failed: m.reason }
        if (++received === task.ids.length) finish(true)
      }
    }
    // A worker that cannot start or dies leaves its outcomes missing: the main thread fits those.
    const onGone = () => finish(false)
    finish = (ok: boolean) => {
      if (settled) return
      settled = true
      worker.off('message', onMessage)
      worker.off('error', onGone)
      worker.off('exit', onGone)
      worker.unref()
      if (!ok) discard(worker)
      resolve()
    }
    worker.on('message', onMessage)
    worker.on('error', onGone)
    worker.on('exit', onGone)
  })
  // Referenced while working, so the process waits for the answer.
  worker.ref()
  worker.postMessage({ ...task, task: id } satisfies WorkerTask)
  return {
    outcomes,
    finished,
    terminate: () => {
      // Only an unfinished task (cancellation, an exception here) stops the worker.
      if (!settled) {
        finish(false)
      }
    },
  }
}
