import { randomBytes } from 'node:crypto'
import { rename, unlink, writeFile } from 'node:fs/promises'
import { dirname, join, basename } from 'node:path'

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/** Decodes a `data:image/png;base64,` URL, refusing anything that is not a PNG. */
export function decodePngDataUrl(dataUrl: string): Buffer {
  const prefix = 'data:image/png;base64,'
  if (!dataUrl.startsWith(prefix)) throw new Error('Not a PNG data URL.')
  const bytes = Buffer.from(dataUrl.slice(prefix.length), 'base64')
  if (bytes.length < 8 || !bytes.subarray(0, 8).equals(PNG_SIGNATURE))
    throw new Error('The data is not a PNG image.')
  return bytes
}

/**
 * Writes a file atomically: a temporary file beside the target, then a rename, so a crash or a full disk
 * never leaves a half-written file under the user's chosen name.
 */
export async function writeFileAtomic(path: string, bytes: Buffer): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`)
  try {
    await writeFile(temp, bytes, { flag: 'wx' })
    await rename(temp, path)
  } catch (e) {
    await unlink(temp).catch(() => undefined)
    const err = e as NodeJS.ErrnoException
    const why =
      err.code === 'ENOSPC'
        ? 'the disk is full'
        : err.code === 'EACCES' || err.code === 'EPERM'
          ? 'permission denied'
          : err.message
    throw new Error(`Could not save ${path}: ${why}.`, { cause: e })
  }
}
