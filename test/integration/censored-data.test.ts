import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { nodeEngineFork } from '../../src-main/core/node-engine-fork'
import { StudioCore } from '../../src-main/core/studio-core'

/** Censored data through the built engine (out/main/engine.js) in a real child process. */
const ENGINE = join(__dirname, '../../out/main/engine.js')
const FIXTURES = join(__dirname, '../fixtures/censoring')
const references = (
  JSON.parse(readFileSync(join(FIXTURES, 'censored-references.json'), 'utf8')) as {
    fits: { dataset: string; dist: string; loglik: number; params: Record<string, number> }[]
  }
).fits

const cores: StudioCore[] = []
beforeAll(() => {
  if (!existsSync(ENGINE)) throw new Error(`${ENGINE} is missing: run "npx electron-vite build" first.`)
})
afterEach(() => {
  for (const c of cores.splice(0)) c.dispose()
})

function makeCore() {
  const core = new StudioCore({ fork: nodeEngineFork(ENGINE), emit: () => undefined })
  cores.push(core)
  return core
}

describe('censored data in the real engine process', () => {
  it('a status-form fit, its Kaplan-Meier diagnostics, histogram and explorer agree with the fit', async () => {
    const core = makeCore()
    await core.open(join(FIXTURES, 'lung.csv'))
    const censoring = { status: 'status' }
    const fit = await core.handlers['model:fit']({ column: 'time', dist: 'weibull', censoring })
    const ref = references.find((r) => r.dataset === 'lung' && r.dist === 'weibull')!
    expect(Math.abs(fit.logLikelihood / ref.loglik - 1)).toBeLessThan(1e-6)
    expect(fit.censoring).toMatchObject({ exact: 165, right: 63 })
    expect(fit.goodnessOfFit).toBeNull()
    const chart = { column: 'time', dist: 'weibull', params: fit.params, censoring }
    const d = await core.handlers['model:get-diagnostics'](chart)
    expect(d.nonparametric?.method).toBe('kaplan-meier')
    expect(d.nonparametric!.lower.length).toBe(d.nonparametric!.x.length)
    expect(d.qq.sample).toEqual([])
    const h = await core.handlers['model:get-histogram']({ ...chart, bins: 'sturges' })
    // The exact values' bars: their area is the exact share of n.
    const area = h.reduce((s, b) => s + b.density * (b.x1 - b.x0), 0)
    expect(area).toBeCloseTo(165 / 228, 10)
    const e = await core.handlers['model:evaluate'](chart)
    expect(e.logLikelihood).toBeCloseTo(fit.logLikelihood, 9)
  })

  it('bad input names the row and the dataset stays usable', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mle-cens-'))
    const file = join(dir, 'bad.csv')
    writeFileSync(file, 't,s,lo,hi\n5,1,1,2\n6,2,3,2\n7,0,,4\n')
    const core = makeCore()
    await core.open(file)
    await expect(
      core.handlers['model:fit']({ column: 't', dist: 'normal', censoring: { status: 's' } }),
    ).rejects.toThrow(/Status column "s" has 2 in data row 2/)
    await expect(
      core.handlers['model:fit']({ column: 'lo', dist: 'normal', censoring: { upper: 'hi' } }),
    ).rejects.toThrow(/Data row 2 has lower bound 3 \("lo"\) above its upper bound 2/)
    const plain = await core.handlers['model:fit']({ column: 't', dist: 'normal' })
    expect(plain.n).toBe(3)
  })
})
