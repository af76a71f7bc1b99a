import type { Writable } from 'node:stream'

/**
 * Bytes of an upload gathered into one write of its temp file: the engine's read size (1 MiB), so a parse
 * that has caught up with the upload still gets whole chunks.
 */
export const WRITE_BATCH_BYTES = 1024 * 1024
/** Longest wait before gathered bytes are written anyway, so a slow upload still reaches the engine. */
export const WRITE_BATCH_MS = 10

/**
 * Makes `out` write in batches: it is corked, and `received(bytes)` (told each chunk's size as it arrives)
 * uncorks it once `every` bytes have come in, or `maxDelayMs` after the first byte of a batch.
 *
 * Why: Chromium sends an upload in ~8-16 KiB pieces, so the server reads ~8,000 chunks for 86 MB. Piped
 * as they come, each is its own write on Node's thread pool (a hand-off, a wake-up, a syscall): CPU the
 * upload takes from the engine parsing it on a 2-core machine. Batched, the same bytes go out in a few
 * dozen `writev` calls. `end()` uncorks, so nothing stays behind.
 */
export function batchWrites(out: Writable, every: number, maxDelayMs: number): (bytes: number) => void {
  out.cork()
  let pending = 0
  let timer: NodeJS.Timeout | null = null
  const flush = () => {
    if (timer) clearTimeout(timer)
    timer = null
    pending = 0
    if (out.destroyed || out.writableEnded) return
    out.uncork()
    out.cork()
    // Bytes still held (a write was in flight, so the uncork left them) go out on the next flush; the timer
    // makes sure there is one, as the request may be paused waiting for them to drain.
    if (out.writableLength > 0) timer = setTimeout(flush, maxDelayMs)
  }
  out.once('close', () => {
    if (timer) clearTimeout(timer)
  })
  return (bytes) => {
    pending += bytes
    if (pending >= every) flush()
    else timer ??= setTimeout(flush, maxDelayMs)
  }
}
