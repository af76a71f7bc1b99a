import { existsSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { StudioEvent } from '../../src-shared/contract'
import { nodeEngineFork } from '../../src-main/core/node-engine-fork'
import { StudioCore } from '../../src-main/core/studio-core'
import { alive, waitFor } from '../helpers/processes'

/**
 * A hung engine: the real built engine process is stopped with SIGSTOP (as a debugger, a swapped-out or
 * frozen process would be). The heartbeat notices the silence, the request fails with EngineTimeout, the
 * stopped process is killed with SIGKILL (SIGTERM would wait for a SIGCONT), a fresh engine re-imports the
 * file, and the next fit gives the same answer. Cancel works on a stopped engine too.
 */
const ENGINE = join(__dirname, '../../out/main/engine.js')
/** Short for a test, long enough for an engine start-up on a loaded machine; the app waits 30 s. */
const HEARTBEAT = { intervalMs: 250, silenceMs: 5000 }

let dir: string
let csv: string
const cores: StudioCore[] = []
const stopped: number[] = []

beforeAll(async () => {
  if (!existsSync(ENGINE)) throw new Error(`${ENGINE} is missing: run "npx electron-vite build" first.`)
  dir = await mkdtemp(join(tmpdir(), 'mle-hang-'))
  csv = join(dir, 'small.csv')
  await writeFile(csv, 'x,y\n1.5,2\n2.5,3\n3.25,5\n4,7\n5.5,11\n')
})
afterAll(() => rm(dir, { recursive: true, force: true }))
afterEach(() => {
  for (const c of cores.splice(0)) c.dispose()
  // Never leave a stopped process behind, whatever a failed assertion skipped.
  for (const pid of stopped.splice(0)) {
    if (alive(pid)) process.kill(pid, 'SIGKILL')
  }
})

function makeCore() {
  const events: StudioEvent[] = []
  const core = new StudioCore({
    fork: nodeEngineFork(ENGINE),
    emit: (e) => events.push(e),
    heartbeat: HEARTBEAT,
  })
  cores.push(core)
  return { core, events }
}

/** Stops the running engine as SIGSTOP would freeze it; returns its pid. */
function freeze(core: StudioCore): number {
  const pid = core.engine.pid!
  stopped.push(pid)
  process.kill(pid, 'SIGSTOP')
  return pid
}

describe('real engine stopped with SIGSTOP', () => {
  it('a fit to a stopped engine fails with EngineTimeout; the engine is replaced and the next fit works', async () => {
    const { core, events } = makeCore()
    await core.open(csv)
    const before = await core.handlers['model:fit']({ column: 'x', dist: 'normal' })
    const pid = freeze(core)

    const t0 = performance.now()
    const error = await core.handlers['model:fit']({ column: 'x', dist: 'normal' }).catch((e: Error) => e)
    const detected = performance.now() - t0
    expect(error).toMatchObject({
      name: 'EngineTimeout',
      message: /stopped answering while working on "fit" \(no sign of life for [\d.]+ s\)/,
    })
    // The message is the heartbeat's (5 s of silence), not the 10-minute request timeout's.
    await waitFor(() => !alive(pid))
    expect(events.find((e) => e.kind === 'engine-stopped')).toMatchObject({
      restarted: true,
      message: /gave no sign of life .* restarted\. small\.csv is being re-imported/,
    })
    await waitFor(() => events.some((e) => e.kind === 'dataset-restored'))
    expect(core.engine.pid).not.toBe(pid)
    const after = await core.handlers['model:fit']({ column: 'x', dist: 'normal' })
    expect(after.params).toEqual(before.params)
    expect(after.logLikelihood).toBe(before.logLikelihood)
    console.log(`SIGSTOP during a fit: EngineTimeout after ${(detected / 1000).toFixed(2)} s`)
  })

  it('Cancel works on a stopped engine: a summary fails with CancelledError at once, the engine is replaced', async () => {
    const { core } = makeCore()
    await core.open(csv)
    const pid = freeze(core)
    const summary = core.handlers['column:get-summary']({ column: 'x' })
    await new Promise((r) => setTimeout(r, 50))
    await core.handlers['task:cancel'](null)
    await expect(summary).rejects.toMatchObject({ name: 'CancelledError' })
    // The cancel grace (400 ms) passes without an answer: killed with SIGKILL and replaced.
    await waitFor(() => !alive(pid))
    expect((await core.handlers['column:get-summary']({ column: 'y' })).n).toBe(5)
  })
})
