import { realpath, stat } from 'node:fs/promises'
import { isAbsolute, normalize, resolve, sep } from 'node:path'
import { StudioError } from '../../src-shared/errors'
import { FilePathSchema, parsePayload } from './payload-schemas'

/** A path from the renderer, a dialog or a session file that the app refuses to read or write. */
export class FileAccessError extends StudioError {
  constructor(message: string) {
    super('FileAccessError', message)
  }
}

/**
 * Folders of the operating system's virtual files: processes (/proc/self/environ reads as a regular file of
 * size 0), kernel settings and devices. Nothing in them is a data file, whatever stat says.
 */
const SYSTEM_FOLDERS = ['/proc', '/sys', '/dev']

/** What a path names, for the read policy. */
export type PathCheck =
  | { ok: true; real: string; bytes: number }
  /** `missing`: nothing is there (or it cannot be reached); else it is there but refused. */
  | { ok: false; missing: boolean; message: string }

/**
 * The read policy for data files named by someone other than a file dialog (a dropped file's path, a
 * session's `source.path`): an absolute path without NUL, to an existing regular file (not a folder, device,
 * FIFO or socket), outside the system's virtual folders, checked after resolving symbolic links. Never opens
 * the file, so a FIFO cannot block and /dev/zero cannot be read.
 */
export async function inspectDataPath(path: string): Promise<PathCheck> {
  if (path.includes('\0')) return refused('The file path contains a NUL character.')
  if (!isAbsolute(path)) return refused(`Not an absolute path: ${path}`)
  if (/^[\\/]{2}[.?][\\/]/.test(path)) return refused(`${path} is a device path, not a data file.`)
  let real: string
  try {
    real = await realpath(path)
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error'
    return { ok: false, missing: true, message: `There is no file at ${path} (${code}).` }
  }
  const system = SYSTEM_FOLDERS.find((f) => real === f || real.startsWith(f + sep))
  if (system) return refused(`${shown(path, real)} is a system file in ${system}, not a data file.`)
  const s = await stat(real).catch(() => null)
  if (!s) return { ok: false, missing: true, message: `There is no file at ${path}.` }
  if (!s.isFile()) return refused(`${shown(path, real)} is not a regular file (it is ${kindOf(s)}).`)
  return { ok: true, real, bytes: s.size }
}

/**
 * A path the renderer relays (a dropped file) must pass `inspectDataPath`; returns it resolved through
 * symbolic links, else throws a FileAccessError saying why.
 */
export async function checkedReadablePath(value: unknown): Promise<string> {
  const path = parsePayload(FilePathSchema, value, 'file path')
  const check = await inspectDataPath(path)
  if (!check.ok) throw new FileAccessError(check.message)
  return check.real
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

function refused(message: string): PathCheck {
  return { ok: false, missing: false, message }
}

/** The path as given, and where it really leads when a link points elsewhere. */
function shown(path: string, real: string): string {
  return path === real ? path : `${path} (really ${real})`
}

function kindOf(s: Awaited<ReturnType<typeof stat>>): string {
  if (s.isDirectory()) return 'a folder'
  if (s.isFIFO()) return 'a named pipe'
  if (s.isSocket()) return 'a socket'
  if (s.isCharacterDevice() || s.isBlockDevice()) return 'a device'
  return 'not a file'
}
