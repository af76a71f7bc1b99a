import { describe, expect, it } from 'vitest'
import { recordingControl } from '../../../test/support/recording-control'
import { createImportHold } from '../control/import-hold'
import { createWorkControl, SILENT_CONTROL } from '../control/work-control'
import { findDistribution } from '../distributions/registry'
import { CancelledError } from '../errors'
import { seededRandom } from '../random/seeded-random'
import { assess, refitter, type AssessInput } from './assess'
import { GOF_WORKER, bootstrapWorkerCount, onWorkers } from './bootstrap-parallel'
import { bootstrapGoodnessOfFit, gofStatistics, inThread, type GofStatistics } from './goodness-of-fit'

const gamma = findDistribution('gamma')!
const negbin = findDistribution('negative_binomial')!
const gammaData = gamma.sample(3000, { shape: 2.5, rate: 0.6 }, seededRandom(3)).sort()
const countData = negbin.sample(2000, { size: 3, mu: 6 }, seededRandom(4)).sort()

const gammaFit = (more: Partial<AssessInput> = {}): AssessInput => ({
  dist: gamma,
  sorted: gammaData,
  params: { shape: 2.47, rate: 0.59 },
  ctx: {},
  fixed: {},
  freeCount: 2,
  bootstrap: 40,
  seed: 11,
  ...more,
})

describe('parametric bootstrap on worker threads', () => {
  // Each thread here compiles the engine's TypeScript source on start (seconds): few threads per test.
  it('gives the same p-values on 3 threads as on this one, with progress up to the last replicate', async () => {
    const control = recordingControl()
    const [one, three] = await Promise.all([
      assess(gammaFit({ workers: 1 })),
      assess(gammaFit({ workers: 3 }), control),
    ])
    expect(one.pValueMethod).toBe('bootstrap')
    expect(three).toEqual(one)
    const fractions = control.progress.map((p) => p.fraction!)
    expect(control.progress.every((p) => p.task === 'bootstrap')).toBe(true)
    expect(fractions).toEqual([...fractions].sort((x, y) => x - y))
    expect(fractions.at(-1)).toBe(1)
    expect(control.progress.at(-1)!.message).toMatch(/replicate 40 of 40/)
  }, 120_000)

  it('the same for a discrete family with a fixed parameter (chi-square included)', async () => {
    const counts = {
      dist: negbin,
      sorted: countData,
      params: { size: 3, mu: 6.05 },
      fixed: { size: 3 },
      freeCount: 1,
    }
    const [one, two] = await Promise.all([1, 2].map((workers) => assess(gammaFit({ ...counts, workers }))))
    expect(one.pValues.chiSquare).not.toBeNull()
    expect(two).toEqual(one)
  }, 120_000)

  it('the threads really run every replicate they are given', async () => {
    const { params } = gammaFit()
    const task = { dist: 'gamma', n: gammaData.length, params, ctx: {}, fixed: {}, freeCount: 2, seed: 1 }
    const got = new Map<number, GofStatistics | null>()
    await onWorkers<GofStatistics | null>(
      GOF_WORKER,
      task,
      2,
      SILENT_CONTROL,
    )([0, 1, 2, 3, 4], (r, s) => got.set(r, s))
    expect([...got.keys()].sort()).toEqual([0, 1, 2, 3, 4])
    expect([...got.values()].every((s) => s !== null && s.ks > 0)).toBe(true)
  }, 60_000)

  it('a cancel stops it with CancelledError', async () => {
    const cancelled = assess(gammaFit({ bootstrap: 400, workers: 2 }), recordingControl(1))
    await expect(cancelled).rejects.toBeInstanceOf(CancelledError)
  }, 60_000)

  it('replicates a thread cannot run (here: a family it does not know) are run on this thread', async () => {
    const input = gammaFit()
    const { params } = input
    const task = {
      dist: 'no-such-family',
      n: gammaData.length,
      params,
      ctx: {},
      fixed: {},
      freeCount: 2,
      seed: 11,
    }
    const got = new Map<number, GofStatistics | null>()
    await onWorkers<GofStatistics | null>(
      GOF_WORKER,
      task,
      2,
      SILENT_CONTROL,
    )([0, 1, 2], (r, s) => got.set(r, s))
    expect(got.size).toBe(0)
    // Threads first, then this thread for what they left: the same answer as this thread alone.
    const model = { dist: gamma, n: gammaData.length, params, ctx: {}, freeCount: 2 }
    const observed = gofStatistics(gamma, gammaData, params, {}, 2)
    const runners = [
      onWorkers<GofStatistics | null>(GOF_WORKER, task, 2, SILENT_CONTROL),
      inThread(model, 11, refitter(gamma, {}, {}, SILENT_CONTROL), SILENT_CONTROL),
    ]
    const result = await bootstrapGoodnessOfFit(model, observed, 40, 11, runners, SILENT_CONTROL)
    expect(result).toEqual(await assess(gammaFit({ workers: 1 })))
  }, 60_000)

  it('uses threads only for large bootstraps on a machine with more than one core', () => {
    expect(bootstrapWorkerCount(40, 100)).toBe(1)
    expect(bootstrapWorkerCount(999, 100_000, 3)).toBe(3)
    expect(bootstrapWorkerCount(999, 100_000, 0)).toBe(1)
  })
})

/**
 * Waits for a first outcome (the threads start in seconds here), then until `count()` has not changed for
 * 3 looks 100 ms apart (at most ~30 s in all), and returns it.
 */
async function settled(count: () => number): Promise<number> {
  let last = -1
  let same = 0
  for (let look = 0; look < 300 && (same < 3 || last === 0); look++) {
    await new Promise((resolve) => setTimeout(resolve, 100))
    same = count() === last ? same + 1 : 0
    last = count()
  }
  return last
}

describe('parallel bootstrap threads while an import holds the engine', () => {
  const { params } = gammaFit()
  const task = { dist: 'gamma', n: gammaData.length, params, ctx: {}, fixed: {}, freeCount: 2, seed: 5 }
  const replicates = Array.from({ length: 400 }, (_, r) => r)

  /** The threads' run under the engine's own hold and control; the import starts at the first outcome. */
  function heldRun() {
    const hold = createImportHold()
    let cancelled = false
    const control = createWorkControl({
      isCancelled: () => cancelled,
      held: () => hold.wait(1, () => cancelled),
    })
    const got = new Map<number, GofStatistics | null>()
    let endImport: ((stops: number[]) => void) | null = null
    const run = onWorkers<GofStatistics | null>(
      GOF_WORKER,
      task,
      2,
      control,
    )(replicates, (r, outcome) => {
      got.set(r, outcome)
      endImport ??= hold.begin()
    })
    const cancel = () => {
      cancelled = true
      hold.release(1)
    }
    return { run, got, importEnds: () => endImport?.([]), cancel }
  }

  it('pause between replicates until the import ends, then go on to the same outcomes', async () => {
    const held = heldRun()
    const paused = await settled(() => held.got.size)
    // Stopped well before the end: at most the replicate each thread was running when the import began.
    expect(paused).toBeGreaterThan(0)
    expect(paused).toBeLessThan(replicates.length)
    held.importEnds()
    await held.run
    expect(held.got.size).toBe(replicates.length)
    const free = new Map<number, GofStatistics | null>()
    await onWorkers<GofStatistics | null>(
      GOF_WORKER,
      task,
      2,
      SILENT_CONTROL,
    )(replicates, (r, s) => free.set(r, s))
    expect(new Map([...held.got].sort(([a], [b]) => a - b))).toEqual(
      new Map([...free].sort(([a], [b]) => a - b)),
    )
  }, 120_000)

  it('a cancel while they are paused ends the run with CancelledError', async () => {
    const held = heldRun()
    const paused = await settled(() => held.got.size)
    expect(paused).toBeLessThan(replicates.length)
    held.cancel()
    await expect(held.run).rejects.toBeInstanceOf(CancelledError)
    // No replicate starts once paused; one a thread had under way may still land after the last look
    // (on a busy machine a replicate can outlast the 300 ms the looks wait for).
    expect(held.got.size).toBeLessThanOrEqual(paused + 2)
  }, 60_000)
})
