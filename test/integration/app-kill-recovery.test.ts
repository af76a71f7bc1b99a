import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SessionSnapshot, StudioCallName } from '../../src-shared/contract'

/**
 * The whole app killed (SIGKILL of browser mode's process, as a crash or a closed laptop lid would end it):
 * the next start offers the autosaved session and restores it; a clean exit (SIGTERM) leaves nothing to
 * offer; the engine never outlives the app.
 */
const WEB = join(__dirname, '../../out/main/web.js')

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

interface App {
  process: ChildProcess
  call<T>(name: StudioCallName | 'test/engine-pid', payload?: unknown): Promise<T>
}

async function start(): Promise<App> {
  const child = spawn(process.execPath, [WEB, '--port', '0', csv], {
    env: { ...process.env, MLE_STUDIO_DATA_DIR: userData, MLE_STUDIO_TEST_HOOKS: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  running.push(child)
  const url = await new Promise<URL>((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => reject(new Error(`browser mode did not start: ${out}`)), 20_000)
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString()
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+)/.exec(out)
      if (m) {
        clearTimeout(timer)
        resolve(new URL(m[1]))
      }
    })
    child.stderr!.on('data', (c: Buffer) => (out += c.toString()))
  })
  const token = url.searchParams.get('token')!
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

const alive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

const waitFor = async (check: () => Promise<boolean> | boolean, ms = 10_000) => {
  const end = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting')
    await new Promise((r) => setTimeout(r, 20))
  }
}

describe('whole-app kill and restore (browser mode process)', () => {
  it('SIGKILL: the next start offers the autosave and restores it; SIGTERM: nothing is offered', async () => {
    const first = await start()
    await first.call('dataset:get-initial')
    const fit = await first.call<{ params: Record<string, number> }>('model:fit', {
      column: 'x',
      dist: 'normal',
    })
    const snapshot: SessionSnapshot = {
      column: 'x',
      family: 'normal',
      method: 'auto',
      options: {},
      fixed: {},
      trials: null,
      results: [fit as never],
      regressionResults: [],
      ui: { tab: 'density' },
    }
    await first.call('session:autosave', snapshot)
    await waitFor(async () =>
      (await readdir(userData).catch((): string[] => [])).includes('autosave.mlestudio.json'),
    )
    const enginePid = await first.call<number>('test/engine-pid')
    first.process.kill('SIGKILL')
    await exited(first.process)
    // The engine notices its parent is gone and exits: no orphan process.
    await waitFor(() => !alive(enginePid), 5000)

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
    await second.call('session:autosave', snapshot)
    await waitFor(async () => (await readdir(userData)).includes('autosave.mlestudio.json'))
    second.process.kill('SIGTERM') // a clean exit
    await exited(second.process)
    expect(await readdir(userData)).toEqual([])

    const third = await start()
    expect(await third.call('session:get-recovery')).toBeNull()
    third.process.kill('SIGTERM')
    await exited(third.process)
  })
})
