import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import type { WorkControl } from '../control/work-control'
import { workerScript } from '../control/worker-script'
import type { FamilyContext, Params } from '../distributions/types'
import type { GofStatistics, ReplicateRunner } from './goodness-of-fit'

/**
 * Below this much work (replicates x sample size) threads' start-up outweighs what they save: each thread
 * loads the engine (about 0.3 s of CPU idle, more under load), and 199 replicates of 5,000 values (1e6)
 * took 1.7 s of CPU on one thread against 3.1 s with two threads on a loaded 2-core machine.
 */
const PARALLEL_MIN_WORK = 5_000_000
/** At most this many bootstrap threads (each holds a replicate sample and its sorted copy). */
const MAX_WORKERS = 8

/** What a bootstrap thread runs: the fitted model by family id, and its share of the replicates. */
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

/** Thread to engine: one replicate's statistics (null: its re-fit failed), or an unexpected error. */
export type BootstrapMessage =
  { kind: 'outcome'; r: number; statistics: GofStatistics | null } | { kind: 'error'; message: string }

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
 * cancelled or not. A thread that cannot start or fails leaves its replicates undone: the caller's next
 * runner (this thread) runs them, so the answer never depends on the threads.
 */
export function onWorkers(
  task: Omit<BootstrapTask, 'replicates'>,
  count: number,
  control: WorkControl,
): ReplicateRunner {
  return async (replicates, done) => {
    const script = workerScript('bootstrap-worker', __dirname, join(__dirname, 'bootstrap-worker.ts'))
    if (!script || count < 2) return
    const workers: Worker[] = []
    let running = 0
    let wake: () => void = () => undefined
    try {
      for (let w = 0; w < count; w++) {
        const share = replicates.filter((_, i) => i % count === w)
        const worker = new Worker(script.code, {
          eval: script.eval,
          workerData: { ...task, replicates: share } satisfies BootstrapTask,
        })
        running++
        worker.on('message', (m: BootstrapMessage) => {
          if (m.kind === 'outcome') done(m.r, m.statistics)
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
        await control.checkpoint()
      }
    } finally {
      for (const worker of workers) void worker.terminate()
    }
  }
}
