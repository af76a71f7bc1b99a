import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { nodeEngineFork } from '../../src-main/core/node-engine-fork'
import { StudioCore } from '../../src-main/core/studio-core'

/** Text predictors, interactions and negative binomial regression through the built engine in a real child process. */
const ENGINE = join(__dirname, '../../out/main/engine.js')
const WARPBREAKS = join(__dirname, '../../src-main/engine/regression/fixtures/warpbreaks.csv')

const cores: StudioCore[] = []
beforeAll(() => {
  if (!existsSync(ENGINE)) throw new Error(`${ENGINE} is missing: run "npx electron-vite build" first.`)
})
afterEach(() => {
  for (const c of cores.splice(0)) c.dispose()
})

describe('factor regression in the real engine process', () => {
  it('opens a file with text columns, reports their levels and fits a negative binomial interaction model', async () => {
    const core = new StudioCore({ fork: nodeEngineFork(ENGINE), emit: () => undefined })
    cores.push(core)
    const info = await core.open(WARPBREAKS)
    expect(info.columns.find((c) => c.name === 'tension')?.levels).toEqual(['H', 'L', 'M'])
    const r = await core.handlers['regression:fit']({
      model: 'negbin',
      response: 'breaks',
      predictors: ['wool', 'tension', 'wool:tension'],
      reference: { tension: 'L' },
    })
    expect(r.converged).toBe(true)
    expect(r.coefficients.map((c) => c.name)).toContain('wool = B:tension = M')
    // MASS::glm.nb (fixtures/factor-reference.json): the log-likelihood does not depend on the reference.
    expect(r.logLikelihood / -195.5623992180355 - 1).toBeLessThan(1e-8)
    expect(r.negbin?.theta).toBeCloseTo(12.082164620640395, 5)
    expect(r.termTests?.at(-1)).toMatchObject({ term: 'wool:tension', df: 2, containedIn: null })
    expect(r.residuals?.qq.sample).toHaveLength(54)
    await expect(
      core.handlers['regression:fit']({
        model: 'linear',
        response: 'breaks',
        predictors: ['wool'],
        reference: { wool: 'C' },
      }),
    ).rejects.toThrow(/"C" is not a level of "wool"/)
  })
})
