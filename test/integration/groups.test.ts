import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { nodeEngineFork } from '../../src-main/core/node-engine-fork'
import { StudioCore } from '../../src-main/core/studio-core'

/** Group fits and exclusion rules through the built engine (out/main/engine.js) in a real child process. */
const ENGINE = join(__dirname, '../../out/main/engine.js')
const IRIS = join(__dirname, '../../src-main/engine/groups/fixtures/iris.csv')

const cores: StudioCore[] = []
beforeAll(() => {
  if (!existsSync(ENGINE)) throw new Error(`${ENGINE} is missing: run "npx electron-vite build" first.`)
})
afterEach(() => {
  for (const c of cores.splice(0)) c.dispose()
})

describe('groups and exclusion rules in the real engine process', () => {
  it('fits by a text column, and charts of a fit with rules see the data the fit used', async () => {
    const core = new StudioCore({ fork: nodeEngineFork(ENGINE), emit: () => undefined })
    cores.push(core)
    await core.open(IRIS)
    const result = await core.handlers['model:fit-groups']({
      column: 'Sepal.Length',
      by: 'Species',
      dists: ['normal'],
      exclude: [{ kind: 'rows', rows: [[1, 1]] }],
    })
    expect(result.groups.map((g) => [g.group, g.data.used])).toEqual([
      ['setosa', 49],
      ['versicolor', 50],
      ['virginica', 50],
    ])
    expect(result.tests[0].df).toBe(4)
    expect(result.exclusions).toMatchObject([{ rule: 'row 1', rows: 1 }])

    const exclude = [{ kind: 'category' as const, column: 'Species', value: 'setosa' }]
    const fit = await core.handlers['model:fit']({ column: 'Sepal.Length', dist: 'normal', exclude })
    expect(fit.n).toBe(100)
    const diagnostics = await core.handlers['model:get-diagnostics']({
      column: 'Sepal.Length',
      dist: 'normal',
      params: fit.params,
      exclude,
    })
    expect(diagnostics.qq.sample).toHaveLength(100)
    // Refusals are messages, and the dataset stays usable.
    await expect(
      core.handlers['model:fit-groups']({ column: 'Sepal.Length', by: 'Species', dists: [] }),
    ).rejects.toThrow(/at least one family/)
    await expect(
      core.handlers['model:fit-groups']({ column: 'Sepal.Length', by: 'Sepal.Length', dists: ['normal'] }),
    ).rejects.toThrow(/is the column being fitted/)
    expect((await core.handlers['model:fit']({ column: 'Sepal.Length', dist: 'normal' })).n).toBe(150)
  })
})
