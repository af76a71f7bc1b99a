import { randomBytes } from 'node:crypto'
import { readdir, rename, stat, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import { MAX_SESSION_CHARS } from '../../src-shared/calls'
import type {
  FitResult,
  ImportSettings,
  RecoveryOffer,
  RegressionResult,
  SessionFile,
  SessionSnapshot,
  SessionSource,
} from '../../src-shared/contract'
import { ensureFolder, nodeAtomicWriteFs, writeFileAtomic, type AtomicWriteFs } from './atomic-write'
import { FileHashCache, readTextFile } from './file-hash'
import { processAlive } from './process-alive'
import { parseSessionText, SESSION_FORMAT, SESSION_VERSION } from './session-schema'

/** Session files of this app in its data folder: `autosave-<owner>` while running, `recovery-<owner>` to offer. */
const SESSION_FILE = /^(autosave|recovery)(?:-(\d+)-([0-9a-f]+))?\.mlestudio\.json$/

/** Owners (pid-token) of the session stores alive in this process; other processes are asked by pid. */
const liveOwners = new Set<string>()

/** True while the instance that wrote a session file still runs (it keeps its autosave up to date). */
function ownerAlive(pid: number, token: string): boolean {
  return pid === process.pid ? liveOwners.has(`${pid}-${token}`) : processAlive(pid)
}

/** The open data file as the session store needs it. */
export interface OpenSource {
  path: string
  fileName: string
  settings: ImportSettings
}

export interface SessionStoreOptions {
  /** Folder for the autosave (Electron: userData; browser mode: XDG config); null turns autosave off. */
  dataDir: string | null
  /** Debounce of autosaves in ms (default 1000): the last snapshot within this time is the one written. */
  delayMs?: number
  fs?: AtomicWriteFs
  /** Told when an autosave could not be written, in plain words. */
  onAutosaveError?: (message: string) => void
  now?: () => Date
}

/**
 * Session files and autosave, per running instance. Each instance (an Electron app, a browser-mode server;
 * several may share one data folder) autosaves to its own `autosave-<pid>-<token>.mlestudio.json`,
 * debounced, atomic and readable only by the user (0600); a clean exit deletes it. At start an instance
 * claims (by an atomic rename to its own `recovery-...` name) the newest session file whose owner no longer
 * runs: that run crashed or was killed, and this instance offers it once. A file of a live instance is
 * never touched, so a second server or a new tab never sees another's work as "not closed cleanly".
 */
export class SessionStore {
  private readonly hashes = new FileHashCache()
  private readonly owner = `${process.pid}-${randomBytes(6).toString('hex')}`
  private readonly ready: Promise<void>
  private timer: ReturnType<typeof setTimeout> | undefined
  private latest: { snapshot: SessionSnapshot | null; source: OpenSource | null } | undefined
  private writing: Promise<void> = Promise.resolve()
  private closed = false

  constructor(private readonly options: SessionStoreOptions) {
    liveOwners.add(this.owner)
    this.ready = this.claimLeftBehind()
  }

  /** This instance's autosave file, or null without a data folder. */
  get autosavePath(): string | null {
    return this.options.dataDir ? join(this.options.dataDir, `autosave-${this.owner}.mlestudio.json`) : null
  }

  /** This instance's recovery file (the session it offers), or null without a data folder. */
  get recoveryPath(): string | null {
    return this.options.dataDir ? join(this.options.dataDir, `recovery-${this.owner}.mlestudio.json`) : null
  }

  /** Builds a session file: the snapshot plus the source file's path, size and SHA-256. */
  async build(
    snapshot: SessionSnapshot,
    source: OpenSource | null,
    signal?: AbortSignal,
  ): Promise<SessionFile> {
    let saved: SessionSource | null = null
    if (source) {
      const { bytes, sha256 } = await this.hashes.get(source.path, signal)
      saved = { path: source.path, fileName: source.fileName, bytes, sha256 }
    }
    return {
      format: SESSION_FORMAT,
      version: SESSION_VERSION,
      savedAt: (this.options.now?.() ?? new Date()).toISOString(),
      source: saved,
      importSettings: source?.settings ?? {},
      ...withoutImportId(snapshot),
    }
  }

  /**
   * Compares a session's source with the file now at `path` (its checked real path): `ok`, `changed` (other
   * content) or `missing`, with a sentence for the notice banner. Hashing is bounded and cancellable.
   */
  async checkSource(
    source: SessionSource,
    path: string,
    signal?: AbortSignal,
  ): Promise<{ status: 'ok' | 'changed' | 'missing'; message: string | null }> {
    let now: { bytes: number; sha256: string }
    try {
      now = await this.hashes.get(path, signal)
    } catch (e) {
      if ((e as Error).name === 'CancelledError') throw e
      return {
        status: 'missing',
        message:
          `The data file ${path} could not be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}). ` +
          'The saved results are shown; open the file again to fit new models.',
      }
    }
    if (now.sha256 === source.sha256) return { status: 'ok', message: null }
    return {
      status: 'changed',
      message:
        `The data file ${path} has changed since the session was saved ` +
        `(${source.bytes} bytes then, ${now.bytes} now). It was opened as it is now; the saved results ` +
        'were computed from the old content: fit again to update them.',
    }
  }

  /** Records the current session; written after the debounce delay. Null deletes the autosave. */
  autosave(snapshot: SessionSnapshot | null, source: OpenSource | null): void {
    if (!this.options.dataDir || this.closed) return
    this.latest = { snapshot, source }
    clearTimeout(this.timer)
    this.timer = setTimeout(() => void this.flush(), this.options.delayMs ?? 1000)
  }

  /** Writes the pending autosave now (also used before a clean exit and by tests). */
  flush(): Promise<void> {
    clearTimeout(this.timer)
    this.timer = undefined
    const pending = this.latest
    this.latest = undefined
    const path = this.autosavePath
    if (!pending || !path || !this.options.dataDir) return this.writing
    const dir = this.options.dataDir
    // Writes are chained so an older snapshot can never be renamed over a newer one.
    this.writing = this.writing.then(async () => {
      await this.ready
      try {
        if (!pending.snapshot) {
          await unlink(path).catch(() => undefined)
          return
        }
        const file = await this.build(pending.snapshot, pending.source)
        await ensureFolder(dir)
        const bytes = Buffer.from(JSON.stringify(file))
        await writeFileAtomic(path, bytes, this.options.fs ?? nodeAtomicWriteFs, 0o600)
      } catch (e) {
        this.options.onAutosaveError?.(`Autosave failed: ${(e as Error).message}`)
      }
    })
    return this.writing
  }

  /**
   * A clean exit: no more autosaves, and this instance's autosave is removed so no later start offers it.
   * An offer this instance did not get an answer to stays, for the next start.
   */
  async closeCleanly(): Promise<void> {
    this.closed = true
    clearTimeout(this.timer)
    this.latest = undefined
    await this.writing
    await this.ready
    const path = this.autosavePath
    if (path) await unlink(path).catch(() => undefined)
    liveOwners.delete(this.owner)
  }

  /** The instance ends without a clean exit (tests of a killed app): its files are left for the next start. */
  dispose(): void {
    this.closed = true
    clearTimeout(this.timer)
    liveOwners.delete(this.owner)
  }

  /**
   * The page crashed but the app did not (Electron's render-process-gone): writes the pending autosave and
   * moves it to this instance's recovery slot, so the reloaded page is offered the session it just lost.
   */
  async keepForRecovery(): Promise<void> {
    await this.flush()
    await this.ready
    const from = this.autosavePath
    const to = this.recoveryPath
    if (from && to) await rename(from, to).catch(() => undefined)
  }

  /** The session this instance offers to restore, or null (also null when it is unreadable). */
  async recovery(): Promise<SessionFile | null> {
    await this.ready
    const path = this.recoveryPath
    if (!path) return null
    let text: string
    try {
      text = await readTextFile(path, MAX_SESSION_CHARS)
    } catch {
      return null
    }
    try {
      return parseSessionText(text, 'The autosaved session')
    } catch {
      return null // a damaged autosave is not worth a dialog; it is replaced by the next one
    }
  }

  /** What to tell the user about the left-behind session: what a restore brings back, item by item. */
  async recoveryOffer(): Promise<RecoveryOffer | null> {
    const file = await this.recovery()
    if (!file) return null
    return {
      savedAt: file.savedAt,
      fileName: file.source?.fileName ?? null,
      path: file.source?.path ?? null,
      results: file.results.length + file.regressionResults.length,
      items: [...file.results.map(describeFit), ...file.regressionResults.map(describeRegression)],
      column: file.column,
      family: file.family,
    }
  }

  async discardRecovery(): Promise<void> {
    await this.ready
    const path = this.recoveryPath
    if (path) await unlink(path).catch(() => undefined)
  }

  /**
   * Claims the newest session file left by an instance that no longer runs (or by a build before
   * per-instance files), renaming it to this instance's recovery file. A rename is atomic: when two
   * instances start at once, one gets it and the other moves on to the next candidate.
   */
  private async claimLeftBehind(): Promise<void> {
    const dir = this.options.dataDir
    const mine = this.recoveryPath
    if (!dir || !mine) return
    const names = await readdir(dir).catch(() => [] as string[])
    const candidates: { name: string; mtime: number }[] = []
    for (const name of names) {
      const m = SESSION_FILE.exec(name)
      if (!m || (m[2] && ownerAlive(Number(m[2]), m[3]))) continue
      const s = await stat(join(dir, name)).catch(() => null)
      if (s?.isFile()) candidates.push({ name, mtime: s.mtimeMs })
    }
    candidates.sort((a, b) => b.mtime - a.mtime)
    for (const c of candidates) {
      const claimed = await rename(join(dir, c.name), mine).then(
        () => true,
        () => false,
      )
      if (claimed) return
    }
  }
}

function describeFit(fit: FitResult): string {
  return `${fit.distLabel} fit of ${fit.column} (n = ${fit.n})`
}

function describeRegression(r: RegressionResult): string {
  return `${r.model} regression: ${r.response} ~ ${r.predictors.join(' + ')}`
}

/** The snapshot without the import it is of (`datasetId`): the core's id of one open means nothing in a file. */
function withoutImportId(snapshot: SessionSnapshot): SessionSnapshot {
  const { datasetId: _id, ...kept } = snapshot
  return kept
}
