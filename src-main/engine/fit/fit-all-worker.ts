/**
 * Worker-thread entry for fit-all: a long-lived thread that, for each task it receives, fits the families
 * it is given (ids, in order) on the shared column and posts one message per family, tagged with the
 * task number. Bundled as its own entry (`out/main/fit-all-worker.js`); see fit-all-parallel.ts.
 */
import { parentPort } from 'node:worker_threads'
import { findDistribution } from '../distributions/registry'
import { FitError } from '../errors'
import { fitDistribution } from './fit-distribution'
import type { WorkerMessage, WorkerTask } from './fit-all-parallel'

async function main({ task, ids, ...request }: WorkerTask): Promise<void> {
  const post = (message: WorkerMessage) => parentPort?.postMessage({ ...message, task })
  for (const [index, id] of ids.entries()) {
    const dist = findDistribution(id)
    if (!dist) {
      post({ kind: 'error', message: `Unknown family ${id}.` })
      return
    }
    post({ kind: 'start', index })
    try {
      const fit = await fitDistribution({ ...request, dist })
      post({ kind: 'done', index, fit })
    } catch (e) {
      if (e instanceof FitError) post({ kind: 'failed', index, reason: e.message })
      else post({ kind: 'error', message: e instanceof Error ? e.message : String(e) })
      if (!(e instanceof FitError)) return
    }
  }
}

// One task at a time, in order: the main thread sends the next only after this one's last message.
let queue = Promise.resolve()
parentPort?.on('message', (task: WorkerTask) => {
  queue = queue.then(() => main(task))
})
