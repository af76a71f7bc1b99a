/**
 * Worker-thread entry for bootstrap confidence intervals: runs the replicates it is given (workerData: a
 * CiTask and its `ThreadShare`) with the same code as the engine's own thread and posts each one's
 * re-fitted parameters (pausing between them while the engine says so), then exits. Bundled as its own
 * entry (`out/main/bootstrap-ci-worker.js`).
 */
import { parentPort, workerData } from 'node:worker_threads'
import { SILENT_CONTROL } from '../control/work-control'
import { waitWhilePaused } from '../control/worker-pause'
import { findDistribution } from '../distributions/registry'
import type { Params } from '../distributions/types'
import type { ThreadShare, WorkerMessage } from '../gof/bootstrap-parallel'
import { ciReplicate, type CiTask } from './ci-replicate'

type Message = WorkerMessage<Params | null>

async function main(task: CiTask & ThreadShare): Promise<void> {
  const post = (message: Message) => parentPort?.postMessage(message)
  const dist = findDistribution(task.dist)
  if (!dist) {
    post({ kind: 'error', message: `Unknown family ${task.dist}.` })
    return
  }
  for (const r of task.replicates) {
    // Between two replicates: paused while an import holds the engine.
    waitWhilePaused(task.pause)
    post({ kind: 'outcome', r, value: await ciReplicate(dist, task, r, SILENT_CONTROL) })
  }
}

main(workerData as CiTask & ThreadShare).catch((e: unknown) =>
  parentPort?.postMessage({
    kind: 'error',
    message: e instanceof Error ? e.message : String(e),
  } satisfies Message),
)
