import { createRequestHandler } from '../../src-main/engine/handle-request'
import type { ForkEngine } from '../../src-main/core/engine-host'
import type { EngineMessage, EngineRequest, StudioEvent } from '../../src-shared/contract'
import { StudioCore } from '../../src-main/core/studio-core'
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

/**
 * A core over the in-process engine with `csv` as its start-up file, taken up (`workspace:get`), and every
 * event it sends. Its grace for a cancel is long: the engine is never replaced for being slow to stop
 * (that would restart or end the test's other work too).
 */
export async function coreWithPatientEngine(csv: string) {
  const engine = inProcessEngineFork()
  const events: StudioEvent[] = []
  const core = new StudioCore({
    fork: engine.fork,
    emit: (e) => events.push(e),
    initialPath: csv,
    heartbeat: null,
    cancelGraceMs: 600_000,
  })
  await core.handlers['workspace:get'](null)
  return { core, engine, events }
}
