/** W3: fit-all on 1,000,000 positive values, timed in a child process that also reports its peak RSS. */
import { child, median, round, type BenchOptions, type WorkloadResult } from './timing'

/** Whether the automatic choice took the worker: yes, no, or in how many of the timed runs. */
function workerChoice(workerRuns: number, runs: number): string {
  return workerRuns === runs ? 'yes' : workerRuns === 0 ? 'no' : `${workerRuns} of ${runs} runs`
}

/**
 * W3 rows: fit-all as the engine decides (a worker thread on more than one core unless the load average,
 * less this process's own part, is at least twice the cores), and with the worker forced
 * (MLE_STUDIO_WORKERS=always), each in its own process.
 */
export function w3(options: BenchOptions): WorkloadResult[] {
  return (['auto', 'always'] as const).map((mode) => {
    const out = child<{
      seconds: number[]
      fits: string[]
      peakRssMb: number
      worker: boolean
      workerRuns: number
    }>('w3-child.ts', [String(options.runs)], { MLE_STUDIO_WORKERS: mode === 'auto' ? '' : mode })
    const m = median(out.seconds)
    return {
      id: 'W3',
      case:
        mode === 'auto' ? `auto (worker: ${workerChoice(out.workerRuns, options.runs)})` : 'worker forced',
      workload: `fit all applicable families (${out.fits.length}) on 1,000,000 positive values`,
      medianSeconds: round(m),
      comparatorMedianSeconds: null,
      ratio: null,
      comparator: null,
      goal: '< 2 s',
      goalMet: m < 2,
      runs: options.runs,
      peakRssMb: round(out.peakRssMb, 4),
      workerThread: out.worker,
      best: out.fits[0],
    }
  })
}
