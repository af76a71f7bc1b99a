import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { percentilesRequest } from '../../src-shared/fit-requests'
import { coreWithPatientEngine } from '../helpers/in-process-engine'

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mle-pct-cancel-'))
})
afterAll(() => rm(dir, { recursive: true, force: true }))

describe('task:cancel { task } over the real engine handler', () => {
  it('stops a stale percentile profile run alone: a fit sent meanwhile is answered, the engine kept', async () => {
    // 30,000 Weibull quantiles: seven profile rows are hundreds of likelihood passes each over all of them.
    const n = 30_000
    const rows = Array.from({ length: n }, (_, i) =>
      (10 * (-Math.log(1 - (i + 0.5) / n)) ** (1 / 1.5)).toFixed(6),
    )
    const csv = join(dir, 'w.csv')
    await writeFile(csv, `x\n${rows.join('\n')}\n`)
    const { core, engine, events } = await coreWithPatientEngine(csv)
    const fit = await core.handlers['model:fit']({ column: 'x', dist: 'weibull' })
    const request = percentilesRequest(fit, [0.01, 0.05, 0.1, 0.5, 0.9, 0.95, 0.99], [])
    const profiles = core.handlers['model:get-percentiles']({ ...request, task: 'percentiles-7' })
    const started = () =>
      events.some((e) => e.kind === 'progress' && /^Profile intervals/.test(e.progress.message))
    while (!started()) await new Promise((r) => setTimeout(r, 5))
    const another = core.handlers['model:fit']({ column: 'x', dist: 'gamma' })
    await core.handlers['task:cancel']({ task: 'percentiles-7' })
    await expect(profiles).rejects.toMatchObject({ name: 'CancelledError' })
    await expect(another).resolves.toMatchObject({ dist: 'gamma', converged: true })
    expect(engine.children).toHaveLength(1)
    core.dispose()
  })
})
