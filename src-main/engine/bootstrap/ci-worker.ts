/**
 * Worker-thread entry for bootstrap confidence intervals: runs the replicates it is given (workerData: a
 * CiTask and `replicates`) with the same code as the engine's own thread and posts each one's re-fitted
 * parameters, then exits. Bundled as its own entry (`out/main/bootstrap-ci-worker.js`).
 */
import { parentPort, workerData } from 'node:worker_threads'
import { SILENT_CONTROL } from '../control/work-control'
import { findDistribution } from '../distributions/registry'
import type { Params } from '../distributions/types'
import type { WorkerMessage } from '../gof/bootstrap-parallel'
import { ciReplicate, type CiTask } from './ci-replicate'

type Message = WorkerMessage<Params | null>

async function main(task: CiTask & { replicates: number[] }): Promise<void> {
  const post = (message: Message) => parentPort?.postMessage(message)
  const dist = findDistribution(task.dist)
  if (!dist) {
    post({ kind: 'error', message: `Unknown family ${task.dist}.` })
    return
  }
  for (const r of task.replicates) {
    post({ kind: 'outcome', r, value: await ciReplicate(dist, task, r, SILENT_CONTROL) })
  }
}

main(workerData as CiTask & { replicates: number[] }).catch((e: unknown) =>
  parentPort?.postMessage({
    kind: 'error',
    message: e instanceof Error ? e.message : String(e),
  } satisfies Message),
)
