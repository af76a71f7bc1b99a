import { createHash } from 'node:crypto'
import { constants } from 'node:fs'
import { open, type FileHandle } from 'node:fs/promises'
import { StudioError } from '../../src-shared/errors'
import { FileAccessError } from './file-policy'

/** Bytes per read: small enough that a cancel is noticed within a few milliseconds. */
const CHUNK_BYTES = 1 << 20

/**
 * Opens a file for reading only if it is a regular file. O_NONBLOCK makes opening a FIFO return at once
 * instead of waiting for a writer (it changes nothing for regular files), and the type is checked on the
 * open descriptor, so a file swapped for a pipe or a device after an earlier check is still refused.
 */
export async function openRegularFile(
  path: string,
): Promise<{ handle: FileHandle; bytes: number; mtimeMs: number }> {
  const handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0))
  try {
    const s = await handle.stat()
    if (!s.isFile()) throw new FileAccessError(`${path} is not a regular file; it was not read.`)
    return { handle, bytes: s.size, mtimeMs: s.mtimeMs }
  } catch (e) {
    await handle.close().catch(() => undefined)
    throw e
  }
}

/**
 * Reads an opened regular file in chunks, never past the size it had when opened (a file that grows while
 * being read, or a special file that claims size 0, cannot make this run on), checking `signal` between
 * chunks: a cancel ends it with a CancelledError.
 */
async function readChunks(
  handle: FileHandle,
  bytes: number,
  onChunk: (chunk: Uint8Array) => void,
  signal?: AbortSignal,
): Promise<void> {
  const buffer = new Uint8Array(Math.min(CHUNK_BYTES, Math.max(1, bytes)))
  for (let position = 0; position < bytes;) {
    if (signal?.aborted) throw new StudioError('CancelledError', 'Reading the file was cancelled.')
    const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, bytes - position), position)
    if (bytesRead === 0) break // it became shorter: hash what is there
    onChunk(buffer.subarray(0, bytesRead))
    position += bytesRead
  }
}

/** SHA-256 of a regular file's bytes as 64 hex digits, bounded and cancellable (see `readChunks`). */
export async function sha256File(
  path: string,
  signal?: AbortSignal,
): Promise<{ bytes: number; sha256: string; mtimeMs: number }> {
  const { handle, bytes, mtimeMs } = await openRegularFile(path)
  try {
    const hash = createHash('sha256')
    await readChunks(handle, bytes, (chunk) => hash.update(chunk), signal)
    return { bytes, sha256: hash.digest('hex'), mtimeMs }
  } finally {
    await handle.close().catch(() => undefined)
  }
}

/** A regular file's text (UTF-8), refused with a FileAccessError when it is over `maxBytes`. */
export async function readTextFile(path: string, maxBytes: number, signal?: AbortSignal): Promise<string> {
  const { handle, bytes } = await openRegularFile(path)
  try {
    if (bytes > maxBytes)
      throw new FileAccessError(`${path} is ${bytes} bytes, over the ${maxBytes}-byte limit.`)
    const parts: Buffer[] = []
    await readChunks(handle, bytes, (chunk) => parts.push(Buffer.from(chunk)), signal)
    return Buffer.concat(parts).toString('utf8')
  } finally {
    await handle.close().catch(() => undefined)
  }
}

/** Remembers file hashes by path, size and modification time, so autosaves do not re-read big files. */
export class FileHashCache {
  private readonly cache = new Map<string, { key: string; sha256: string }>()

  /** Size and SHA-256 of the file, reusing the last hash while size and mtime are unchanged. */
  async get(path: string, signal?: AbortSignal): Promise<{ bytes: number; sha256: string }> {
    const { handle, bytes, mtimeMs } = await openRegularFile(path)
    await handle.close().catch(() => undefined)
    const key = `${bytes}:${mtimeMs}`
    const hit = this.cache.get(path)
    if (hit?.key === key) return { bytes, sha256: hit.sha256 }
    const fresh = await sha256File(path, signal)
    this.cache.set(path, { key: `${fresh.bytes}:${fresh.mtimeMs}`, sha256: fresh.sha256 })
    return { bytes: fresh.bytes, sha256: fresh.sha256 }
  }
}
