import { app, utilityProcess } from 'electron'
import type { EngineMessage, EngineRequest } from '../../src-shared/contract'
import { killByPid, type EngineChild, type ForkEngine } from '../core/engine-host'
import { engineEnvironment } from '../core/node-engine-fork'

const SERVICE_NAME = 'mle-studio-engine'

/** Spawns the engine as an Electron utility process. */
export function utilityEngineFork(enginePath: string): ForkEngine {
  return () => {
    // The same environment as browser mode's engine (glibc's huge-page tunable for the import's columns).
    const child = utilityProcess.fork(enginePath, [], {
      serviceName: SERVICE_NAME,
      stdio: 'inherit',
      env: engineEnvironment(process.env),
    })
    let exited = false
    const exitListeners: ((reason: string) => void)[] = []
    const exit = (reason: string) => {
      if (exited) return
      exited = true
      app.off('child-process-gone', onGone)
      for (const l of exitListeners) l(reason)
    }
    // `exit` can be late or missing for a crash; child-process-gone reports it too.
    const onGone = (_e: unknown, details: Electron.Details) => {
      if (details.serviceName === SERVICE_NAME && details.name === SERVICE_NAME) {
        exit(`${details.reason}, exit code ${details.exitCode}`)
      }
    }
    app.on('child-process-gone', onGone)
    child.on('exit', (code) => exit(`exit code ${code}`))
    return {
      get pid() {
        return child.pid
      },
      postMessage(message: EngineRequest) {
        if (!exited) child.postMessage(message)
      },
      onMessage(listener) {
        child.on('message', (m) => listener(m as EngineMessage))
      },
      onExit(listener) {
        exitListeners.push(listener)
      },
      kill() {
        // utilityProcess.kill() sends SIGTERM, which a stopped (hung) engine never acts on: SIGKILL by pid.
        if (!exited && !killByPid(child.pid)) child.kill()
      },
    } satisfies EngineChild
  }
}
