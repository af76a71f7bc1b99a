import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { nodeEngineFork } from '../../src-main/core/node-engine-fork'
import { StudioCore } from '../../src-main/core/studio-core'

/** Frequency weights through the built engine (out/main/engine.js) in a real child process. */
const ENGINE = join(__dirname, '../../out/main/engine.js')

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

describe('frequency weights in the real engine process', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mle-weights-'))
  const table = join(dir, 'table.csv')
  const expanded = join(dir, 'expanded.csv')
  const values = [0, 1, 2, 3, 4, 5]
  const counts = [4, 9, 11, 7, 2, 1]
  writeFileSync(
    table,
    `k,n,bad\n${values.map((v, i) => `${v},${counts[i]},${i === 3 ? -2 : 1}`).join('\n')}\n`,
  )
  writeFileSync(expanded, `k\n${values.flatMap((v, i) => Array<number>(counts[i]).fill(v)).join('\n')}\n`)

  it('fit-all and the charts on a count table equal those of the expanded data', async () => {
    const core = makeCore()
    await core.open(expanded)
    const plainAll = await core.handlers['model:fit-all']({ column: 'k' })
    const plainGrid = await core.handlers['model:get-likelihood-grid']({
      column: 'k',
      dist: 'poisson',
      params: { lambda: 2 },
      axes: [{ name: 'lambda', min: 1, max: 3, steps: 5 }],
    })
    await core.open(table)
    const all = await core.handlers['model:fit-all']({ column: 'k', weights: 'n' })
    expect(all.fits.map((f) => f.dist)).toEqual(plainAll.fits.map((f) => f.dist))
    all.fits.forEach((f, i) => {
      const g = plainAll.fits[i]
      expect(f.n).toBe(34)
      expect(f.logLikelihood).toBeCloseTo(g.logLikelihood, 8)
      // Parameters running off to a limit (student_t nu ~ 6e8 on normal-looking counts) are determined only
      // loosely by the flat likelihood there, weighted or not: the log-likelihood above is the check.
      for (const k of Object.keys(g.params)) {
        if (Math.abs(g.params[k]) < 1e6) expect(f.params[k]).toBeCloseTo(g.params[k], 6)
      }
      expect(f.weights).toMatchObject({ column: 'n', total: 34, rows: 6, integer: true })
    })
    const grid = await core.handlers['model:get-likelihood-grid']({
      column: 'k',
      dist: 'poisson',
      params: { lambda: 2 },
      weights: 'n',
      axes: [{ name: 'lambda', min: 1, max: 3, steps: 5 }],
    })
    grid.z[0].forEach((z, i) => expect(z).toBeCloseTo(plainGrid.z[0][i], 9))
    const d = await core.handlers['model:get-diagnostics']({
      column: 'k',
      dist: 'poisson',
      params: { lambda: 2 },
      weights: 'n',
    })
    expect(d.cdf.empirical.at(-1)).toBe(1)
    expect(d.cdf.empirical[0]).toBeCloseTo(4 / 34, 15)
  })

  it('a negative weight is a RequestError naming the row, and the dataset stays usable', async () => {
    const core = makeCore()
    await core.open(table)
    await expect(
      core.handlers['model:fit']({ column: 'k', dist: 'poisson', weights: 'bad' }),
    ).rejects.toMatchObject({
      name: 'RequestError',
      message: expect.stringMatching(/"bad" has -2 in data row 4, where "k" is 3/) as unknown as string,
    })
    const fit = await core.handlers['model:fit']({ column: 'k', dist: 'poisson', weights: 'n' })
    expect(fit.params.lambda).toBeCloseTo((9 + 22 + 21 + 8 + 5) / 34, 12)
  })
})
