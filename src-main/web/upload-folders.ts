import { lstat, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { processAlive } from '../core/process-alive'

/** Browser mode keeps uploaded copies in `<tmp>/mle-studio-upload-XXXXXX/`, one per running server. */
const PREFIX = 'mle-studio-upload-'
/** The owner record inside each such folder: which server process made it. */
const OWNER_FILE = 'owner.json'

/** Creates this server's private upload folder (mode 0700) with its owner record. */
export async function createUploadRoot(base = tmpdir()): Promise<string> {
  const root = await mkdtemp(join(base, PREFIX))
  await writeFile(join(root, OWNER_FILE), JSON.stringify({ app: 'mle-studio', pid: process.pid }), {
    mode: 0o600,
  })
  return root
}

/**
 * Removes upload folders that servers which no longer run left behind (a crash, a kill, a power cut), and
 * nothing else: a folder counts only when its name has our prefix, it is a real folder (not a link) owned
 * by this user, and it holds our owner record naming a process that is gone. Returns the folders removed.
 */
export async function removeStaleUploadRoots(base = tmpdir()): Promise<string[]> {
  const names = await readdir(base).catch(() => [] as string[])
  const removed: string[] = []
  for (const name of names) {
    if (!name.startsWith(PREFIX)) continue
    const folder = join(base, name)
    if (!(await isStale(folder))) continue
    await rm(folder, { recursive: true, force: true }).then(
      () => removed.push(folder),
      () => undefined,
    )
  }
  return removed
}

async function isStale(folder: string): Promise<boolean> {
  const s = await lstat(folder).catch(() => null)
  if (!s?.isDirectory() || s.isSymbolicLink()) return false
  if (typeof process.getuid === 'function' && s.uid !== process.getuid()) return false
  const record = join(folder, OWNER_FILE)
  const r = await lstat(record).catch(() => null)
  if (!r?.isFile() || r.size > 1024) return false
  try {
    const owner = JSON.parse(await readFile(record, 'utf8')) as { app?: unknown; pid?: unknown }
    return owner.app === 'mle-studio' && typeof owner.pid === 'number' && !processAlive(owner.pid)
  } catch {
    return false
  }
}
