import type { ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { StudioCallName } from '../../src-shared/contract'
import { snapshot } from '../helpers/sessions'
import { alive, startBrowserMode, waitFor, WEB_ENTRY as WEB } from '../helpers/processes'

/**
 * The whole app killed (SIGKILL of browser mode's process, as a crash or a closed laptop lid would end it):
 * the next start offers the autosaved session and restores it; a clean exit (SIGTERM) leaves nothing to
 * offer; the engine never outlives the app.
 */

let dir: string
let userData: string
let csv: string
const running: ChildProcess[] = []

beforeAll(async () => {
  if (!existsSync(WEB)) throw new Error(`${WEB} is missing: run "npx electron-vite build" first.`)
  dir = await mkdtemp(join(tmpdir(), 'mle-appkill-'))
  userData = join(dir, 'userdata')
  csv = join(dir, 'measurements.csv')
  await writeFile(csv, 'x,y\n1.5,2\n2.5,3\n3.25,5\n4,7\n5.5,11\n')
})
afterAll(async () => {
  for (const p of running) if (p.exitCode === null) p.kill('SIGKILL')
  await rm(dir, { recursive: true, force: true })
})

/** This run's autosave files (one per running instance: autosave-<pid>-<token>.mlestudio.json). */
const autosaves = async () =>
  (await readdir(userData).catch((): string[] => [])).filter((n) => n.startsWith('autosave-'))

interface App {
  process: ChildProcess
  call<T>(name: StudioCallName | 'test/engine-pid', payload?: unknown): Promise<T>
}

async function start(): Promise<App> {
  const app = await startBrowserMode([csv], { MLE_STUDIO_DATA_DIR: userData, MLE_STUDIO_TEST_HOOKS: '1' })
  const child = app.process
  running.push(child)
  const { url, token } = app
  return {
    process: child,
    async call<T>(name: string, payload: unknown = null): Promise<T> {
      const test = name.startsWith('test/')
      const res = await fetch(`${url.origin}/api/${name}`, {
        method: test ? 'GET' : 'POST',
        headers: { 'x-mle-token': token, 'content-type': 'application/json' },
        body: test ? undefined : JSON.stringify(payload),
      })
      const envelope = (await res.json()) as { ok: boolean; value: T; error?: { message: string } }
      if (!envelope.ok) throw new Error(envelope.error?.message)
      return envelope.value
    },
  }
}

const exited = (p: ChildProcess) =>
  p.exitCode !== null || p.signalCode !== null
    ? Promise.resolve()
    : new Promise<void>((resolve) => p.once('exit', () => resolve()))

describe('whole-app kill and restore (browser mode process)', () => {
  it('SIGKILL: the next start offers the autosave and restores it; SIGTERM: nothing is offered', async () => {
    const first = await start()
    await first.call('workspace:get')
    const fit = await first.call<{ params: Record<string, number> }>('model:fit', {
      column: 'x',
      dist: 'normal',
    })
    const saved = snapshot({ results: [fit as never], ui: { tab: 'density' } })
    await first.call('session:autosave', saved)
    await waitFor(async () => (await autosaves()).length === 1)
    const enginePid = await first.call<number>('test/engine-pid')
    first.process.kill('SIGKILL')
    await exited(first.process)
    // The engine notices its parent is gone and exits: no orphan process.
    await waitFor(() => !alive(enginePid))

    const second = await start()
    const offer = await second.call<{ fileName: string; results: number }>('session:get-recovery')
    expect(offer).toMatchObject({ fileName: 'measurements.csv', results: 1 })
    const restored = await second.call<{
      sourceStatus: string
      dataset: { rows: number }
      session: { results: { params: Record<string, number> }[]; ui: unknown }
    }>('session:restore-recovery')
    expect(restored.sourceStatus).toBe('ok')
    expect(restored.dataset.rows).toBe(5)
    expect(restored.session.results[0].params).toEqual(fit.params)
    expect(restored.session.ui).toEqual({ tab: 'density' })
    await second.call('session:autosave', saved)
    await waitFor(async () => (await autosaves()).length === 1)
    second.process.kill('SIGTERM') // a clean exit
    await exited(second.process)
    // The restored offer was answered and the clean exit removed the autosave: nothing is left.
    expect(await readdir(userData)).toEqual([])

    const third = await start()
    expect(await third.call('session:get-recovery')).toBeNull()
    third.process.kill('SIGTERM')
    await exited(third.process)
  })
})
