import { open, type FileHandle } from 'node:fs/promises'
import { CancelledError, ImportError } from '../errors'
import type { ByteSource } from './byte-source'
import { formatBytes } from './limits'

/**
 * A file another process is still writing (a browser-mode upload): its final size is known, its bytes are
 * not all there yet. Importing it while it arrives overlaps the transfer with the parse instead of adding
 * them up. The writer signals failure by removing the file (an upload cut off or refused): a read waiting
 * for bytes sees the file (or its progress file) unlinked and stops with a message; a writer that goes
 * silent is given up on.
 */
export interface ArrivingFile {
  /** The file's size once complete (the upload's Content-Length). */
  bytes: number
  /**
   * A file whose size is how much of the file's start is written, for an upload whose parts arrive out of
   * order (its file's size then says nothing); removed, like the file, when the upload is cut off. Without
   * one, the file's own size is what is written.
   */
  progress?: string
  /** Checked while waiting for bytes: true stops the wait (CancelledError). */
  isCancelled?: () => boolean
  /** Ms without a new byte after which the wait fails (default 30 s). */
  stallMs?: number
}

/** Between two looks at the file's size: short against a chunk's parse (~7 ms per MiB), cheap (one fstat). */
const POLL_MS = 2
/**
 * A read returns once this much of what it asked for has arrived (or the rest of the file), not the whole
 * buffer: the parse follows the upload closely instead of waiting for each full chunk, so once the last
 * byte is written only the bytes after the last read are left to parse. Large enough that a parse that
 * has caught up with the upload does not run per network packet.
 */
const MIN_READ_BYTES = 256 * 1024
const DEFAULT_STALL_MS = 30_000

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Opens an arriving file as a ByteSource whose reads wait until the bytes they ask for have been written,
 * or at least MIN_READ_BYTES of them (a short read: the callers read on from where it ended).
 */
export async function openArrivingSource(
  path: string,
  arriving: ArrivingFile,
  fileName: string,
): Promise<ByteSource> {
  const handle = await open(path, 'r')
  const watched = await openProgress(arriving, fileName).catch(async (e: unknown) => {
    await handle.close()
    throw e
  })
  const progress = watched ?? handle
  return {
    async read(buffer, position) {
      const end = Math.min(arriving.bytes, position + buffer.length)
      const size = await waitForSize(progress, Math.min(end, position + MIN_READ_BYTES), arriving, fileName)
      const want = Math.max(0, Math.min(end, size) - position)
      const { bytesRead } = await handle.read(buffer, 0, want, position)
      return bytesRead
    },
    close: async () => {
      await watched?.close()
      await handle.close()
    },
  }
}

/** Waits until the whole arriving file is written (a workbook is read only once complete). */
export async function waitForArrival(path: string, arriving: ArrivingFile, fileName: string): Promise<void> {
  const handle = (await openProgress(arriving, fileName)) ?? (await open(path, 'r'))
  try {
    await waitForSize(handle, arriving.bytes, arriving, fileName)
  } finally {
    await handle.close()
  }
}

/** The upload's progress file, when it has one; gone already means the upload was cut off. */
async function openProgress(arriving: ArrivingFile, fileName: string): Promise<FileHandle | null> {
  if (arriving.progress === undefined) return null
  return open(arriving.progress, 'r').catch(() => {
    throw new ImportError(
      `The upload of ${fileName} stopped before it began: nothing was imported. Open the file again.`,
    )
  })
}

async function waitForSize(
  handle: FileHandle,
  need: number,
  arriving: ArrivingFile,
  fileName: string,
): Promise<number> {
  const stallMs = arriving.stallMs ?? DEFAULT_STALL_MS
  let seen = -1
  let grewAt = performance.now()
  for (;;) {
    const s = await handle.stat()
    if (s.size >= need) return s.size
    if (s.nlink === 0) {
      throw new ImportError(
        `The upload of ${fileName} stopped after ${formatBytes(s.size)} of ${formatBytes(arriving.bytes)}: nothing was imported. Open the file again.`,
      )
    }
    if (arriving.isCancelled?.()) throw new CancelledError(`Import of ${fileName} cancelled.`)
    const now = performance.now()
    if (s.size > seen) {
      seen = s.size
      grewAt = now
    } else if (now - grewAt > stallMs) {
      throw new ImportError(
        `The upload of ${fileName} stalled at ${formatBytes(s.size)} of ${formatBytes(arriving.bytes)} (nothing new for ${stallMs >= 1000 ? `${Math.round(stallMs / 1000)} s` : `${stallMs} ms`}). Open the file again.`,
      )
    }
    await sleep(POLL_MS)
  }
}
