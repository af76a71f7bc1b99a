import { createRequestHandler } from '../../src-main/engine/handle-request'
import type { ForkEngine } from '../../src-main/core/engine-host'
import type { EngineMessage, EngineRequest } from '../../src-shared/contract'
import { checkEngineMessage } from './contract-check'
import { FakeEngineChild } from './fake-engine'

export interface InProcessEngineOptions {
  /**
   * Requests whose answer (result or error) is held back until `release()`: work that is still running,
   * by construction, while the test does something else (its progress still goes through).
   */
  hold?: (request: EngineRequest) => boolean
}

/**
 * A fork function whose "processes" run the real engine handler in this process, each with its own
 * state (so a crash loses the dataset, as a real one does). Crash them with `children[i].crash()`. Every
 * answer is checked against the contract's schemas on the way (`checkEngineMessage`).
 */
export function inProcessEngineFork({ hold }: InProcessEngineOptions = {}): {
  fork: ForkEngine
  children: FakeEngineChild[]
  release: () => void
} {
  const children: FakeEngineChild[] = []
  const held: (() => void)[] = []
  return {
    children,
    release: () => held.splice(0).forEach((send) => send()),
    fork: () => {
      const handle = createRequestHandler()
      const child = new FakeEngineChild(2000 + children.length, (request, reply) => {
        const answer = (m: EngineMessage) => {
          checkEngineMessage(request, m)
          if (m.kind !== 'progress' && hold?.(request)) held.push(() => reply(m))
          else reply(m)
        }
        // Answer asynchronously, as a process would.
        setImmediate(() => void handle(request, answer))
      })
      children.push(child)
      return child
    },
  }
}
