/**
 * A flag the engine thread shares with the worker threads of one piece of long work (a parallel
 * bootstrap): while an import holds the engine (`ImportHold`), the threads wait between two replicates
 * too, so the import has the machine's cores as well as the engine thread to itself. A SharedArrayBuffer
 * rather than a message: a thread busy with a replicate reads it the moment it finishes one, without
 * turning its event loop, and blocks in `Atomics.wait` (no CPU) until the flag is lowered.
 */
const RUNNING = 0
const PAUSED = 1

/** The engine thread's side: the buffer to give each thread (`workerData`), and the switch. */
export function createWorkerPause() {
  const flag = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT))
  return {
    buffer: flag.buffer as SharedArrayBuffer,
    /** Pauses the threads at their next replicate, or lets them go on (woken at once). */
    set(paused: boolean): void {
      Atomics.store(flag, 0, paused ? PAUSED : RUNNING)
      if (!paused) Atomics.notify(flag, 0)
    },
  }
}

export type WorkerPause = ReturnType<typeof createWorkerPause>

/** A worker thread's side, between two replicates: returns at once unless paused, else once resumed. */
export function waitWhilePaused(buffer: SharedArrayBuffer | undefined): void {
  if (!buffer) return
  const flag = new Int32Array(buffer)
  while (Atomics.load(flag, 0) === PAUSED) Atomics.wait(flag, 0, PAUSED)
}
