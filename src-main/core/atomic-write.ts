import { randomBytes } from 'node:crypto'
import { mkdir, open, rename, unlink } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { StudioError } from '../../src-shared/errors'

/** The file-system calls an atomic write makes; injectable so tests can simulate a full disk. */
export interface AtomicWriteFs {
  /** Writes `bytes` to a new file (fails if it exists) with permissions `mode`, and flushes it to disk. */
  writeNew(path: string, bytes: Uint8Array, mode?: number): Promise<void>
  rename(from: string, to: string): Promise<void>
  unlink(path: string): Promise<void>
}

/** Node's file system, with an fsync before the rename so a power cut cannot leave an empty file. */
export const nodeAtomicWriteFs: AtomicWriteFs = {
  async writeNew(path, bytes, mode = 0o644) {
    const handle = await open(path, 'wx', mode)
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
export class SaveError extends StudioError {
  constructor(message: string, options?: ErrorOptions) {
    super('SaveError', message, options)
  }
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
 * an earlier version stays intact. `mode` 0o600 keeps private files (autosaves) to their owner. Throws a
 * SaveError saying why in plain words.
 */
export async function writeFileAtomic(
  path: string,
  bytes: Uint8Array,
  fs: AtomicWriteFs = nodeAtomicWriteFs,
  mode = 0o644,
): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`)
  try {
    await fs.writeNew(temp, bytes, mode)
    await fs.rename(temp, path)
  } catch (e) {
    await fs.unlink(temp).catch(() => undefined)
    throw new SaveError(`Could not save ${path}: ${describeFsError(e)}.`, { cause: e })
  }
}

/** Creates a folder (and its parents) for app data, private to the user; a SaveError says why it could not. */
export async function ensureFolder(path: string): Promise<void> {
  try {
    await mkdir(path, { recursive: true, mode: 0o700 })
  } catch (e) {
    throw new SaveError(`Could not create the folder ${path}: ${describeFsError(e)}.`, { cause: e })
  }
}
