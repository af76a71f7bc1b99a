import { describe, expect, it } from 'vitest'
import type { FitAllResult } from '../../../src-shared/contract'
import { distributions, findDistribution } from '../distributions/registry'
import { seededRandom } from '../random/seeded-random'
import { fitAll } from './fit-all'
import { shared, splitFamilies, startWorker } from './fit-all-parallel'
import { SILENT_CONTROL } from '../control/work-control'

/** Everything but the timings, which differ from run to run. */
function comparable(result: FitAllResult): unknown {
  return JSON.parse(JSON.stringify(result, (key: string, value: unknown) => (key === 'seconds' ? 0 : value)))
}

describe('fit-all with a worker thread gives the same results as in one thread', () => {
  const cases: [string, Float64Array][] = [
    [
      'positive values (14 families)',
      findDistribution('gamma')!.sample(20_000, { shape: 2.5, rate: 0.6 }, seededRandom(7)),
    ],
    [
      'counts (discrete and continuous families)',
      findDistribution('poisson')!.sample(5_000, { lambda: 4 }, seededRandom(8)),
    ],
  ]
  for (const [name, rows] of cases) {
    it(
      name,
      async () => {
        const sorted = rows.slice().sort()
        const input = { families: distributions, column: 'x', sorted, rows }
        const single = await fitAll({ ...input, parallel: false }, SILENT_CONTROL)
        const parallel = await fitAll({ ...input, parallel: true }, SILENT_CONTROL)
        expect(single.fits.length).toBeGreaterThan(5)
        expect(comparable(parallel)).toEqual(comparable(single))
      },
      60_000,
    )
  }

  it('the worker really runs (from the TypeScript source under tests) and reports every family', async () => {
    const data = shared(
      findDistribution('gamma')!.sample(2000, { shape: 2, rate: 1 }, seededRandom(3)).sort(),
    )
    const started: number[] = []
    const run = startWorker(
      { ids: ['gamma', 'weibull', 'beta'], column: 'x', sorted: data, rows: data, profiles: false },
      (k) => started.push(k),
    )
    expect(run).not.toBeNull()
    await run!.finished
    expect(started).toEqual([0, 1, 2])
    expect(run!.outcomes.map((o) => (o && 'fit' in o ? o.fit.dist : o?.failed.slice(0, 4)))).toEqual([
      'gamma',
      'weibull',
      // Beta cannot fit values above 1: a FitError crosses the thread as a plain reason.
      expect.any(String),
    ])
    expect(run!.outcomes[2] && 'failed' in run!.outcomes[2]).toBe(true)
  }, 60_000)

  it('the split gives every family to exactly one thread, balanced by cost', () => {
    const { main, worker } = splitFamilies(distributions)
    expect([...main, ...worker].sort((a, b) => a - b)).toEqual(distributions.map((_, i) => i))
    expect(Math.abs(main.length - worker.length)).toBeLessThanOrEqual(4)
  })
})
