import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { recordingControl } from '../../../test/support/recording-control'
import { BootstrapCiSchema } from '../../../src-shared/shapes/bootstrap'
import { findDistribution } from '../distributions/registry'
import { CancelledError, FitError } from '../errors'
import { seededRandom } from '../random/seeded-random'
import { bootstrapCi, derivedInterval } from './bootstrap-ci'
import { acceleration } from './intervals'

interface RCase {
  name: string
  column: string
  dist: string
  method: 'nonparametric' | 'parametric'
  estimate: Record<string, number>
  sd: Record<string, number>
  percentile: Record<string, [number, number]>
}
const fixtures = join(__dirname, '../../../test/fixtures/bootstrap')
const reference = JSON.parse(readFileSync(join(fixtures, 'bootdist.json'), 'utf8')) as { cases: RCase[] }

/** A column of a public reference dataset, sorted. */
function column(name: string): Float64Array {
  const file = name === 'serving' ? 'groundbeef.csv' : 'discoveries.csv'
  const lines = readFileSync(join('/work/shared/reference/data', file), 'utf8').trim().split('\n')
  const k = lines[0]
    .split(',')
    .map((s) => s.replace(/"/g, ''))
    .indexOf(name)
  return Float64Array.from(lines.slice(1), (line) => Number(line.split(',')[k])).sort()
}

const family = (id: string) => findDistribution(id)!
const gammaData = family('gamma').sample(60, { shape: 2.5, rate: 0.6 }, seededRandom(3)).sort()

describe('bootstrap confidence intervals', () => {
  // R used its own seeds and B = 1001, the engine B = 999: the percentile ends must agree within Monte-Carlo
  // error (sd of a 2.5% quantile of 1,000 replicates is about 0.09 bootstrap SE; two runs differ by ~0.12).
  it.each(reference.cases)(
    'agree with fitdistrplus::bootdist: $name',
    async (ref) => {
      const { result } = await bootstrapCi(
        { column: ref.column, dist: family(ref.dist), sorted: column(ref.column) },
        { replicates: 999, method: ref.method, workers: 1 },
      )
      expect(result.converged + result.failed).toBe(999)
      for (const interval of result.intervals) {
        const r = ref.percentile[interval.name]
        // R's optim stops earlier than the engine's confirmed maximum.
        expect(Math.abs(interval.estimate / ref.estimate[interval.name] - 1)).toBeLessThan(1e-3)
        expect(interval.percentile![0]).toBeGreaterThan(r[0] - 0.5 * ref.sd[interval.name])
        expect(interval.percentile![0]).toBeLessThan(r[0] + 0.5 * ref.sd[interval.name])
        // The negative binomial's size runs off to infinity on a few near-Poisson replicates: R keeps them
        // (sizes of 1e9), the engine counts them as not converged, so only its lower end is comparable.
        if (ref.dist === 'negative_binomial' && interval.name === 'size') continue
        expect(interval.percentile![1]).toBeGreaterThan(r[1] - 0.5 * ref.sd[interval.name])
        expect(interval.percentile![1]).toBeLessThan(r[1] + 0.5 * ref.sd[interval.name])
        expect(interval.bca![0]).toBeLessThan(interval.estimate)
        expect(interval.bca![1]).toBeGreaterThan(interval.estimate)
      }
    },
    60_000,
  )

  it('counts and names replicates that do not converge, never drops them silently', async () => {
    const { result } = await bootstrapCi(
      { column: 'discoveries', dist: family('negative_binomial'), sorted: column('discoveries') },
      { replicates: 999, workers: 1 },
    )
    expect(result.failed).toBeGreaterThan(0)
    expect(result.converged + result.failed).toBe(999)
    expect(result.estimates).toHaveLength(result.converged)
    expect(result.note).toContain(`${result.failed} of 999 replicates did not converge`)
  }, 60_000)

  it('gives the same answer on 2 threads as on this one, with progress to the last replicate', async () => {
    const control = recordingControl()
    const input = { column: 'x', dist: family('gamma'), sorted: gammaData }
    const [one, two] = await Promise.all([
      bootstrapCi(input, { replicates: 60, seed: 7, workers: 1 }),
      bootstrapCi(input, { replicates: 60, seed: 7, workers: 2 }, control),
    ])
    expect(two.result).toEqual(one.result)
    // The result is what the contract says crosses to the renderer, sessions and the CLI.
    expect(() => v.parse(BootstrapCiSchema, one.result)).not.toThrow()
    const replicates = control.progress.filter((p) => p.message.includes('interval replicate'))
    expect(replicates.at(-1)!.message).toMatch(/replicate 60 of 60/)
    expect(replicates.at(-1)!.fraction).toBe(1)
  }, 120_000)

  it('a different seed gives other replicates; a cancel stops it with CancelledError', async () => {
    const input = { column: 'x', dist: family('gamma'), sorted: gammaData }
    const [a, b] = await Promise.all(
      [7, 8].map((seed) => bootstrapCi(input, { replicates: 20, seed, workers: 1 })),
    )
    expect(a.result.estimates).not.toEqual(b.result.estimates)
    await expect(
      bootstrapCi(input, { replicates: 500, workers: 1 }, recordingControl(2)),
    ).rejects.toBeInstanceOf(CancelledError)
  }, 60_000)

  it('estimates the acceleration by the exact leave-one-out jackknife on small data', async () => {
    const x = Array.from(family('exponential').sample(40, { rate: 0.5 }, seededRandom(9)))
    const { result } = await bootstrapCi(
      { column: 'x', dist: family('exponential'), sorted: Float64Array.from(x).sort() },
      { replicates: 50, workers: 1 },
    )
    const loo = x.map((_, i) => (x.length - 1) / x.reduce((s, v, j) => (j === i ? s : s + v), 0))
    expect(result.jackknife).toMatchObject({ kind: 'full', refits: 40 })
    // The leave-one-out estimates are kept (replicate matrix columns), so percentiles get BCa too.
    const kept = result.jackknife!.estimates!.map((row) => row[0]).sort((a, b) => a - b)
    expect(kept).toHaveLength(40)
    kept.forEach((rate, i) => expect(rate).toBeCloseTo([...loo].sort((a, b) => a - b)[i], 6))
    expect(result.intervals[0].acceleration).toBeCloseTo(
      acceleration({ values: loo, weights: loo.map(() => 1) })!,
      8,
    )
  })

  it('uses a grouped jackknife on large data and says so', async () => {
    const big = family('exponential').sample(3000, { rate: 2 }, seededRandom(2)).sort()
    const { result } = await bootstrapCi(
      { column: 'x', dist: family('exponential'), sorted: big },
      { replicates: 20 },
    )
    expect(result.jackknife).toMatchObject({ kind: 'grouped', refits: 200 })
    expect(result.jackknife!.weights).toHaveLength(200)
    expect(result.note).toMatch(/grouped jackknife/)
    expect(result.intervals[0].bca).not.toBeNull()
  })

  it('resamples a value/count table exactly as its expanded column', async () => {
    const values = Float64Array.from([0, 1, 2, 3, 5, 8])
    const counts = Float64Array.from([30, 22, 12, 6, 3, 1])
    const expanded = Float64Array.from([...values].flatMap((v, i) => Array<number>(counts[i]).fill(v)))
    const dist = family('negative_binomial')
    const options = { replicates: 40, workers: 1 }
    const weighted = await bootstrapCi({ column: 'x', dist, sorted: values, sortedWeights: counts }, options)
    const plain = await bootstrapCi({ column: 'x', dist, sorted: expanded }, options)
    expect(weighted.result.failed).toBe(plain.result.failed)
    weighted.result.intervals.forEach((w, k) => {
      expect(w.percentile![0]).toBeCloseTo(plain.result.intervals[k].percentile![0], 6)
      expect(w.percentile![1]).toBeCloseTo(plain.result.intervals[k].percentile![1], 6)
    })
  })

  it('keeps held parameters fixed and gives intervals of any derived quantity from the same replicates', async () => {
    const dist = family('gamma')
    const { result, run } = await bootstrapCi(
      { column: 'x', dist, sorted: gammaData, fixed: { shape: 2.5 } },
      // 81 replicates: the 2.5% and 97.5% points are order statistics, so a monotone map commutes exactly.
      { replicates: 81, method: 'parametric', workers: 1 },
    )
    expect(result.names).toEqual(['rate'])
    expect(run.replicates.every((p) => p.shape === 2.5)).toBe(true)
    const mean = derivedInterval(run, (p) => p.shape / p.rate)
    const rate = result.intervals[0].percentile!
    expect(mean.percentile![0]).toBeCloseTo(2.5 / rate[1], 10)
    expect(mean.percentile![1]).toBeCloseTo(2.5 / rate[0], 10)
  })

  it('refuses a fit that did not converge', async () => {
    const dist = family('gamma')
    const input = {
      column: 'x',
      dist,
      sorted: gammaData,
      method: 'newton' as const,
      options: { maxIterations: 1 },
    }
    await expect(bootstrapCi(input, { replicates: 20 })).rejects.toBeInstanceOf(FitError)
  })
})
