import { fork } from 'node:child_process'
import type { EngineMessage, EngineRequest } from '../../src-shared/contract'
import type { ForkEngine } from './engine-host'

/**
 * Forks the built engine bundle as a plain Node child process (browser mode, CLI, tests). Advanced
 * serialization is the structured clone, like Electron's utility-process messages, so typed arrays survive.
 */
export function nodeEngineFork(enginePath: string): ForkEngine {
  return () => {
    const child = fork(enginePath, [], {
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    let exited = false
    return {
      pid: child.pid,
      postMessage(message: EngineRequest) {
        // After death a send would throw ERR_IPC_CHANNEL_CLOSED; EngineHost has already failed the request.
        if (!exited && child.connected) child.send(message)
      },
      onMessage(listener) {
        child.on('message', (m) => listener(m as EngineMessage))
      },
      onExit(listener) {
        child.on('exit', (code, signal) => {
          exited = true
          listener(signal ? `killed by ${signal}` : `exit code ${code}`)
        })
        child.on('error', (err) => {
          if (exited) return
          exited = true
          listener(err.message)
        })
      },
      kill() {
        // SIGKILL: a replaced engine may be hung or stopped, and it holds nothing worth a clean exit.
        if (!exited) child.kill('SIGKILL')
      },
    }
  }
}
