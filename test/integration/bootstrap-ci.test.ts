import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { nodeEngineFork } from '../../src-main/core/node-engine-fork'
import { StudioCore } from '../../src-main/core/studio-core'
import { referenceDataPath } from '../helpers/reference'

/** Bootstrap intervals through the built engine (out/main/engine.js, its worker bundle) in a real child process. */
const ENGINE = join(__dirname, '../../out/main/engine.js')

const cores: StudioCore[] = []
beforeAll(() => {
  if (!existsSync(ENGINE)) throw new Error(`${ENGINE} is missing: run "npx electron-vite build" first.`)
})
afterEach(() => {
  for (const c of cores.splice(0)) c.dispose()
})

describe('bootstrap intervals in the real engine process', () => {
  it('answers model:bootstrap-ci with the intervals of the fit the request makes, kept on the fit it makes', async () => {
    const core = new StudioCore({ fork: nodeEngineFork(ENGINE), emit: () => undefined })
    cores.push(core)
    await core.open(referenceDataPath('groundbeef.csv'))
    const fit = { column: 'serving', dist: 'gamma' }
    const shown = await core.handlers['model:fit'](fit)
    const ci = await core.handlers['model:bootstrap-ci']({ fit, replicates: 50, seed: 5 })
    expect(ci).toMatchObject({ method: 'nonparametric', replicates: 50, seed: 5 })
    expect(ci.converged + ci.failed).toBe(50)
    for (const interval of ci.intervals) {
      expect(interval.estimate).toBe(shown.params[interval.name])
      expect(interval.percentile![0]).toBeLessThan(interval.estimate)
      expect(interval.percentile![1]).toBeGreaterThan(interval.estimate)
    }
  }, 120_000)
})
