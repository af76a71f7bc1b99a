import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import type { WorkControl } from '../control/work-control'
import { createWorkerPause, type WorkerPause } from '../control/worker-pause'
import { workerScript } from '../control/worker-script'
import type { FamilyContext, Params } from '../distributions/types'
import type { GofStatistics } from './goodness-of-fit'

/**
 * Below this much work (replicates x sample size) threads' start-up outweighs what they save: each thread
 * loads the engine (about 0.3 s of CPU idle, more under load), and 199 replicates of 5,000 values (1e6)
 * took 1.7 s of CPU on one thread against 3.1 s with two threads on a loaded 2-core machine.
 */
const PARALLEL_MIN_WORK = 5_000_000
/** At most this many bootstrap threads (each holds a replicate sample and its sorted copy). */
const MAX_WORKERS = 8

/** What a goodness-of-fit bootstrap thread runs: the fitted model by family id, and its share of the replicates. */
export interface BootstrapTask {
  dist: string
  n: number
  params: Params
  ctx: FamilyContext
  fixed: Params
  freeCount: number
  seed: number
  /** Replicate indices this thread runs, in order. */
  replicates: number[]
}

/** What `onWorkers` adds to each thread's task: its replicates and the pause flag (`worker-pause.ts`). */
export interface ThreadShare {
  replicates: number[]
  pause: SharedArrayBuffer
}

/** Thread to engine: one replicate's outcome (null: its re-fit failed), or an unexpected error. */
export type WorkerMessage<T> = { kind: 'outcome'; r: number; value: T } | { kind: 'error'; message: string }

/** Thread to engine for the goodness-of-fit bootstrap: one replicate's statistics. */
export type BootstrapMessage = WorkerMessage<GofStatistics | null>

/**
 * Runs the replicates it is given (indices), in any order or place, calling `done(r, outcome)` for each as
 * it finishes; resolves when all have been given.
 */
export type ReplicateRunner<T> = (
  replicates: number[],
  done: (r: number, outcome: T) => void,
) => Promise<void>

/** A worker thread's entry: its bundle name and its TypeScript source (tests); see control/worker-script.ts. */
export interface WorkerEntry {
  name: string
  source: string
}

/** The goodness-of-fit bootstrap's thread entry. */
export const GOF_WORKER: WorkerEntry = {
  name: 'bootstrap-worker',
  source: join(__dirname, 'bootstrap-worker.ts'),
}

/**
 * How many threads a bootstrap of this size gets: one per core (at most 8) when the work is large enough
 * and the machine has more than one core; 1 means this thread alone. MLE_STUDIO_WORKERS=never|always
 * forbids threads or ignores the size test (benchmarks, diagnosis); `asked` (the benchmark's count) wins.
 */
export function bootstrapWorkerCount(replicates: number, n: number, asked?: number): number {
  if (asked !== undefined) return Math.max(1, Math.floor(asked))
  const setting = process.env.MLE_STUDIO_WORKERS
  if (setting === 'never') return 1
  if (setting !== 'always' && replicates * n < PARALLEL_MIN_WORK) return 1
  return Math.max(1, Math.min(availableParallelism(), MAX_WORKERS, replicates))
}

/**
 * Runs replicates on `count` worker threads (replicate r on thread r mod count), passing each outcome to
 * `done` as it arrives and checking for cancellation about every 50 ms; the threads stop when it ends,
 * cancelled or not. While an import holds the engine (`control.held`) the threads pause between
 * replicates, and go on where they were (each replicate has its own seeded stream: the same answer). A
 * thread that cannot start or fails leaves its replicates undone: the caller's next runner (this thread)
 * runs them, so the answer never depends on the threads.
 */
export function onWorkers<T>(
  entry: WorkerEntry,
  task: object,
  count: number,
  control: WorkControl,
): ReplicateRunner<T> {
  return async (replicates, done) => {
    const script = workerScript(entry.name, __dirname, entry.source)
    if (!script || count < 2) return
    const workers: Worker[] = []
    const pause = createWorkerPause()
    let running = 0
    let wake: () => void = () => undefined
    try {
      for (let w = 0; w < count; w++) {
        const share: ThreadShare = {
          replicates: replicates.filter((_, i) => i % count === w),
          pause: pause.buffer,
        }
        const worker = new Worker(script.code, { eval: script.eval, workerData: { ...task, ...share } })
        running++
        worker.on('message', (m: WorkerMessage<T>) => {
          if (m.kind === 'outcome') done(m.r, m.value)
          wake()
        })
        // 'exit' follows 'error' too: a failed thread just stops giving outcomes.
        worker.on('exit', () => {
          running--
          wake()
        })
        workers.push(worker)
      }
      while (running > 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 50)
          wake = () => {
            clearTimeout(timer)
            resolve()
          }
        })
        await pausedWhileHeld(control, pause)
        await control.checkpoint()
      }
    } finally {
      // Woken first: a thread blocked in its pause ends as promptly as a computing one.
      pause.set(false)
      for (const worker of workers) void worker.terminate()
    }
  }
}

/** While the engine is held (an import runs), the threads are paused; a cancel ends the hold at once. */
async function pausedWhileHeld(control: WorkControl, pause: WorkerPause): Promise<void> {
  const held = control.held?.()
  if (!held) return
  pause.set(true)
  try {
    await held
  } finally {
    pause.set(false)
  }
}

/**
 * Runs `count` replicates through `runners` in turn (worker threads, then this thread for whatever they
 * left undone) and returns every outcome in replicate order, so the answer depends on the seeds only.
 * `progress(finished)` is called at most every 50 ms and at the end.
 */
export async function runReplicates<T>(
  count: number,
  runners: ReplicateRunner<T>[],
  progress: (finished: number) => void,
): Promise<T[]> {
  const outcomes: (T | undefined)[] = new Array<undefined>(count).fill(undefined)
  const seen = new Uint8Array(count)
  let finished = 0
  let lastReport = 0
  const done = (r: number, outcome: T) => {
    if (seen[r]) return
    seen[r] = 1
    outcomes[r] = outcome
    finished++
    const now = performance.now()
    if (now - lastReport > 50 || finished === count) {
      lastReport = now
      progress(finished)
    }
  }
  for (const run of runners) {
    const left = outcomes.flatMap((_, r) => (seen[r] ? [] : [r]))
    if (left.length > 0) await run(left, done)
  }
  return outcomes as T[]
}
