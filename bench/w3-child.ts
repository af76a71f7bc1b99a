/**
 * W3 in a process of its own: fit-all (every applicable family, asymptotic goodness of fit, no profile
 * intervals above 100,000 values) on 1,000,000 gamma draws; prints {seconds[], fits, peakRssMb, worker,
 * workerRuns} (whether fit-all chose its worker thread, decided before each timed run as fit-all decides:
 * see MLE_STUDIO_WORKERS; worker when every timed run used it).
 * Usage: w3-child.ts RUNS (after one warm-up).
 */
import { distributions, findDistribution } from '../src-main/engine/distributions/registry'
import { SILENT_CONTROL } from '../src-main/engine/control/work-control'
import { fitAll } from '../src-main/engine/fit/fit-all'
import { wantsWorker } from '../src-main/engine/fit/fit-all-parallel'
import { seededRandom } from '../src-main/engine/random/seeded-random'
import { peakRssMb, seconds } from './timing'

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 5)
  const rows = findDistribution('gamma')!.sample(1_000_000, { shape: 2.5, rate: 0.6 }, seededRandom(7))
  const sorted = rows.slice().sort()
  let fits: string[] = []
  const run = async () => {
    const result = await fitAll({ families: distributions, column: 'x', sorted, rows }, SILENT_CONTROL)
    fits = result.ranking.map((r) => r.dist)
  }
  await run()
  const times: number[] = []
  let workerRuns = 0
  for (let r = 0; r < runs; r++) {
    if (wantsWorker(sorted.length, fits.length)) workerRuns++
    times.push(await seconds(run))
  }
  const cpuSeconds = process.cpuUsage()
  const worker = workerRuns === runs
  console.log(
    JSON.stringify({
      seconds: times,
      fits,
      peakRssMb: peakRssMb(),
      worker,
      workerRuns,
      cpuSeconds: (cpuSeconds.user + cpuSeconds.system) / 1e6,
    }),
  )
}

void main()
