import type {
  EngineMessage,
  EngineRequest,
  EngineRequestBody,
  EngineResults,
  Progress,
} from '../../src-shared/contract'
import { fromErrorInfo, StudioError } from '../../src-shared/errors'
import { CrashBudget } from './crash-budget'

/** The engine process as EngineHost sees it, whatever spawned it (utilityProcess or child_process). */
export interface EngineChild {
  postMessage(message: EngineRequest): void
  onMessage(listener: (message: EngineMessage) => void): void
  /** Called once when the process is gone, with a plain-words reason. */
  onExit(listener: (reason: string) => void): void
  /**
   * Ends the process for good, even a stopped (SIGSTOP) or hung one: SIGKILL by pid (`killByPid`), since a
   * stopped process ignores SIGTERM until it is continued (Electron's `utilityProcess.kill()` sends SIGTERM).
   */
  kill(): void
  /** OS process id, when known (the kill above, diagnostics and fault-injection tests). */
  readonly pid?: number
}

/** Sends SIGKILL to a process by id; false when there is no such process (or no pid). */
export function killByPid(pid: number | undefined): boolean {
  if (!pid) return false
  try {
    process.kill(pid, 'SIGKILL')
    return true
  } catch {
    return false
  }
}

/** Spawns a fresh engine process. */
export type ForkEngine = () => EngineChild

export interface RequestOptions {
  onProgress?: (progress: Progress) => void
  /** Milliseconds without an answer before the request fails (default: EngineHost's). */
  timeoutMs?: number
}

interface Pending {
  kind: string
  resolve(value: unknown): void
  reject(error: Error): void
  onProgress?: (progress: Progress) => void
  timer: ReturnType<typeof setTimeout> | undefined
}

/** Why the engine went away, as told to the owner. */
export interface EngineStopInfo {
  reason: string
  /** True when a fresh engine was started at once; false when the crash budget is spent (ask the user). */
  restarted: boolean
  /** Crashes inside the budget window, this one included. */
  recentCrashes: number
  /** Requests that were in flight and failed with EngineCrashed. */
  failedRequests: number
}

export interface EngineHostOptions {
  fork: ForkEngine
  /** Default per-request timeout in ms; 0 disables it. */
  timeoutMs?: number
  /**
   * Ms a cancelled or timed-out request may take to stop on its own before the engine is killed and
   * restarted (default 400). The page shows the cancel at once either way; the grace only decides when an
   * engine that has not stopped is killed. A loaded machine can hold a stopping engine (a bootstrap's
   * threads, or a fit stopped by a file open) off the CPU for well over 100 ms, and a needless restart
   * costs the user a re-import.
   */
  cancelGraceMs?: number
  /** Automatic restarts allowed: at most `crashes` crashes within `windowMs` (default 3 in 5 minutes). */
  restartBudget?: { crashes: number; windowMs: number }
  /**
   * Keep one spare engine process started and idle, so a crash or an enforced cancel is followed by a
   * working engine in milliseconds instead of a process start-up (~100-400 ms). Costs one idle process.
   */
  warmSpare?: boolean
  /** Clock in ms, injectable for tests of the crash budget. */
  now?: () => number
  /** Told when the process dies unexpectedly (not on dispose, not on a kill that EngineHost chose). */
  onStopped?: (info: EngineStopInfo) => void
  /**
   * Told each time a fresh engine replaces one that held state: after a crash, or `enforced` (a cancel or
   * timeout the engine did not honour in time).
   */
  onReplaced?: (generation: number, enforced: boolean) => void
  /**
   * Liveness while requests are outstanding: a ping every `intervalMs` of quiet, and an engine that sends
   * nothing at all (no progress, answer or pong) for `silenceMs` is taken as hung (stopped, deadlocked,
   * swapped out): its requests fail with EngineTimeout, it is killed and replaced like a crash. Off when
   * absent. `silenceMs` must exceed the longest stretch the engine computes without yielding.
   */
  heartbeat?: { intervalMs: number; silenceMs: number }
}

/**
 * Owns the engine process: spawns it on first use, numbers requests, matches replies to them, turns engine
 * errors into typed errors, and survives the process: a crash fails what was in flight and starts a fresh
 * engine at once (up to a crash budget, then waits for `restart()`); a cancel or timeout the engine does not
 * honour within a grace period is enforced by killing and replacing it; an engine that goes silent while
 * work is outstanding (heartbeat) is killed and replaced like a crash. No Electron import, so it runs under
 * Electron, in browser mode and in tests alike. Its own errors, by contract name: EngineCrashed (the
 * process died), EngineRestarted (the request was in flight on an engine replaced to enforce another
 * request's cancel or timeout: it did nothing wrong and can be sent again, StudioCore does so once),
 * EngineTimeout (no answer in time, or no sign of life), EngineHalted (too many crashes: waits for
 * `engine:restart`), CancelledError.
 */
export class EngineHost {
  private child: EngineChild | null = null
  private spare: EngineChild | null = null
  private nextId = 1
  private readonly pending = new Map<number, Pending>()
  /** Requests given up on (cancel or timeout) that the engine may still be working on, with their grace timer. */
  private readonly abandoned = new Map<number, ReturnType<typeof setTimeout>>()
  private readonly budget: CrashBudget
  private disposed = false
  private haltedReason: string | null = null
  /** When the active engine last sent anything (ms, `now()`), and the heartbeat timer while work is out. */
  private lastHeard = 0
  private heartbeat: ReturnType<typeof setInterval> | undefined
  /** Increments each time a new engine process starts; lets callers notice they lost engine state. */
  generation = 0

  constructor(private readonly options: EngineHostOptions) {
    const b = options.restartBudget ?? { crashes: 3, windowMs: 5 * 60_000 }
    this.budget = new CrashBudget(b.crashes, b.windowMs, options.now ?? Date.now)
  }

  /** OS process id of the running engine, or null when none runs. */
  get pid(): number | null {
    return this.child?.pid ?? null
  }

  /** True after too many crashes, until `restart()`. */
  get halted(): boolean {
    return this.haltedReason !== null
  }

  /** Sends a request and resolves with the engine's typed answer. */
  request<B extends EngineRequestBody>(
    body: B,
    options: RequestOptions = {},
  ): { id: number; result: Promise<EngineResults[B['kind']]> } {
    const id = this.nextId++
    const result = new Promise<EngineResults[B['kind']]>((resolve, reject) => {
      if (this.disposed) return reject(new StudioError('EngineCrashed', 'The engine has been shut down.'))
      if (this.haltedReason !== null) return reject(new StudioError('EngineHalted', this.haltedReason))
      const timeoutMs = options.timeoutMs ?? this.options.timeoutMs ?? 0
      const timer =
        timeoutMs > 0
          ? setTimeout(() => this.abandon(id, timedOut(body.kind, timeoutMs)), timeoutMs)
          : undefined
      this.pending.set(id, {
        kind: body.kind,
        resolve: resolve as (value: unknown) => void,
        reject,
        onProgress: options.onProgress,
        timer,
      })
      this.ensureChild().postMessage({ ...body, id } as EngineRequest)
      this.watch()
    })
    return { id, result }
  }

  /** Convenience: send and await. */
  call<B extends EngineRequestBody>(body: B, options?: RequestOptions): Promise<EngineResults[B['kind']]> {
    return this.request(body, options).result
  }

  /**
   * Stops a running request: it fails with a CancelledError at once, the engine is asked to stop, and if it
   * is still busy with it after the grace period it is killed and replaced.
   */
  cancel(target: number): void {
    if (!this.pending.has(target)) return
    this.abandon(target, new StudioError('CancelledError', 'Cancelled.'))
  }

  /** Starts a fresh engine after the crash budget was spent (the user's "restart engine"). */
  restart(): void {
    if (this.disposed) return
    this.haltedReason = null
    this.budget.clear()
    if (!this.child) this.spawn()
  }

  /** Kills the process and fails everything in flight; no restart afterwards. */
  dispose(): void {
    this.disposed = true
    for (const timer of this.abandoned.values()) clearTimeout(timer)
    this.abandoned.clear()
    const child = this.child
    const spare = this.spare
    this.child = null
    this.spare = null
    this.failAll(new StudioError('EngineCrashed', 'The engine has been shut down.'))
    child?.kill()
    spare?.kill()
  }

  private abandon(id: number, error: Error): void {
    const p = this.pending.get(id)
    if (!p) return
    this.pending.delete(id)
    clearTimeout(p.timer)
    p.reject(error)
    if (!this.child) return // the process is already gone with the request
    this.child.postMessage({ id: this.nextId++, kind: 'cancel', target: id })
    const grace = this.options.cancelGraceMs ?? 400
    this.abandoned.set(
      id,
      setTimeout(() => {
        this.abandoned.delete(id)
        this.replace(`it did not stop "${p.kind}" within ${grace} ms of being asked`)
      }, grace),
    )
  }

  /** Kills a busy or hung engine on purpose and starts a fresh one (not counted as a crash). */
  private replace(why: string): void {
    const child = this.child
    if (!child || this.disposed) return
    this.child = null
    this.failAll(new StudioError('EngineRestarted', `The engine was restarted because ${why}; try again.`))
    child.kill()
    if (this.trySpawn()) this.options.onReplaced?.(this.generation, true)
  }

  /**
   * Heartbeat while work is outstanding: pings a quiet engine, and takes one that stays silent for
   * `silenceMs` as hung. The clock starts when work starts, so an idle engine is never blamed for its quiet.
   */
  private watch(): void {
    const beat = this.options.heartbeat
    if (!beat || this.heartbeat !== undefined || this.pending.size === 0) return
    this.lastHeard = this.now()
    this.heartbeat = setInterval(() => {
      if (this.pending.size === 0 || !this.child) return this.unwatch()
      const quiet = this.now() - this.lastHeard
      if (quiet >= beat.silenceMs) this.hung(quiet)
      else if (quiet >= beat.intervalMs) this.child.postMessage({ id: this.nextId++, kind: 'ping' })
    }, beat.intervalMs)
    this.heartbeat.unref?.()
  }

  private unwatch(): void {
    clearInterval(this.heartbeat)
    this.heartbeat = undefined
  }

  /** A silent engine: kill it (SIGKILL, it may be stopped) and go on as after a crash. */
  private hung(quietMs: number): void {
    const child = this.child
    if (!child) return
    this.child = null
    const kinds = [...new Set([...this.pending.values()].map((p) => `"${p.kind}"`))].join(', ')
    child.kill()
    this.lost(
      `it gave no sign of life for ${formatSeconds(quietMs)}`,
      new StudioError(
        'EngineTimeout',
        `The engine stopped answering while working on ${kinds} (no sign of life for ` +
          `${formatSeconds(quietMs)}); it was stopped and a fresh engine started. Run it again.`,
      ),
    )
  }

  /** Starts a fresh engine from an exit or timer callback, where a throw would escape; false if it failed. */
  private trySpawn(): boolean {
    try {
      this.spawn()
      return true
    } catch (e) {
      this.haltedReason = `The engine could not be started again: ${(e as Error).message}`
      return false
    }
  }

  private ensureChild(): EngineChild {
    return this.child ?? this.spawn()
  }

  private spawn(): EngineChild {
    const child = this.spare ?? this.fork()
    this.spare = null
    this.generation++
    this.child = child
    this.lastHeard = this.now()
    if (this.options.warmSpare) setImmediate(() => this.prepareSpare())
    return child
  }

  /** Forks a process whose messages and exit count only while it is the active engine. */
  private fork(): EngineChild {
    const child = this.options.fork()
    child.onMessage((m) => {
      if (this.child === child) this.onMessage(m)
    })
    child.onExit((reason) => {
      if (this.spare === child) this.spare = null // an idle spare died: the next spawn forks afresh
      if (this.child !== child) return // an old process we already replaced or disposed
      this.child = null
      this.lost(
        reason,
        new StudioError(
          'EngineCrashed',
          `The engine stopped unexpectedly (${reason}) while working on this request.`,
        ),
      )
    })
    return child
  }

  private prepareSpare(): void {
    if (this.spare || this.disposed || !this.child) return
    try {
      this.spare = this.fork()
    } catch {
      this.spare = null // no spare: the next spawn forks (and reports) by itself
    }
  }

  /** The active engine is gone (crashed or killed as hung): fail its work, restart within the budget. */
  private lost(reason: string, error: Error): void {
    for (const timer of this.abandoned.values()) clearTimeout(timer)
    this.abandoned.clear()
    this.unwatch()
    const failedRequests = this.pending.size
    this.failAll(error)
    if (this.disposed) return
    const recentCrashes = this.budget.record()
    let restarted = !this.budget.exhausted()
    if (restarted) {
      restarted = this.trySpawn()
    } else {
      this.haltedReason =
        `The engine stopped ${recentCrashes} times within ${formatMinutes(this.budget.windowMs)} ` +
        `(last: ${reason}), so it was not restarted automatically. Restart it when you are ready.`
    }
    this.options.onStopped?.({ reason, restarted, recentCrashes, failedRequests })
    if (restarted) this.options.onReplaced?.(this.generation, false)
  }

  private onMessage(message: EngineMessage): void {
    this.lastHeard = this.now()
    if (message.kind === 'ready' || message.kind === 'pong') return
    const late = this.abandoned.get(message.id)
    if (late !== undefined) {
      // The engine did stop (or finish) the request we gave up on: no need to kill it.
      if (message.kind !== 'progress') {
        clearTimeout(late)
        this.abandoned.delete(message.id)
      }
      return
    }
    const p = this.pending.get(message.id)
    if (!p) return
    if (message.kind === 'progress') {
      p.onProgress?.(message.progress)
      return
    }
    this.pending.delete(message.id)
    clearTimeout(p.timer)
    if (message.kind === 'result') p.resolve(message.value)
    else p.reject(fromErrorInfo(message.error))
  }

  private failAll(error: Error): void {
    for (const p of this.pending.values()) {
      clearTimeout(p.timer)
      p.reject(error)
    }
    this.pending.clear()
  }

  private now(): number {
    return (this.options.now ?? Date.now)()
  }
}

function timedOut(kind: string, timeoutMs: number): Error {
  return new StudioError(
    'EngineTimeout',
    `The engine gave no answer to "${kind}" within ${formatSeconds(timeoutMs)}; ` +
      'the request was stopped. Try again, or with less data or fewer iterations.',
  )
}

function formatSeconds(ms: number): string {
  return ms >= 1000 ? `${+(ms / 1000).toFixed(1)} s` : `${ms} ms`
}

function formatMinutes(ms: number): string {
  return ms >= 60_000 ? `${+(ms / 60_000).toFixed(1)} minutes` : formatSeconds(ms)
}
