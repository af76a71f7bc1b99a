import { availableParallelism, loadavg } from 'node:os'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import type { Exclusion, FitAllRequest, FitResult, WeightsInfo } from '../../../src-shared/contract'
import { workerScript } from '../control/worker-script'
import type { Distribution } from '../distributions/types'

/** Columns at least this long share the families with a worker thread (below, start-up dominates). */
export const PARALLEL_MIN_N = 200_000

/**
 * What the worker fits: the families in the order both threads take them, the shared claim counter, and
 * the request with the column in shared memory. `arrays` names the shared arrays: a task on the same
 * arrays reuses the worker's copies (and with them the column's cached statistics, `sampleOf`).
 */
export interface WorkerTask extends FitAllRequest {
  /** Task number, echoed on every message. */
  task: number
  ids: string[]
  /** Next unclaimed position in `ids` (Atomics.add): each family is fitted by whichever thread claims it. */
  claims: Int32Array
  arrays: string
  sorted: Float64Array
  rows: Float64Array
  /** Frequency weights of `sorted`, in shared memory too. */
  sortedWeights?: Float64Array
  weightsInfo?: WeightsInfo
  exclusions?: Exclusion[]
  profiles: boolean
}

/**
 * Worker to main thread: a family starts, is fitted, cannot be fitted (FitError), a bug, or nothing is
 * left to claim (`end`: every family it claimed has been answered).
 */
export type WorkerMessage = (
  | { kind: 'start'; index: number }
  | { kind: 'done'; index: number; fit: FitResult }
  | { kind: 'failed'; index: number; reason: string }
  | { kind: 'error'; message: string }
  | { kind: 'end' }
) & { task?: number }

/** One family's outcome in fit-all. */
export type FamilyOutcome = { fit: FitResult } | { failed: string }

/**
 * Whether this machine and column call for the worker: a long column, several families, more than one
 * core and a core to spare. Both threads claim families from one queue, so a slowed worker only fits fewer
 * of them; but on a saturated machine a second thread gets no more CPU (the scheduler shares it per
 * session) and only adds its own work: measured on this 2-core machine (W3, 1,000,000 values) at load 3.7
 * the worker cut fit-all from 1.19 s to 0.67 s, at load 12-16 it lost 15% (13.7 s against 11.7 s).
 */
export function wantsWorker(n: number, families: number): boolean {
  if (families < 2 || n < PARALLEL_MIN_N) return false
  // MLE_STUDIO_WORKERS=always|never overrides the load test (benchmarks, diagnosis).
  const setting = process.env.MLE_STUDIO_WORKERS
  if (setting === 'always' || setting === 'never') return setting === 'always'
  const cores = availableParallelism()
  return cores > 1 && loadavg()[0] - ownLoad() < 2 * cores
}

/** This process's CPU use at earlier decisions (wall and CPU seconds), for the last minute. */
const usage: { wall: number; cpu: number }[] = []

/**
 * This process's own part of the 1-minute load average (an exponential average over a minute): its CPU
 * seconds per second since its first decision in the last minute, weighted by how much of the average that
 * span fills. A fit-all just run here, with its worker, must not count as another program's load.
 */
function ownLoad(): number {
  const c = process.cpuUsage()
  const now = { wall: performance.now() / 1000, cpu: (c.user + c.system) / 1e6 }
  while (usage.length > 0 && now.wall - usage[0].wall > 60) usage.shift()
  usage.push(now)
  const span = now.wall - usage[0].wall
  return span > 1 ? ((now.cpu - usage[0].cpu) / span) * (1 - Math.exp(-span / 60)) : 0
}

/** Seconds per value each family took in this process's earlier fits (the best guess of its cost). */
const measured = new Map<string, number>()

/** Remembers what each fit cost (FitResult.seconds over the values), for the next fit-all's order. */
export function noteCosts(fits: readonly FitResult[], n: number): void {
  for (const fit of fits) if (n > 0) measured.set(fit.dist, fit.seconds / n)
}

/**
 * Positions of `families` in the order both threads take them: the costliest first (measured in this
 * process when it has fitted the family before, else the family's `fitCost` against the others' measured
 * or stated costs), so the last families claimed are short and the threads finish close together.
 */
export function familyOrder(families: readonly Distribution[]): number[] {
  const stated = families.map((d) => d.fitCost ?? 1)
  // Seconds per value of one unit of stated cost, from the families measured so far.
  let secondsPerUnit = NaN
  const known = families.flatMap((d, i) => (measured.has(d.id) ? [i] : []))
  if (known.length > 0) {
    secondsPerUnit =
      known.reduce((s, i) => s + measured.get(families[i].id)!, 0) / known.reduce((s, i) => s + stated[i], 0)
  }
  const cost = families.map((d, i) => measured.get(d.id) ?? stated[i] * (secondsPerUnit || 1))
  return families.map((_, i) => i).sort((a, b) => cost[b] - cost[a] || a - b)
}

/** A claim counter in shared memory, starting at 0. */
export function newClaims(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(4))
}

/** The next unclaimed position below `count` (taken by this thread), or null when none is left. */
export function claim(claims: Int32Array, count: number): number | null {
  const k = Atomics.add(claims, 0, 1)
  return k < count ? k : null
}

/** Shared-memory copies of columns (one per input array, kept while it lives) and their names. */
const sharedCopies = new WeakMap<Float64Array, { values: Float64Array; id: number }>()
let nextCopy = 1

/** A Float64Array copy in shared memory (the worker reads it without another copy), made once per array. */
export function shared(values: Float64Array): { values: Float64Array; id: number } {
  let copy = sharedCopies.get(values)
  if (!copy) {
    const out = new Float64Array(new SharedArrayBuffer(values.byteLength))
    out.set(values)
    copy = { values: out, id: nextCopy++ }
    sharedCopies.set(values, copy)
  }
  return copy
}

/** A running worker: its outcomes so far, a promise for the end, and a way to stop it. */
export interface WorkerRun {
  outcomes: (FamilyOutcome | undefined)[]
  /** Resolves when the worker has answered every family it claimed or stopped (outcomes may be missing). */
  finished: Promise<void>
  /**
   * Stops listening. With `kill` (cancellation, an exception here) an unfinished worker is stopped; without,
   * it is left to find nothing more to claim (a worker still starting when this thread took every family).
   */
  stop: (kill: boolean) => void
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
  let settled = false
  let finish: (ok: boolean) => void = () => undefined
  const finished = new Promise<void>((resolve) => {
    const onMessage = (m: WorkerMessage) => {
      if (m.task !== id) return
      if (m.kind === 'start') onStart(m.index)
      else if (m.kind === 'done') outcomes[m.index] = { fit: m.fit }
      else if (m.kind === 'failed') outcomes[m.index] = { failed: m.reason }
      // Any other error leaves its family missing: the main thread refits it and throws it typed.
      else finish(m.kind === 'end')
    }
    // A worker that cannot start or dies leaves its claimed families missing: the main thread fits those.
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
  return { outcomes, finished, stop: (kill) => finish(!kill) }
}
