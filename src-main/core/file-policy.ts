import { realpath, stat } from 'node:fs/promises'
import { isAbsolute, normalize, resolve } from 'node:path'
import { parsePayload, FilePathSchema } from './payload-schemas'

/** A path from the renderer or a dialog that the app refuses to read or write. */
export class FileAccessError extends Error {
  override name = 'FileAccessError'
}

/**
 * A path the renderer relays (a dropped file) must be a string, absolute, free of NUL bytes, and name an
 * existing regular file (not a folder, device or FIFO). Returns it resolved through symlinks.
 */
export async function checkedReadablePath(value: unknown): Promise<string> {
  const path = parsePayload(FilePathSchema, value, 'file path')
  if (path.includes('\0')) throw new FileAccessError('The file path contains a NUL character.')
  if (!isAbsolute(path)) throw new FileAccessError(`Not an absolute path: ${path}`)
  const real = await realpath(path).catch(() => null)
  const s = real ? await stat(real).catch(() => null) : null
  if (!real || !s) throw new FileAccessError(`There is no file at ${path}.`)
  if (!s.isFile()) throw new FileAccessError(`${path} is not a regular file (a folder or a device).`)
  return real
}

/**
 * The app never writes over the data it reads: refuses a save target that is (or links to) one of the
 * protected files, e.g. the open CSV chosen by mistake in a save dialog.
 */
export async function assertNotProtected(target: string, protectedPaths: readonly string[]): Promise<void> {
  const canonical = async (p: string) => realpath(p).catch(() => normalize(resolve(p)))
  const t = await canonical(target)
  for (const p of protectedPaths) {
    if ((await canonical(p)) === t) {
      throw new FileAccessError(
        `Not saved: ${target} is the data file you are working on. Choose another name.`,
      )
    }
  }
}
