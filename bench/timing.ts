/** Timing helpers shared by the workloads: interleaved repetitions, medians, child processes. */
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'

/** One workload's row in bench/results.json (ratio = comparator / ours: bigger is better). */
export interface WorkloadResult {
  id: string
  case?: string
  workload: string
  medianSeconds: number
  comparatorMedianSeconds: number | null
  ratio: number | null
  comparator: string | null
  goal: string
  goalMet: boolean | null
  runs: number
  [extra: string]: unknown
}

/** Repetitions after one warm-up. */
export interface BenchOptions {
  runs: number
}

/** Median of a non-empty list. */
export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 === 1 ? s[m] : 0.5 * (s[m - 1] + s[m])
}

/** Wall seconds of one call. */
export async function seconds(run: () => unknown): Promise<number> {
  const t = performance.now()
  await run()
  return (performance.now() - t) / 1000
}

/**
 * Runs comparator then ours, `runs` times after one warm-up of each, interleaved so a busy machine slows
 * both alike; `prepare` (untimed) runs before each of ours, e.g. to hand it a fresh copy of the data so no
 * cached statistics carry over. Returns both medians and the median of the per-run ratios.
 */
export async function interleaved(
  runs: number,
  ours: () => unknown,
  comparator: () => unknown,
  prepare: () => void = () => {},
): Promise<{ ours: number; comparator: number; ratio: number; oursAll: number[] }> {
  await comparator()
  prepare()
  await ours()
  const a: number[] = []
  const b: number[] = []
  for (let r = 0; r < runs; r++) {
    b.push(await seconds(comparator))
    prepare()
    a.push(await seconds(ours))
  }
  return { ours: median(a), comparator: median(b), ratio: median(a.map((t, i) => b[i] / t)), oursAll: a }
}

/** Runs a bench/ TypeScript file in a fresh Node process (tsx) and parses the JSON of its last line. */
export function child<T>(file: string, args: string[] = [], env: Record<string, string> = {}): T {
  const out = execFileSync(process.execPath, ['--import', 'tsx', join(__dirname, file), ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
    env: { ...process.env, ...env },
  })
  const lines = out.trim().split('\n')
  return JSON.parse(lines[lines.length - 1]) as T
}

/** Peak resident set of this process in MB (getrusage ru_maxrss). */
export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024
}

/** Rounds for the JSON file. */
export function round(x: number, digits = 4): number {
  return Number(x.toPrecision(digits))
}
