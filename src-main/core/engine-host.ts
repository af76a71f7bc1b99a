import type {
  EngineMessage,
  EngineRequest,
  EngineRequestBody,
  EngineResults,
  ErrorInfo,
  Progress,
} from '../../src-shared/contract'

/** The engine process as EngineHost sees it, whatever spawned it (utilityProcess or child_process). */
export interface EngineChild {
  postMessage(message: EngineRequest): void
  onMessage(listener: (message: EngineMessage) => void): void
  /** Called once when the process is gone, with a plain-words reason. */
  onExit(listener: (reason: string) => void): void
  kill(): void
  /** OS process id, when known (diagnostics and fault-injection tests). */
  readonly pid?: number
}

/** Spawns a fresh engine process. */
export type ForkEngine = () => EngineChild

/** An error the engine reported for one request; keeps the engine's error name (ImportError, FitError...). */
export class EngineError extends Error {
  constructor(info: ErrorInfo) {
    super(info.message)
    this.name = info.name
  }
}

/** The engine process died while the request was running. */
export class EngineCrashedError extends Error {
  override name = 'EngineCrashed'
}

/** The engine gave no answer in time. */
export class EngineTimeoutError extends Error {
  override name = 'EngineTimeout'
}

export interface RequestOptions {
  onProgress?: (progress: Progress) => void
  /** Milliseconds without an answer before the request fails (default: EngineHost's). */
  timeoutMs?: number
}

interface Pending {
  resolve(value: unknown): void
  reject(error: Error): void
  onProgress?: (progress: Progress) => void
  timer: ReturnType<typeof setTimeout> | undefined
}

export interface EngineHostOptions {
  fork: ForkEngine
  /** Default per-request timeout in ms; 0 disables it. */
  timeoutMs?: number
  /** Told when the process dies unexpectedly (not on dispose). */
  onStopped?: (reason: string) => void
}

/**
 * Owns the engine process: spawns it on first use (and again after it died), numbers requests, matches
 * replies to them, turns engine errors into typed errors and rejects everything in flight when the
 * process dies. Has no Electron import, so it runs under Electron, in browser mode and in tests alike.
 */
export class EngineHost {
  private child: EngineChild | null = null
  private nextId = 1
  private readonly pending = new Map<number, Pending>()
  private disposed = false
  /** Increments each time a new engine process starts; lets callers notice they lost engine state. */
  generation = 0

  constructor(private readonly options: EngineHostOptions) {}

  /** Sends a request and resolves with the engine's typed answer. */
  request<B extends EngineRequestBody>(
    body: B,
    options: RequestOptions = {},
  ): { id: number; result: Promise<EngineResults[B['kind']]> } {
    const id = this.nextId++
    const result = new Promise<EngineResults[B['kind']]>((resolve, reject) => {
      if (this.disposed) {
        reject(new EngineCrashedError('The engine has been shut down.'))
        return
      }
      const timeoutMs = options.timeoutMs ?? this.options.timeoutMs ?? 0
      const timer =
        timeoutMs > 0
          ? setTimeout(() => {
              this.pending.delete(id)
              this.send({ id: this.nextId++, kind: 'cancel', target: id })
              reject(new EngineTimeoutError(`The engine gave no answer within ${timeoutMs / 1000} s.`))
            }, timeoutMs)
          : undefined
      this.pending.set(id, {
        resolve: resolve as (value: unknown) => void,
        reject,
        onProgress: options.onProgress,
        timer,
      })
      this.send({ ...body, id } as EngineRequest)
    })
    return { id, result }
  }

  /** Convenience: send and await. */
  call<B extends EngineRequestBody>(body: B, options?: RequestOptions): Promise<EngineResults[B['kind']]> {
    return this.request(body, options).result
  }

  /** Asks the engine to stop a running request; it then fails with a CancelledError. */
  cancel(target: number): void {
    if (this.pending.has(target)) this.send({ id: this.nextId++, kind: 'cancel', target })
  }

  /** Kills the process and fails everything in flight; no restart afterwards. */
  dispose(): void {
    this.disposed = true
    const child = this.child
    this.child = null
    this.failAll(new EngineCrashedError('The engine has been shut down.'))
    child?.kill()
  }

  private send(message: EngineRequest): void {
    this.ensureChild().postMessage(message)
  }

  private ensureChild(): EngineChild {
    if (this.child) return this.child
    const child = this.options.fork()
    this.generation++
    child.onMessage((m) => this.onMessage(m))
    child.onExit((reason) => {
      if (this.child !== child) return // an old process we already replaced or disposed
      this.child = null
      this.failAll(new EngineCrashedError(`The engine stopped unexpectedly (${reason}).`))
      if (!this.disposed) this.options.onStopped?.(reason)
    })
    this.child = child
    return child
  }

  private onMessage(message: EngineMessage): void {
    if (message.kind === 'ready') return
    const p = this.pending.get(message.id)
    if (!p) return // answer to a request that already timed out
    if (message.kind === 'progress') {
      p.onProgress?.(message.progress)
      return
    }
    this.pending.delete(message.id)
    clearTimeout(p.timer)
    if (message.kind === 'result') p.resolve(message.value)
    else p.reject(new EngineError(message.error))
  }

  private failAll(error: Error): void {
    for (const p of this.pending.values()) {
      clearTimeout(p.timer)
      p.reject(error)
    }
    this.pending.clear()
  }
}
