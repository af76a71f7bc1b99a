import type { EngineMessage, EngineRequest } from '../../src-shared/contract'
import { createRequestHandler } from './handle-request'
import { warmUp } from './warm-up'

/**
 * Process entry of the engine. Electron's utility process talks over `process.parentPort`; a Node child
 * process (browser mode, integration tests) over `process.send` with advanced serialization. Either way
 * the same handler answers.
 */
const handleRequest = createRequestHandler()

interface ParentPort {
  on(event: 'message', listener: (e: { data: EngineRequest }) => void): void
  postMessage(message: EngineMessage): void
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort

if (parentPort) {
  const emit = (m: EngineMessage) => parentPort.postMessage(m)
  parentPort.on('message', (e) => void handleRequest(e.data, emit))
  emit({ kind: 'ready' })
  warmUp()
} else if (process.send) {
  const emit = (m: EngineMessage) => process.send?.(m)
  process.on('message', (m) => void handleRequest(m as EngineRequest, emit))
  // The parent going away must not leave an orphan engine behind.
  process.on('disconnect', () => process.exit(0))
  emit({ kind: 'ready' })
  warmUp()
} else {
  console.error('The MLE Studio engine runs as a child of the app; start the app or `npm run web` instead.')
  process.exit(2)
}
