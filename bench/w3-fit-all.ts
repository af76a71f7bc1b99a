/** W3: fit-all on 1,000,000 positive values, timed in a child process that also reports its peak RSS. */
import { child, median, round, type BenchOptions, type WorkloadResult } from './timing'

/** The single W3 row (no comparator: an absolute goal). */
export function w3(options: BenchOptions): WorkloadResult {
  const out = child<{ seconds: number[]; fits: string[]; peakRssMb: number }>('w3-child.ts', [
    String(options.runs),
  ])
  const m = median(out.seconds)
  return {
    id: 'W3',
    workload: `fit all applicable families (${out.fits.length}) on 1,000,000 positive values`,
    medianSeconds: round(m),
    comparatorMedianSeconds: null,
    ratio: null,
    comparator: null,
    goal: '< 2 s',
    goalMet: m < 2,
    runs: options.runs,
    peakRssMb: round(out.peakRssMb, 4),
    best: out.fits[0],
  }
}
