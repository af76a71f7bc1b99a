/**
 * CLI start-up: `mle-fit --version` and `mle-fit --help` (bin/mle-fit.js, as `npm link` installs it) in a
 * fresh process, interleaved with a bare `node -e 0` (the floor no Node program beats).
 */
import { join } from 'node:path'
import {
  load1,
  median,
  medianOrNull,
  round,
  runProcess,
  type BenchOptions,
  type ProcessRun,
  type WorkloadResult,
} from './timing'

const CLI = join(__dirname, '../bin/mle-fit.js')
const GOAL_SECONDS = 0.3

/** One row per command. */
export function cliStartup(options: BenchOptions): WorkloadResult[] {
  return (['--version', '--help'] as const).map((flag) => {
    const loadBefore = load1()
    const bare = () => runProcess(process.execPath, ['-e', '0'])
    const ours = () => runProcess(process.execPath, [CLI, flag])
    bare()
    ours()
    const a: ProcessRun[] = []
    const b: ProcessRun[] = []
    for (let r = 0; r < options.runs; r++) {
      b.push(bare())
      a.push(ours())
    }
    const m = median(a.map((x) => x.seconds))
    const cpu = medianOrNull(a.map((x) => x.cpuSeconds))
    const bareCpu = medianOrNull(b.map((x) => x.cpuSeconds))
    return {
      id: 'CLI',
      case: flag,
      workload: `mle-fit ${flag} (node bin/mle-fit.js), fresh process`,
      medianSeconds: round(m),
      comparatorMedianSeconds: round(median(b.map((x) => x.seconds))),
      ratio: round(median(a.map((x, i) => b[i].seconds / x.seconds)), 3),
      comparator: 'node -e 0 (bare Node start-up)',
      goal: flag === '--version' ? `< ${GOAL_SECONDS} s` : 'reported',
      goalMet: flag === '--version' ? m < GOAL_SECONDS : null,
      runs: options.runs,
      cpuSeconds: cpu === null ? null : round(cpu),
      comparatorCpuSeconds: bareCpu === null ? null : round(bareCpu),
      loadAverage: [loadBefore, load1()],
    }
  })
}
