/**
 * W8 in a process of its own: a gamma fit on 100,000 draws with a 999-replicate parametric bootstrap of its
 * goodness of fit (each replicate: draw, sort, re-fit, KS/AD/CvM/chi-square), seed 42. Prints
 * {seconds, cpuSeconds, pValues, peakRssMb}.
 * Usage: w8-child.ts WORKERS (1: the engine's own thread only; more: that many bootstrap threads).
 */
import { findDistribution } from '../src-main/engine/distributions/registry'
import { fitDistribution } from '../src-main/engine/fit/fit-distribution'
import { seededRandom } from '../src-main/engine/random/seeded-random'
import { startTimer } from './timing'
import { W8_N, W8_REPLICATES } from './w8-bootstrap'

async function main(): Promise<void> {
  const workers = Number(process.argv[2] ?? 1)
  const dist = findDistribution('gamma')!
  const sorted = dist.sample(W8_N, { shape: 2.5, rate: 0.6 }, seededRandom(8)).sort()
  const timer = startTimer()
  const fit = await fitDistribution({
    dist,
    column: 'x',
    sorted,
    bootstrap: W8_REPLICATES,
    options: { seed: 42 },
    profiles: false,
    bootstrapWorkers: workers,
  })
  const { goodnessOfFit } = fit
  const pValues = goodnessOfFit?.pValues ?? null
  console.log(JSON.stringify({ ...timer.stop(), pValues, pValueMethod: goodnessOfFit?.pValueMethod ?? null }))
}

void main()
