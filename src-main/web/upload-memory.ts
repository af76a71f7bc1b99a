import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'

/**
 * Bytes of an upload received between two young-generation collections. Large against one socket read
 * (64 KiB), small against the ~64 MB of dead buffers V8 would otherwise let pile up.
 */
export const COLLECT_EVERY_BYTES = 8 * 1024 * 1024

/**
 * A young-generation ("minor") garbage collection, or null where the runtime refuses to expose one.
 *
 * Why: Node's HTTP parser copies every socket read of a request body (64 KiB) into a new Buffer. Once the
 * upload has written it to its temp file it is garbage, but V8 collects buffers only on heap pressure,
 * which their small JS objects never make: it waits until ~64 MB of their external memory has piled up.
 * Each of those megabytes is fresh memory the server faults in (kernel time: about as much CPU as the
 * rest of the upload on the first one, which is the one a user waits for) and holds. Collected while
 * young, the same few MB are reused. The flag is set at run time the way Node's own docs show for
 * `v8.setFlagsFromString`; the function comes from a fresh context, where V8 installs `gc`.
 */
export function youngCollector(): (() => void) | null {
  try {
    setFlagsFromString('--expose-gc')
    const gc = runInNewContext('gc') as unknown
    if (typeof gc !== 'function') return null
    return () => (gc as (options: { type: 'minor' }) => void)({ type: 'minor' })
  } catch {
    return null
  }
}

/** Counts bytes received and calls `collect` once every `every` bytes (never when `collect` is null). */
export function collectEvery(every: number, collect: (() => void) | null): (bytes: number) => void {
  if (!collect) return () => undefined
  let since = 0
  return (bytes) => {
    since += bytes
    if (since < every) return
    since = 0
    collect()
  }
}
