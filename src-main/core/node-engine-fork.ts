import { fork } from 'node:child_process'
import type { EngineMessage, EngineRequest } from '../../src-shared/contract'
import type { ForkEngine } from './engine-host'

/** glibc's malloc marks its large areas for transparent huge pages (where the system allows them). */
const HUGE_PAGES_TUNABLE = 'glibc.malloc.hugetlb=1'

/**
 * The engine's environment: the parent's, with glibc's malloc asked to use transparent huge pages. An
 * import fills tens of MB of fresh columns (1M rows x 8: ~72 MB); in 4 KiB pages each is a page fault
 * (~24,000, a quarter of that import's CPU on a virtual machine), in 2 MiB pages a few dozen. A tunable
 * the user set is kept (theirs wins); other C libraries and systems ignore the variable.
 */
export function engineEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const tunables = env['GLIBC_TUNABLES']
  if (tunables?.includes('glibc.malloc.hugetlb=')) return env
  return { ...env, GLIBC_TUNABLES: tunables ? `${tunables}:${HUGE_PAGES_TUNABLE}` : HUGE_PAGES_TUNABLE }
}

/**
 * Forks the built engine bundle as a plain Node child process (browser mode, CLI, tests). Advanced
 * serialization is the structured clone, like Electron's utility-process messages, so typed arrays survive.
 */
export function nodeEngineFork(enginePath: string): ForkEngine {
  return () => {
    const child = fork(enginePath, [], {
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: engineEnvironment(process.env),
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
