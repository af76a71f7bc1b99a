/**
 * W8: 999 parametric-bootstrap replicates of a gamma goodness of fit on 100,000 values, each run in a fresh
 * process (w8-child.ts), per worker count. The goal (issue 17) compares worker threads with one thread and
 * asks for the same p-values whatever the count (each replicate draws from its own seeded stream).
 */
import { child, median, load1, round, type BenchOptions, type WorkloadResult } from './timing'

export const W8_N = 100_000
export const W8_REPLICATES = 999

/** Worker counts to measure: 1 = the engine's own thread alone; 2 = the default on this 2-core machine. */
const WORKER_COUNTS = [1, 2]
/** At most this many runs: one run is about a minute of CPU. */
const MAX_RUNS = 3

interface ChildOut {
  seconds: number
  cpuSeconds: number
  pValues: Record<string, number | null> | null
  pValueMethod: string | null
  peakRssMb: number
}

/** One row per worker count; ratio = one thread's median / this count's median. */
export function w8(options: BenchOptions): WorkloadResult[] {
  const runs = Math.min(options.runs, MAX_RUNS)
  const byCount = new Map<number, ChildOut[]>()
  const loadBefore = load1()
  for (let r = 0; r < runs; r++) {
    for (const workers of WORKER_COUNTS) {
      const out = child<ChildOut>('w8-child.ts', [String(workers)])
      byCount.set(workers, [...(byCount.get(workers) ?? []), out])
    }
  }
  const single = median(byCount.get(1)!.map((o) => o.seconds))
  const pValuesOf = (outs: ChildOut[]) => JSON.stringify(outs[0].pValues)
  const reference = pValuesOf(byCount.get(1)!)
  const samePValues = WORKER_COUNTS.every((w) =>
    byCount.get(w)!.every((o) => JSON.stringify(o.pValues) === reference),
  )
  return WORKER_COUNTS.map((workers) => {
    const outs = byCount.get(workers)!
    const m = median(outs.map((o) => o.seconds))
    return {
      id: 'W8',
      case: `${workers} thread${workers === 1 ? '' : 's'}`,
      workload: `gamma fit on ${W8_N} values with ${W8_REPLICATES} parametric-bootstrap GoF replicates (seed 42), fresh process`,
      medianSeconds: round(m),
      comparatorMedianSeconds: workers === 1 ? null : round(single),
      ratio: workers === 1 ? null : round(single / m, 3),
      comparator: workers === 1 ? null : 'the same bootstrap on the engine thread alone',
      goal: 'worker threads faster than one thread; the same p-values for any worker count (seed 42)',
      goalMet: workers === 1 ? samePValues : samePValues && single / m > 1,
      note: `p-values ${samePValues ? 'identical' : '**differ**'} across thread counts and runs`,
      runs,
      cpuSeconds: round(median(outs.map((o) => o.cpuSeconds))),
      pValues: outs[0].pValues,
      samePValuesEveryRun: samePValues,
      peakRssMb: round(Math.max(...outs.map((o) => o.peakRssMb))),
      loadAverage: [loadBefore, load1()],
    }
  })
}
