import type {
  DatasetInfo,
  ImportSettings,
  SessionFile,
  SessionOpened,
  StudioCallName,
  StudioCalls,
  StudioEvent,
} from '../../src-shared/contract'
import type { AtomicWriteFs } from './atomic-write'
import { EngineHost, type EngineStopInfo, type ForkEngine } from './engine-host'
import { parseSessionText } from './session-schema'
import { SessionStore, type OpenSource } from './session-store'

export interface StudioCoreOptions {
  fork: ForkEngine
  /** Pushes events (progress, engine stopped, dataset restored...) to the renderer. */
  emit: (event: StudioEvent) => void
  /** File to open at start-up: a command-line argument or the bundled sample. */
  initialPath?: string | null
  /** Per-request timeout in ms (default 10 minutes: long fits stream progress meanwhile). */
  timeoutMs?: number
  /** Ms a cancelled request may run on before the engine is replaced (EngineHost's default otherwise). */
  cancelGraceMs?: number
  /** Keep a spare engine process ready (EngineHost `warmSpare`); on in the app, off in most tests. */
  warmSpare?: boolean
  /** Automatic engine restarts allowed (default 3 crashes in 5 minutes). */
  restartBudget?: { crashes: number; windowMs: number }
  /** Folder for autosave and recovery (Electron: userData; browser mode: XDG config); null = none. */
  dataDir?: string | null
  /** Autosave debounce in ms (default 1000). */
  autosaveDelayMs?: number
  /** File-system calls of autosave writes (tests inject failures). */
  sessionFs?: AtomicWriteFs
}

export type CallHandlers = {
  [K in StudioCallName]: (payload: StudioCalls[K]['payload']) => Promise<StudioCalls[K]['result']>
}

interface OpenDataset {
  info: DatasetInfo
  settings: ImportSettings
  generation: number
}

/**
 * What the app can do, independent of Electron: open a CSV, summarize a column, fit models, keep sessions.
 * The Electron IPC handlers and the browser-mode HTTP server are both thin front doors onto one StudioCore.
 * It keeps the open dataset across engine crashes: when a fresh engine starts, the file is imported again
 * at once and the renderer told (its selections and results live in the renderer and are untouched).
 */
export class StudioCore {
  readonly engine: EngineHost
  readonly sessions: SessionStore
  private dataset: OpenDataset | null = null
  private initial: Promise<DatasetInfo | null> | null = null
  /** The re-import after an engine restart, awaited by requests that need the data. */
  private restoring: Promise<void> | null = null
  /** Engine request ids of long work that `task:cancel` stops. */
  private readonly running = new Set<number>()

  constructor(private readonly options: StudioCoreOptions) {
    this.engine = new EngineHost({
      fork: options.fork,
      timeoutMs: options.timeoutMs ?? 10 * 60_000,
      cancelGraceMs: options.cancelGraceMs,
      restartBudget: options.restartBudget,
      warmSpare: options.warmSpare,
      onStopped: (info) => this.onEngineStopped(info),
      onReplaced: () => void this.restoreDataset(),
    })
    this.sessions = new SessionStore({
      dataDir: options.dataDir ?? null,
      delayMs: options.autosaveDelayMs,
      fs: options.sessionFs,
      onAutosaveError: (message) => options.emit({ kind: 'autosave-failed', message }),
    })
  }

  /** The handler of every StudioCall, by name. */
  readonly handlers: CallHandlers = {
    'dataset:get-initial': () => this.initialDataset(),
    'dataset:reimport': (settings) => {
      if (!this.dataset) return Promise.reject(new Error('No file is open to re-import.'))
      return this.open(this.dataset.info.path, this.dataset.info.fileName, settings)
    },
    'engine:list-distributions': () => this.retried(() => this.engine.call({ kind: 'distributions' })),
    'column:get-summary': ({ column }) => this.withData({ kind: 'summary', column }),
    'model:fit': (request) => this.withData({ kind: 'fit', request }, true),
    'model:fit-all': (request) => this.withData({ kind: 'fit-all', request }, true),
    'model:get-diagnostics': (request) => this.withData({ kind: 'diagnostics', request }),
    'model:get-likelihood-grid': (request) => this.withData({ kind: 'likelihood-grid', request }),
    'model:evaluate': (request) => this.withData({ kind: 'evaluate', request }),
    'regression:fit': (request) => this.withData({ kind: 'regress', request }, true),
    'regression:get-grid': (request) => this.withData({ kind: 'regression-grid', request }),
    'task:cancel': () => {
      for (const id of this.running) this.engine.cancel(id)
      return Promise.resolve(null)
    },
    'engine:restart': async () => {
      this.engine.restart()
      await this.restoreDataset()
      return this.dataset?.info ?? null
    },
    'session:export': async (snapshot) => {
      const file = await this.sessions.build(snapshot, this.openSource())
      const stem = (file.source?.fileName ?? 'session').replace(/\.[^.]*$/, '') || 'session'
      return {
        text: `${JSON.stringify(file, null, 2)}\n`,
        suggestedName: `${stem}.mlestudio.json`,
        mimeType: 'application/json' as const,
      }
    },
    'session:open': async ({ text }) => this.openSession(parseSessionText(text)),
    'session:autosave': (snapshot) => {
      this.sessions.autosave(snapshot, this.openSource())
      return Promise.resolve(null)
    },
    'session:get-recovery': () => this.sessions.recoveryOffer(),
    'session:restore-recovery': async () => {
      const file = await this.sessions.recovery()
      if (!file) throw new Error('There is no autosaved session to restore (it may have been discarded).')
      const opened = await this.openSession(file)
      await this.sessions.discardRecovery()
      return opened
    },
    'session:discard-recovery': async () => {
      await this.sessions.discardRecovery()
      return null
    },
  }

  /** Imports the start-up file once; later calls return the same dataset. */
  initialDataset(): Promise<DatasetInfo | null> {
    const path = this.options.initialPath
    if (!path) return Promise.resolve(null)
    this.initial ??= this.open(path)
    return this.initial
  }

  /** Imports a CSV file into the engine; it becomes the open dataset. */
  async open(path: string, displayName?: string, settings: ImportSettings = {}): Promise<DatasetInfo> {
    const info = await this.track({ kind: 'import', path, fileName: displayName, settings })
    this.dataset = { info, settings, generation: this.engine.generation }
    return info
  }

  /** Paths the app must never write to: the open data file. */
  protectedPaths(): string[] {
    return this.dataset ? [this.dataset.info.path] : []
  }

  /** A clean exit: autosave removed (nothing to recover next time), engine stopped. */
  async shutdown(): Promise<void> {
    await this.sessions.closeCleanly().catch(() => undefined)
    this.engine.dispose()
  }

  dispose(): void {
    this.engine.dispose()
  }

  private openSource(): OpenSource | null {
    const d = this.dataset
    return d ? { path: d.info.path, fileName: d.info.fileName, settings: d.settings } : null
  }

  private async openSession(file: SessionFile): Promise<SessionOpened> {
    const check = await this.sessions.checkSource(file)
    if (!file.source || check.status === 'missing' || check.status === 'none') {
      return { session: file, sourceStatus: check.status, sourceMessage: check.message, dataset: null }
    }
    try {
      const dataset = await this.open(file.source.path, file.source.fileName, file.importSettings)
      return { session: file, sourceStatus: check.status, sourceMessage: check.message, dataset }
    } catch (e) {
      return {
        session: file,
        sourceStatus: 'missing',
        sourceMessage:
          `The data file ${file.source.path} could not be imported again: ${(e as Error).message} ` +
          'The saved results are shown.',
        dataset: null,
      }
    }
  }

  private onEngineStopped(info: EngineStopInfo): void {
    const emit = this.options.emit
    const file = this.dataset ? ` ${this.dataset.info.fileName} is being re-imported.` : ''
    emit({
      kind: 'engine-stopped',
      restarted: info.restarted,
      message: info.restarted
        ? `The engine stopped (${info.reason}) and was restarted.${file} Your results are kept` +
          (info.failedRequests > 0 ? '; what was running failed: run it again.' : '.')
        : `The engine stopped (${info.reason}).`,
    })
    if (!info.restarted) {
      emit({
        kind: 'engine-halted',
        message:
          `The engine stopped ${info.recentCrashes} times in a few minutes, so it was not restarted ` +
          'automatically. Your results are kept. Restart the engine to go on; if it keeps stopping, ' +
          'try a smaller file or another model.',
      })
    }
  }

  /** Re-imports the open file into a fresh engine and tells the renderer how it went. */
  private restoreDataset(): Promise<void> {
    const d = this.dataset
    if (!d || d.generation === this.engine.generation) return Promise.resolve()
    const run = (async () => {
      try {
        const info = await this.open(d.info.path, d.info.fileName, d.settings)
        this.options.emit({
          kind: 'dataset-restored',
          dataset: info,
          message: `${info.fileName} was imported again after the engine restart.`,
        })
      } catch (e) {
        const err = e as Error
        // A crash during the re-import starts its own restore; only report failures of this one.
        if (err.name === 'EngineCrashed' || err.name === 'EngineHalted') return
        this.options.emit({
          kind: 'dataset-restore-failed',
          message: `${d.info.fileName} could not be imported again after the engine restart: ${err.message}`,
        })
      }
    })()
    const tracked: Promise<void> = run.finally(() => {
      if (this.restoring === tracked) this.restoring = null
    })
    this.restoring = tracked
    return tracked
  }

  /** Sends a request that needs the open dataset, waiting for (or starting) its re-import after a restart. */
  private withData<B extends Parameters<EngineHost['call']>[0]>(body: B, long = false) {
    return this.retried(async () => {
      if (this.restoring) await this.restoring
      const d = this.dataset
      if (d && d.generation !== this.engine.generation) {
        await this.open(d.info.path, d.info.fileName, d.settings)
      }
      return long ? this.track(body) : this.engine.call(body)
    })
  }

  /**
   * Runs an engine call again, once, when it only failed because the engine was replaced under it to stop
   * another request (not a crash: nothing about this request was wrong).
   */
  private async retried<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run()
    } catch (e) {
      if ((e as Error).name !== 'EngineRestarted') throw e
      return run()
    }
  }

  /** Long work: progress goes to the renderer and `task:cancel` can stop it. */
  private async track<B extends Parameters<EngineHost['call']>[0]>(body: B) {
    const { id, result } = this.engine.request(body, {
      onProgress: (progress) => this.options.emit({ kind: 'progress', progress }),
    })
    this.running.add(id)
    try {
      return await result
    } finally {
      this.running.delete(id)
    }
  }
}
