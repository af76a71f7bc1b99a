/**
 * W8 in a process of its own: a gamma fit on 100,000 draws with a 999-replicate parametric bootstrap of its
 * goodness of fit (each replicate: draw, sort, re-fit, KS/AD/CvM/chi-square), seed 42. Prints
 * {seconds, cpuSeconds, pValues, peakRssMb}.
 * Usage: w8-child.ts WORKERS (1: the engine's own thread only; more: that many bootstrap threads).
 */
import { findDistribution } from '../src-main/engine/distributions/registry'
import { fitDistribution } from '../src-main/engine/fit/fit-distribution'
import { seededRandom } from '../src-main/engine/random/seeded-random'
import { peakRssMb } from './timing'
import { W8_N, W8_REPLICATES } from './w8-bootstrap'

async function main(): Promise<void> {
  const workers = Number(process.argv[2] ?? 1)
  const dist = findDistribution('gamma')!
  const sorted = dist.sample(W8_N, { shape: 2.5, rate: 0.6 }, seededRandom(8)).sort()
  const cpu0 = process.cpuUsage()
  const t0 = performance.now()
  const fit = await fitDistribution({
    dist,
    column: 'x',
    sorted,
    bootstrap: W8_REPLICATES,
    options: { seed: 42 },
    profiles: false,
    bootstrapWorkers: workers,
  })
  const seconds = (performance.now() - t0) / 1000
  const cpu = process.cpuUsage(cpu0)
  console.log(
    JSON.stringify({
      seconds,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      pValues: fit.goodnessOfFit?.pValues ?? null,
      pValueMethod: fit.goodnessOfFit?.pValueMethod ?? null,
      peakRssMb: peakRssMb(),
    }),
  )
}

void main()
