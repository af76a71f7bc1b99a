import { createRequestHandler } from '../../src-main/engine/handle-request'
import type { ForkEngine } from '../../src-main/core/engine-host'
import { checkEngineMessage } from './contract-check'
import { FakeEngineChild } from './fake-engine'

/**
 * A fork function whose "processes" run the real engine handler in this process, each with its own
 * state (so a crash loses the dataset, as a real one does). Crash them with `children[i].crash()`. Every
 * answer is checked against the contract's schemas on the way (`checkEngineMessage`).
 */
export function inProcessEngineFork(): { fork: ForkEngine; children: FakeEngineChild[] } {
  const children: FakeEngineChild[] = []
  return {
    children,
    fork: () => {
      const handle = createRequestHandler()
      const child = new FakeEngineChild(2000 + children.length, (request, reply) => {
        // Answer asynchronously, as a process would.
        setImmediate(
          () =>
            void handle(request, (m) => {
              checkEngineMessage(request, m)
              reply(m)
            }),
        )
      })
      children.push(child)
      return child
    },
  }
}
