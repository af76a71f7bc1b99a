import { existsSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { StudioEvent } from '../../src-shared/contract'
import { EngineHost } from '../../src-main/core/engine-host'
import { nodeEngineFork } from '../../src-main/core/node-engine-fork'
import { StudioCore } from '../../src-main/core/studio-core'
import { alive, waitFor } from '../helpers/processes'

/**
 * Engine faults against the real built engine (out/main/engine.js, `npx electron-vite build`) in a real
 * child process, killed with SIGKILL / stopped with SIGSTOP as a crash or a hang would.
 */
const ENGINE = join(__dirname, '../../out/main/engine.js')
const ROWS = 1_200_000
/**
 * Time allowed for each test and each wait: these tests check what happens, in order, never how fast, and a
 * 1.2M-row import takes seconds on an idle machine but far longer on a loaded one.
 */
const PATIENCE = 180_000

let dir: string
let big: string
let small: string
const cores: StudioCore[] = []

beforeAll(async () => {
  if (!existsSync(ENGINE)) throw new Error(`${ENGINE} is missing: run "npx electron-vite build" first.`)
  dir = await mkdtemp(join(tmpdir(), 'mle-faults-'))
  big = join(dir, 'big.csv')
  small = join(dir, 'small.csv')
  // A seeded pseudo-random column: big enough that import and fit take a noticeable time.
  const parts: string[] = ['x,y\n']
  let s = 12345
  for (let i = 0; i < ROWS; i++) {
    s = (s * 1103515245 + 12345) % 2147483648
    parts.push(`${(s / 2147483648) * 100 - 50},${i % 97}\n`)
  }
  await writeFile(big, parts.join(''))
  await writeFile(small, 'x,y\n1.5,2\n2.5,3\n3.25,5\n4,7\n5.5,11\n')
}, PATIENCE)
afterAll(() => rm(dir, { recursive: true, force: true }))
afterEach(() => {
  for (const c of cores.splice(0)) c.dispose()
})

function makeCore(options: Partial<ConstructorParameters<typeof StudioCore>[0]> = {}) {
  const events: StudioEvent[] = []
  const core = new StudioCore({ fork: nodeEngineFork(ENGINE), emit: (e) => events.push(e), ...options })
  cores.push(core)
  return { core, events }
}

describe('real engine: SIGKILL', { timeout: PATIENCE }, () => {
  it('during an import: the import fails with EngineCrashed, the engine restarts, the next open works', async () => {
    const { core, events } = makeCore()
    const opening = core.open(big)
    await waitFor(() => events.some((e) => e.kind === 'progress'), PATIENCE)
    const pid = core.engine.pid!
    process.kill(pid, 'SIGKILL')
    await expect(opening).rejects.toMatchObject({ name: 'EngineCrashed', message: /SIGKILL/ })
    expect(events.find((e) => e.kind === 'engine-stopped')).toMatchObject({ restarted: true })
    expect(core.engine.pid).not.toBe(pid)
    expect(alive(pid)).toBe(false)
    const info = await core.open(small)
    expect(info.rows).toBe(5)
  })

  it('during a fit: the fit fails, the dataset is re-imported eagerly, a new fit gives the same answer', async () => {
    const { core, events } = makeCore()
    const dataset = await core.open(big)
    expect(dataset.rows).toBe(ROWS)
    const before = await core.handlers['model:fit']({ column: 'x', dist: 'normal' })
    // A fit that runs until it is stopped (a closed-form one on cached statistics can end within ms).
    const endless = { maxIterations: 10_000_000, patience: 0, tolerance: 0 }
    const fit = core.handlers['model:fit']({
      column: 'x',
      dist: 'normal',
      method: 'gradient',
      options: endless,
    })
    await waitFor(() => events.some((e) => e.kind === 'progress'), PATIENCE)
    process.kill(core.engine.pid!, 'SIGKILL')
    await expect(fit).rejects.toMatchObject({ name: 'EngineCrashed' })
    await waitFor(() => events.some((e) => e.kind === 'dataset-restored'), PATIENCE)
    expect(events.find((e) => e.kind === 'dataset-restored')).toMatchObject({ dataset: { rows: ROWS } })
    const after = await core.handlers['model:fit']({ column: 'x', dist: 'normal' })
    expect(after.params).toEqual(before.params)
    expect(after.logLikelihood).toBe(before.logLikelihood)
  })

  it('three crashes in a row: the engine waits for the user; engine:restart brings it and the data back', async () => {
    const { core, events } = makeCore()
    await core.open(small)
    for (let i = 0; i < 3; i++) {
      const pid = core.engine.pid!
      process.kill(pid, 'SIGKILL')
      await waitFor(() => events.filter((e) => e.kind === 'engine-stopped').length === i + 1, PATIENCE)
    }
    expect(events.some((e) => e.kind === 'engine-halted')).toBe(true)
    expect(core.engine.pid).toBeNull()
    await expect(core.handlers['model:fit']({ column: 'x', dist: 'normal' })).rejects.toMatchObject({
      name: 'EngineHalted',
    })
    const info = await core.handlers['engine:restart'](null)
    expect(info?.rows).toBe(5)
    const fit = await core.handlers['model:fit']({ column: 'x', dist: 'normal' })
    expect(fit.params['mu']).toBeCloseTo((1.5 + 2.5 + 3.25 + 4 + 5.5) / 5, 12)
  })
})

describe('real engine: cancel and timeout', { timeout: PATIENCE }, () => {
  // These tests check what happens, not how fast: times depend on the machine's load and are only
  // printed (the figures: docs/reliability.md).
  it('cancel stops an import (by itself, or by replacing the engine) and the engine answers again', async () => {
    const { core, events } = makeCore({ warmSpare: true })
    const opening = core.open(big)
    await waitFor(() => events.some((e) => e.kind === 'progress'), PATIENCE)
    const pid = core.engine.pid!
    const t0 = performance.now()
    await core.handlers['task:cancel'](null)
    await expect(opening).rejects.toMatchObject({ name: 'CancelledError' })
    const stopped = performance.now() - t0
    await core.handlers['engine:list-distributions'](null)
    const free = performance.now() - t0
    const replaced = core.engine.pid !== pid
    if (replaced) await waitFor(() => !alive(pid), PATIENCE)
    console.log(
      `cancel import: request stopped after ${stopped.toFixed(1)} ms; ` +
        `${replaced ? 'engine replaced' : 'the importer stopped by itself'}; engine answering after ${free.toFixed(1)} ms`,
    )
  })

  it('cancel stops a fit, replacing the engine if it does not stop by itself', async () => {
    const { core } = makeCore()
    await core.open(big)
    const fit = core.handlers['model:fit']({ column: 'x', dist: 'normal' })
    await new Promise((r) => setTimeout(r, 10))
    const pid = core.engine.pid!
    const t0 = performance.now()
    await core.handlers['task:cancel'](null)
    const outcome = await fit.then(
      () => 'finished',
      (e: Error) => e.name,
    )
    const stopped = performance.now() - t0
    expect(outcome).toBe('CancelledError')
    await core.handlers['engine:list-distributions'](null)
    const free = performance.now() - t0
    // The computation ends either by itself (answering CancelledError) or with the process, after the grace.
    const replaced = core.engine.pid !== pid
    if (replaced) await waitFor(() => !alive(pid), PATIENCE)
    console.log(
      `cancel fit: ${outcome} after ${stopped.toFixed(1)} ms; ` +
        `${replaced ? 'engine killed and replaced' : 'engine stopped the fit itself'}; ` +
        `engine answering again after ${free.toFixed(1)} ms`,
    )
  })

  it('with a warm spare engine, an enforced cancel adopts the spare (no process start-up)', async () => {
    const { core } = makeCore({ warmSpare: true })
    await core.open(big)
    const sparePid = () => (core.engine as unknown as { spare: { pid?: number } | null }).spare?.pid
    await waitFor(() => sparePid() !== undefined, PATIENCE)
    const spare = sparePid()
    const pid = core.engine.pid
    const fit = core.handlers['model:fit']({ column: 'x', dist: 'normal' })
    await new Promise((r) => setTimeout(r, 10))
    const t0 = performance.now()
    await core.handlers['task:cancel'](null)
    await expect(fit).rejects.toMatchObject({ name: 'CancelledError' })
    await core.handlers['engine:list-distributions'](null)
    const free = performance.now() - t0
    console.log(`cancel fit with a warm spare: engine answering again after ${free.toFixed(1)} ms`)
    // Either the fit stopped by itself (same engine) or the spare, already running, took over.
    if (core.engine.pid !== pid) expect(core.engine.pid).toBe(spare)
  })

  it('a request to a hung engine times out with a message; the hung process is replaced', async () => {
    const host = new EngineHost({ fork: nodeEngineFork(ENGINE), timeoutMs: 400, cancelGraceMs: 100 })
    // Start-up under load can take longer than the short timeout under test.
    await host.call({ kind: 'distributions' }, { timeoutMs: 10_000 })
    const pid = host.pid!
    process.kill(pid, 'SIGSTOP')
    const t0 = performance.now()
    await expect(host.call({ kind: 'distributions' })).rejects.toMatchObject({
      name: 'EngineTimeout',
      message: /no answer to "distributions" within 400 ms/,
    })
    expect(performance.now() - t0).toBeGreaterThanOrEqual(395)
    await waitFor(() => host.pid !== pid && !alive(pid), PATIENCE)
    await expect(host.call({ kind: 'distributions' }, { timeoutMs: 10_000 })).resolves.toBeInstanceOf(Array)
    host.dispose()
  })
})

describe('real engine: one bad request', () => {
  it('an engine error fails that request only; other requests and the process carry on', async () => {
    const { core } = makeCore()
    await core.open(small)
    const pid = core.engine.pid
    const [bad, good, missing] = await Promise.allSettled([
      core.handlers['column:get-summary']({ column: 'no such column' }),
      core.handlers['column:get-summary']({ column: 'x' }),
      core.open(join(dir, 'missing.csv')),
    ])
    expect(bad).toMatchObject({
      status: 'rejected',
      reason: { name: 'RequestError', message: /no such column/ },
    })
    expect(good).toMatchObject({ status: 'fulfilled', value: { n: 5 } })
    expect(missing).toMatchObject({ status: 'rejected', reason: { name: 'ImportError' } })
    expect(core.engine.pid).toBe(pid)
    // The failed open did not replace the dataset that was open.
    expect((await core.handlers['column:get-summary']({ column: 'y' })).n).toBe(5)
  })
})
