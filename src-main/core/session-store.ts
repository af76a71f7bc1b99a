import { readFile, rename, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import type {
  ImportSettings,
  RecoveryOffer,
  SessionFile,
  SessionSnapshot,
  SessionSource,
} from '../../src-shared/contract'
import { ensureFolder, nodeAtomicWriteFs, writeFileAtomic, type AtomicWriteFs } from './atomic-write'
import { FileHashCache } from './file-hash'
import { parseSessionText, SESSION_FORMAT, SESSION_VERSION } from './session-schema'

/** File names inside the app's data folder. */
export const AUTOSAVE_FILE = 'autosave.mlestudio.json'
export const RECOVERY_FILE = 'recovery.mlestudio.json'

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
 * Session files and autosave. Autosaves go to `<dataDir>/autosave.mlestudio.json`, debounced and atomic;
 * a clean exit deletes it, so a file found there at the next start was left by a crash or a kill. At start
 * `init()` moves such a file aside as the recovery file the user is offered.
 */
export class SessionStore {
  private readonly hashes = new FileHashCache()
  private readonly ready: Promise<void>
  private timer: ReturnType<typeof setTimeout> | undefined
  private latest: { snapshot: SessionSnapshot | null; source: OpenSource | null } | undefined
  private writing: Promise<void> = Promise.resolve()
  private closed = false

  constructor(private readonly options: SessionStoreOptions) {
    this.ready = this.init()
  }

  /** Builds a session file: the snapshot plus the source file's path, size and SHA-256. */
  async build(snapshot: SessionSnapshot, source: OpenSource | null): Promise<SessionFile> {
    let saved: SessionSource | null = null
    if (source) {
      const { bytes, sha256 } = await this.hashes.get(source.path)
      saved = { path: source.path, fileName: source.fileName, bytes, sha256 }
    }
    return {
      format: SESSION_FORMAT,
      version: SESSION_VERSION,
      savedAt: (this.options.now?.() ?? new Date()).toISOString(),
      source: saved,
      importSettings: source?.settings ?? {},
      ...snapshot,
    }
  }

  /**
   * Compares a session's source with the file now at its path: `ok`, `changed` (other content) or
   * `missing`, with a sentence for the notice banner.
   */
  async checkSource(
    file: SessionFile,
  ): Promise<{ status: 'ok' | 'changed' | 'missing' | 'none'; message: string | null }> {
    const source = file.source
    if (!source) return { status: 'none', message: null }
    let now: { bytes: number; sha256: string }
    try {
      now = await this.hashes.get(source.path)
    } catch (e) {
      return {
        status: 'missing',
        message:
          `The data file ${source.path} could not be read (${(e as NodeJS.ErrnoException).code ?? 'error'}). ` +
          'The saved results are shown; open the file again to fit new models.',
      }
    }
    if (now.sha256 === source.sha256) return { status: 'ok', message: null }
    return {
      status: 'changed',
      message:
        `The data file ${source.fileName} has changed since the session was saved ` +
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
    if (!pending || !this.options.dataDir) return this.writing
    const dir = this.options.dataDir
    // Writes are chained so an older snapshot can never be renamed over a newer one.
    this.writing = this.writing.then(async () => {
      await this.ready
      const path = join(dir, AUTOSAVE_FILE)
      try {
        if (!pending.snapshot) {
          await unlink(path).catch(() => undefined)
          return
        }
        const file = await this.build(pending.snapshot, pending.source)
        await ensureFolder(dir)
        await writeFileAtomic(path, Buffer.from(JSON.stringify(file)), this.options.fs ?? nodeAtomicWriteFs)
      } catch (e) {
        this.options.onAutosaveError?.(`Autosave failed: ${(e as Error).message}`)
      }
    })
    return this.writing
  }

  /** A clean exit: no more autosaves, and the autosave file is removed so the next start offers nothing. */
  async closeCleanly(): Promise<void> {
    this.closed = true
    clearTimeout(this.timer)
    this.latest = undefined
    await this.writing
    await this.ready
    if (this.options.dataDir) await unlink(join(this.options.dataDir, AUTOSAVE_FILE)).catch(() => undefined)
  }

  /**
   * The page crashed but the app did not (Electron's render-process-gone): writes the pending autosave and
   * moves it to the recovery slot, so the reloaded page is offered the session it just lost.
   */
  async keepForRecovery(): Promise<void> {
    await this.flush()
    await this.ready
    const dir = this.options.dataDir
    if (dir) await rename(join(dir, AUTOSAVE_FILE), join(dir, RECOVERY_FILE)).catch(() => undefined)
  }

  /** The session a crashed or killed run left behind, or null (also null when it is unreadable). */
  async recovery(): Promise<SessionFile | null> {
    await this.ready
    if (!this.options.dataDir) return null
    let text: string
    try {
      text = await readFile(join(this.options.dataDir, RECOVERY_FILE), 'utf8')
    } catch {
      return null
    }
    try {
      return parseSessionText(text, 'The autosaved session')
    } catch {
      return null // a damaged autosave is not worth a dialog; it is replaced by the next one
    }
  }

  /** What to tell the user about the left-behind session. */
  async recoveryOffer(): Promise<RecoveryOffer | null> {
    const file = await this.recovery()
    if (!file) return null
    return {
      savedAt: file.savedAt,
      fileName: file.source?.fileName ?? null,
      results: file.results.length + file.regressionResults.length,
      column: file.column,
      family: file.family,
    }
  }

  async discardRecovery(): Promise<void> {
    await this.ready
    if (this.options.dataDir) await unlink(join(this.options.dataDir, RECOVERY_FILE)).catch(() => undefined)
  }

  /** Moves an autosave left by an unclean exit aside as the recovery file, before this run autosaves. */
  private async init(): Promise<void> {
    const dir = this.options.dataDir
    if (!dir) return
    await rename(join(dir, AUTOSAVE_FILE), join(dir, RECOVERY_FILE)).catch(() => undefined)
  }
}
