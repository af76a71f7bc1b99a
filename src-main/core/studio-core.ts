import type {
  DatasetInfo,
  ImportSettings,
  StudioCallName,
  StudioCalls,
  StudioEvent,
} from '../../src-shared/contract'
import { EngineHost, type ForkEngine } from './engine-host'

export interface StudioCoreOptions {
  fork: ForkEngine
  /** Pushes events (progress, engine stopped) to the renderer. */
  emit: (event: StudioEvent) => void
  /** File to open at start-up: a command-line argument or the bundled sample. */
  initialPath?: string | null
  /** Per-request timeout in ms (default 10 minutes: long fits stream progress meanwhile). */
  timeoutMs?: number
}

export type CallHandlers = {
  [K in StudioCallName]: (payload: StudioCalls[K]['payload']) => Promise<StudioCalls[K]['result']>
}

/**
 * What the app can do, independent of Electron: open a CSV, summarize a column, fit models. The Electron IPC
 * handlers and the browser-mode HTTP server are both thin front doors onto one StudioCore.
 */
export class StudioCore {
  readonly engine: EngineHost
  private dataset: { info: DatasetInfo; settings: ImportSettings; generation: number } | null = null
  private initial: Promise<DatasetInfo | null> | null = null
  /** Engine request ids of long work that `task:cancel` stops. */
  private readonly running = new Set<number>()

  constructor(private readonly options: StudioCoreOptions) {
    this.engine = new EngineHost({
      fork: options.fork,
      timeoutMs: options.timeoutMs ?? 10 * 60_000,
      onStopped: (reason) =>
        options.emit({
          kind: 'engine-stopped',
          message: `The engine stopped (${reason}); it restarts on the next request and re-imports the open file.`,
        }),
    })
  }

  /** The handler of every StudioCall, by name. */
  readonly handlers: CallHandlers = {
    'dataset:get-initial': () => this.initialDataset(),
    'dataset:reimport': (settings) => {
      if (!this.dataset) return Promise.reject(new Error('No file is open to re-import.'))
      return this.open(this.dataset.info.path, this.dataset.info.fileName, settings)
    },
    'engine:list-distributions': () => this.engine.call({ kind: 'distributions' }),
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

  dispose(): void {
    this.engine.dispose()
  }

  /** Sends a request that needs the open dataset, re-importing it first if the engine restarted. */
  private async withData<B extends Parameters<EngineHost['call']>[0]>(body: B, long = false) {
    const d = this.dataset
    if (d && d.generation !== this.engine.generation) {
      await this.open(d.info.path, d.info.fileName, d.settings)
    }
    return long ? this.track(body) : this.engine.call(body)
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
