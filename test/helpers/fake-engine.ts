import type { EngineMessage, EngineRequest } from '../../src-shared/contract'
import type { EngineChild, ForkEngine } from '../../src-main/core/engine-host'

/**
 * Test double of an engine process: records what it was sent, replies when told, and can crash. An
 * optional `auto` answers each request as it arrives (e.g. by running the real in-process handler).
 */
export class FakeEngineChild implements EngineChild {
  readonly sent: EngineRequest[] = []
  killed = false
  private readonly messageListeners: ((m: EngineMessage) => void)[] = []
  private readonly exitListeners: ((reason: string) => void)[] = []

  constructor(
    readonly pid: number,
    private readonly auto?: (request: EngineRequest, reply: (m: EngineMessage) => void) => void,
  ) {}

  postMessage(message: EngineRequest): void {
    if (this.killed) return
    this.sent.push(message)
    this.auto?.(message, (m) => this.reply(m))
  }
  onMessage(listener: (message: EngineMessage) => void): void {
    this.messageListeners.push(listener)
  }
  onExit(listener: (reason: string) => void): void {
    this.exitListeners.push(listener)
  }
  kill(): void {
    if (this.killed) return
    this.killed = true
    for (const l of this.exitListeners) l('killed by SIGTERM')
  }
  /** Sends a message to the host, as the engine would. */
  reply(message: EngineMessage): void {
    if (!this.killed) for (const l of this.messageListeners) l(message)
  }
  /** Dies as after SIGKILL. */
  crash(reason = 'killed by SIGKILL'): void {
    if (this.killed) return
    this.killed = true
    for (const l of this.exitListeners) l(reason)
  }
  /** Requests sent, cancels excluded. */
  requests(): EngineRequest[] {
    return this.sent.filter((m) => m.kind !== 'cancel')
  }
}

/** A fork function over FakeEngineChild that keeps every child it made. */
export function fakeFork(auto?: ConstructorParameters<typeof FakeEngineChild>[1]): {
  fork: ForkEngine
  children: FakeEngineChild[]
} {
  const children: FakeEngineChild[] = []
  return {
    children,
    fork: () => {
      const child = new FakeEngineChild(1000 + children.length, auto)
      children.push(child)
      return child
    },
  }
}
