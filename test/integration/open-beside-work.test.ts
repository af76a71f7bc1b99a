import { existsSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { StudioEvent } from '../../src-shared/contract'
import { nodeEngineFork } from '../../src-main/core/node-engine-fork'
import { StudioCore } from '../../src-main/core/studio-core'
import { waitFor } from '../helpers/processes'

/**
 * An open beside a running gradient fit, over the real built engine process: the fit waits while the
 * file imports; an open that fails leaves it running to its result, one that succeeds stops it.
 */
const ENGINE = join(__dirname, '../../out/main/engine.js')

let dir: string
let big: string
const cores: StudioCore[] = []

beforeAll(async () => {
  if (!existsSync(ENGINE)) throw new Error(`${ENGINE} is missing: run "npx electron-vite build" first.`)
  dir = await mkdtemp(join(tmpdir(), 'mle-open-beside-'))
  big = join(dir, 'times.csv')
  const rows = Array.from({ length: 20_000 }, (_, i) => (1 + ((i * 37) % 997) / 100).toFixed(2))
  await writeFile(big, `t\n${rows.join('\n')}\n`)
})
afterAll(() => rm(dir, { recursive: true, force: true }))
afterEach(() => {
  for (const c of cores.splice(0)) c.dispose()
})

/** A core on times.csv with a gradient fit of `epochs` epochs (never stopping early), seen running. */
async function fitRunning(epochs: number) {
  const events: StudioEvent[] = []
  const core = new StudioCore({ fork: nodeEngineFork(ENGINE), emit: (e) => events.push(e), initialPath: big })
  cores.push(core)
  await core.handlers['workspace:get'](null)
  const fit = core.handlers['model:fit']({
    column: 't',
    dist: 'weibull',
    method: 'gradient',
    options: { maxIterations: epochs, patience: 0, tolerance: 0 },
  })
  fit.catch(() => undefined)
  await waitFor(() => events.some((e) => e.kind === 'progress'), 30_000)
  return { core, events, fit }
}

describe('an open beside a running fit (real engine process)', () => {
  it.each([
    ['empty', ''],
    ['binary', '\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR'],
  ])(
    'that fails (%s file) leaves the fit running: it ends with its result',
    async (_, text) => {
      const bad = join(dir, 'bad.csv')
      await writeFile(bad, text)
      const { core, events, fit } = await fitRunning(4000)
      await expect(core.open(bad)).rejects.toMatchObject({ name: 'ImportError' })
      await expect(fit).resolves.toMatchObject({ dist: 'weibull' })
      expect(events.filter((e) => e.kind === 'dataset-opened')).toEqual([])
    },
    60_000,
  )

  it('that succeeds stops the fit (DataReplaced), announced before the new file', async () => {
    const other = join(dir, 'other.csv')
    await writeFile(other, 't\n1.5\n2.5\n3.5\n')
    const { core, events, fit } = await fitRunning(10_000_000)
    const opened = await core.open(other)
    await expect(fit).rejects.toMatchObject({ name: 'DataReplaced' })
    const order = events.flatMap((e) =>
      e.kind === 'work-ended' || e.kind === 'dataset-opened' ? [e.kind] : [],
    )
    expect(order).toEqual(['work-ended', 'dataset-opened'])
    expect(opened.rows).toBe(3)
  }, 60_000)
})
