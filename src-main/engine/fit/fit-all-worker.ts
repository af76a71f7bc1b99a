/**
 * Worker-thread entry for fit-all: a long-lived thread that, for each task it receives, claims families
 * from the task's shared counter (the main thread claims from the same one) and fits them on the shared
 * column, posting one message per family and `end` when nothing is left, tagged with the task number.
 * Bundled as its own entry (`out/main/fit-all-worker.js`); see fit-all-parallel.ts.
 */
import { parentPort } from 'node:worker_threads'
import { findDistribution } from '../distributions/registry'
import { FitError } from '../errors'
import { claim, type WorkerMessage, type WorkerTask } from './fit-all-parallel'
import { fitDistribution } from './fit-distribution'

type Arrays = Pick<WorkerTask, 'sorted' | 'rows' | 'sortedWeights'>

/**
 * The last task's column arrays: a task on the same shared arrays (same `arrays` name) gets the same array
 * objects, so the column's statistics cached on them (`sampleOf`) are computed once, not per fit-all.
 */
let last: (Arrays & { name: string }) | null = null

function columnArrays({ arrays, sorted, rows, sortedWeights }: WorkerTask): Arrays {
  if (last?.name !== arrays) last = { name: arrays, sorted, rows, sortedWeights }
  return { sorted: last.sorted, rows: last.rows, sortedWeights: last.sortedWeights }
}

/** Fits family `index` of the task; false after a bug (an error that is not a FitError), which ends the task. */
async function fitOne(
  request: Omit<WorkerTask, 'task' | 'ids' | 'claims' | 'arrays'>,
  id: string,
  post: (m: WorkerMessage) => void,
  index: number,
): Promise<boolean> {
  const dist = findDistribution(id)
  if (!dist) {
    post({ kind: 'error', message: `Unknown family ${id}.` })
    return false
  }
  post({ kind: 'start', index })
  try {
    post({ kind: 'done', index, fit: await fitDistribution({ ...request, dist }) })
    return true
  } catch (e) {
    if (e instanceof FitError) {
      post({ kind: 'failed', index, reason: e.message })
      return true
    }
    post({ kind: 'error', message: e instanceof Error ? e.message : String(e) })
    return false
  }
}

async function main(message: WorkerTask): Promise<void> {
  const { task, ids, claims, arrays: _arrays, ...request } = message
  const post = (m: WorkerMessage) => parentPort?.postMessage({ ...m, task })
  const input = { ...request, ...columnArrays(message) }
  for (let index = claim(claims, ids.length); index !== null; index = claim(claims, ids.length)) {
    if (!(await fitOne(input, ids[index], post, index))) return
  }
  post({ kind: 'end' })
}

// One task at a time, in order.
let queue = Promise.resolve()
parentPort?.on('message', (task: WorkerTask) => {
  queue = queue.then(() => main(task))
})
