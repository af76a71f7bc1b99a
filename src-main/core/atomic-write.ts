import { randomBytes } from 'node:crypto'
import { mkdir, open, rename, unlink } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

/** The file-system calls an atomic write makes; injectable so tests can simulate a full disk. */
export interface AtomicWriteFs {
  /** Writes `bytes` to a new file (fails if it exists) and flushes it to disk. */
  writeNew(path: string, bytes: Uint8Array): Promise<void>
  rename(from: string, to: string): Promise<void>
  unlink(path: string): Promise<void>
}

/** Node's file system, with an fsync before the rename so a power cut cannot leave an empty file. */
export const nodeAtomicWriteFs: AtomicWriteFs = {
  async writeNew(path, bytes) {
    const handle = await open(path, 'wx', 0o644)
    try {
      await handle.writeFile(bytes)
      await handle.sync()
    } finally {
      await handle.close()
    }
  },
  rename,
  unlink,
}

/** A write that failed, with a plain-words message (disk full, permission denied, read-only...). */
export class SaveError extends Error {
  override name = 'SaveError'
}

/** Plain words for a file-system error code, for messages like "Could not save X: the disk is full." */
export function describeFsError(error: unknown): string {
  const err = error as NodeJS.ErrnoException
  switch (err?.code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return 'the disk is full (free some space and save again)'
    case 'EACCES':
    case 'EPERM':
      return 'permission denied (choose a folder you can write to)'
    case 'EROFS':
      return 'the disk or folder is read-only (choose another place)'
    case 'ENOENT':
      return 'the folder does not exist'
    case 'EISDIR':
      return 'a folder has that name'
    default:
      return err?.message ?? String(error)
  }
}

/**
 * Writes a file atomically: a temporary file beside the target (same file system), flushed, then renamed
 * over the target, so a crash or a full disk never leaves a half-written file under the chosen name and
 * an earlier version stays intact. Throws a SaveError saying why in plain words.
 */
export async function writeFileAtomic(
  path: string,
  bytes: Uint8Array,
  fs: AtomicWriteFs = nodeAtomicWriteFs,
): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`)
  try {
    await fs.writeNew(temp, bytes)
    await fs.rename(temp, path)
  } catch (e) {
    await fs.unlink(temp).catch(() => undefined)
    throw new SaveError(`Could not save ${path}: ${describeFsError(e)}.`, { cause: e })
  }
}

/** Creates a folder (and its parents) for app data; a SaveError says why it could not. */
export async function ensureFolder(path: string): Promise<void> {
  try {
    await mkdir(path, { recursive: true })
  } catch (e) {
    throw new SaveError(`Could not create the folder ${path}: ${describeFsError(e)}.`, { cause: e })
  }
}
