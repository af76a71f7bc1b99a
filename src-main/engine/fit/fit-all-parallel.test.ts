import { describe, expect, it, vi } from 'vitest'
import { rankOrder } from '../../../src-shared/ranking'
import { distributions, findDistribution } from '../distributions/registry'
import { seededRandom } from '../random/seeded-random'
import { fitAll } from './fit-all'
import { claim, newClaims, shared, startWorker } from './fit-all-parallel'
import { fitDistribution } from './fit-distribution'
import { SILENT_CONTROL } from '../control/work-control'

/** Everything but the timings, which differ from run to run. */
function comparable(result: unknown): unknown {
  return JSON.parse(JSON.stringify(result, (key: string, value: unknown) => (key === 'seconds' ? 0 : value)))
}

/** Runs a task of the given families on the pooled worker alone (this thread claims nothing). */
async function onWorkerAlone(ids: string[], values: Float64Array) {
  const data = shared(values)
  const started: number[] = []
  const run = startWorker(
    {
      ids,
      claims: newClaims(),
      arrays: String(data.id),
      column: 'x',
      sorted: data.values,
      rows: data.values,
      profiles: false,
    },
    (k) => started.push(k),
  )
  expect(run).not.toBeNull()
  await run!.finished
  return { started, outcomes: run!.outcomes }
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
        // A started worker, so it claims families from the first fit-all on.
        await onWorkerAlone(['exponential'], rows.slice().sort())
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
    const values = findDistribution('gamma')!.sample(2000, { shape: 2, rate: 1 }, seededRandom(3)).sort()
    const { started, outcomes } = await onWorkerAlone(['gamma', 'weibull', 'beta'], values)
    expect(started).toEqual([0, 1, 2])
    expect(outcomes.map((o) => (o && 'fit' in o ? o.fit.dist : o?.failed.slice(0, 4)))).toEqual([
      'gamma',
      'weibull',
      // Beta cannot fit values above 1: a FitError crosses the thread as a plain reason.
      expect.any(String),
    ])
    expect(outcomes[2] && 'failed' in outcomes[2]).toBe(true)
  }, 60_000)

  it('two claimers on one counter take every position exactly once', () => {
    const claims = newClaims()
    const taken: number[] = []
    for (let k = claim(claims, 5); k !== null; k = claim(claims, 5)) taken.push(k)
    expect(taken).toEqual([0, 1, 2, 3, 4])
    expect(claim(claims, 5)).toBeNull()
  })

  it('orders families costliest first: by stated cost, then by what they were measured to cost', async () => {
    // A fresh module: the fit-alls above measured these families already.
    vi.resetModules()
    const { familyOrder, noteCosts } = await import('./fit-all-parallel')
    const families = ['exponential', 'burr', 'normal'].map((id) => findDistribution(id)!)
    expect(familyOrder(families).map((i) => families[i].id)).toEqual(['burr', 'exponential', 'normal'])
    const fit = (dist: string, seconds: number) => ({ dist, seconds }) as Parameters<typeof noteCosts>[0][0]
    noteCosts([fit('normal', 3), fit('burr', 1), fit('exponential', 2)], 1000)
    expect(familyOrder(families).map((i) => families[i].id)).toEqual(['normal', 'exponential', 'burr'])
    // A family not measured yet is placed by its stated cost in the measured ones' seconds per unit.
    const more = [...families, findDistribution('gev')!]
    expect(familyOrder(more).map((i) => more[i].id)[0]).toBe('gev')
  })
})

describe('the shared and cached paths give the same fit-all table as fitting each family on its own', () => {
  it('worker and this thread, a repeated fit-all on the same column, and independent single fits agree', async () => {
    const rows = findDistribution('weibull')!.sample(3_000, { shape: 1.6, scale: 3 }, seededRandom(21))
    const sorted = rows.slice().sort()
    const input = { families: distributions, column: 'x', sorted, rows, parallel: true }
    // The first fit-all fills the column's caches (statistics, shared copy, measured costs); the second uses them.
    const first = await fitAll(input, SILENT_CONTROL)
    const second = await fitAll(input, SILENT_CONTROL)
    expect(comparable(second)).toEqual(comparable(first))
    // The straightforward path: every family alone, on its own fresh copy of the column (nothing shared).
    const alone = []
    for (const fit of first.fits) {
      const copy = sorted.slice()
      alone.push(
        await fitDistribution({
          column: 'x',
          sorted: copy,
          rows: rows.slice(),
          dist: findDistribution(fit.dist)!,
          profiles: true,
        }),
      )
    }
    alone.sort(rankOrder)
    expect(first.fits.length).toBeGreaterThan(10)
    expect(comparable(alone)).toEqual(comparable(first.fits))
  }, 120_000)
})
