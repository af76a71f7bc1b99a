import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FitRequest } from '../../src-shared/contract'
import { coreWithPatientEngine } from '../helpers/in-process-engine'

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mle-page-cancel-'))
})
afterAll(() => rm(dir, { recursive: true, force: true }))

/** A gradient-ascent fit that runs exactly `epochs` epochs (no early stop). */
const gradient = (dist: string, epochs: number): FitRequest => ({
  column: 'x',
  dist,
  method: 'gradient',
  options: { maxIterations: epochs, patience: 0, tolerance: 0 },
})

describe("task:cancel over the real engine: a page's Cancel stops its own fit only", () => {
  it("one page's endless fit is stopped; another page's fit running meanwhile ends with all its epochs", async () => {
    const n = 500
    const rows = Array.from({ length: n }, (_, i) => (10 * -Math.log(1 - (i + 0.5) / n)).toFixed(6))
    const csv = join(dir, 'x.csv')
    await writeFile(csv, `x\n${rows.join('\n')}\n`)
    const { core, engine, events } = await coreWithPatientEngine(csv)
    const streaming = (dist: string) => () =>
      events.some((e) => e.kind === 'progress' && e.progress.dist === dist)
    const until = async (check: () => boolean) => {
      while (!check()) await new Promise((r) => setTimeout(r, 5))
    }
    const endless = core.handlers['model:fit'](gradient('gamma', 10_000_000), 'page-b')
    await until(streaming('gamma'))
    const finite = core.handlers['model:fit'](gradient('weibull', 30_000), 'page-a')
    await until(streaming('weibull'))
    // Both run in the engine now: page b's Cancel stops its own, and counts page a's as running on.
    expect(await core.handlers['task:cancel'](null, 'page-b')).toEqual({ stopped: 1, elsewhere: 1 })
    await expect(endless).rejects.toMatchObject({ name: 'CancelledError' })
    const fit = await finite
    expect(fit).toMatchObject({ dist: 'weibull' })
    expect(fit.iterations).toBe(30_000)
    expect(engine.children).toHaveLength(1)
    // Each fit's progress names the page whose it is: a page shows its own, not another tab's.
    const pagesOf = (dist: string) =>
      new Set(events.flatMap((e) => (e.kind === 'progress' && e.progress.dist === dist ? [e.page] : [])))
    expect(pagesOf('weibull')).toEqual(new Set(['page-a']))
    expect(pagesOf('gamma')).toEqual(new Set(['page-b']))
    core.dispose()
  })
})
