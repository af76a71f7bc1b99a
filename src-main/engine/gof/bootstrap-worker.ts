/**
 * Worker-thread entry for parametric-bootstrap goodness of fit: runs the replicates it is given (workerData,
 * a BootstrapTask) with the same code as the engine's own thread and posts each one's statistics (pausing
 * between them while the engine says so), then exits. Bundled as its own entry (`out/main/bootstrap-worker.js`); see bootstrap-parallel.ts.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { SILENT_CONTROL } from '../control/work-control'
import { waitWhilePaused } from '../control/worker-pause'
import { findDistribution } from '../distributions/registry'
import { refitter } from './assess'
import type { BootstrapMessage, BootstrapTask, ThreadShare } from './bootstrap-parallel'
import { bootstrapReplicate } from './goodness-of-fit'

async function main(task: BootstrapTask & ThreadShare): Promise<void> {
  const post = (message: BootstrapMessage) => parentPort?.postMessage(message)
  const dist = findDistribution(task.dist)
  if (!dist) {
    post({ kind: 'error', message: `Unknown family ${task.dist}.` })
    return
  }
  const model = { dist, n: task.n, params: task.params, ctx: task.ctx, freeCount: task.freeCount }
  const refit = refitter(dist, task.ctx, task.fixed, SILENT_CONTROL)
  for (const r of task.replicates) {
    // Between two replicates: paused while an import holds the engine.
    waitWhilePaused(task.pause)
    post({ kind: 'outcome', r, value: await bootstrapReplicate(model, task.seed, r, refit) })
  }
}

main(workerData as BootstrapTask & ThreadShare).catch((e: unknown) =>
  parentPort?.postMessage({
    kind: 'error',
    message: e instanceof Error ? e.message : String(e),
  } satisfies BootstrapMessage),
)
