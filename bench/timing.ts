/** Timing helpers shared by the workloads: interleaved repetitions, medians, child processes. */
import { execFileSync, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join } from 'node:path'

/**
 * One workload's row in bench/results.json (ratio = comparator / ours: bigger is better). Memory rows have
 * no time (`medianSeconds: null`) and give their peak in MB instead.
 */
export interface WorkloadResult {
  id: string
  case?: string
  workload: string
  medianSeconds: number | null
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

/** A child's timer: `stop()` gives the wall and CPU seconds since `startTimer()` and the peak RSS so far. */
export function startTimer(): { stop(): { seconds: number; cpuSeconds: number; peakRssMb: number } } {
  const cpu0 = process.cpuUsage()
  const t0 = performance.now()
  return {
    stop() {
      const seconds = (performance.now() - t0) / 1000
      const cpu = process.cpuUsage(cpu0)
      return { seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, peakRssMb: peakRssMb() }
    },
  }
}

/** Peak resident set of this process in MB (getrusage ru_maxrss). */
export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024
}

/** Rounds for the JSON file. */
export function round(x: number, digits = 4): number {
  return Number(x.toPrecision(digits))
}

/** The 1-minute load average now (the machine is shared: every row records the load it ran under). */
export function load1(): number {
  return Number(loadavg()[0].toFixed(2))
}

/** Linux clock ticks per second for /proc times (USER_HZ, 100 on every mainstream kernel build). */
const TICKS = 100

/**
 * Two consecutive /proc/PID/stat times (user, system) in seconds; `at` counts fields after the process name
 * (which may contain spaces), from 0 = state. Null off Linux.
 */
function statSeconds(path: string, at: number): number | null {
  try {
    const stat = readFileSync(path, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[at]) + Number(fields[at + 1])) / TICKS
  } catch {
    return null
  }
}

/**
 * CPU seconds (user + system) of this process's reaped children so far (cutime, cstime); the difference
 * around a synchronous child run is that child's CPU time. Null off Linux.
 */
export function childrenCpuSeconds(): number | null {
  return statSeconds('/proc/self/stat', 13)
}

/** CPU seconds (user + system: utime, stime) of a running process so far; null off Linux. */
export function processCpuSeconds(pid: number): number | null {
  return statSeconds(`/proc/${pid}/stat`, 11)
}

/** Peak resident set (VmHWM) of a running process in MB, from /proc/PID/status; null off Linux. */
export function processPeakRssMb(pid: number): number | null {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]
    return kb ? Number(kb) / 1024 : null
  } catch {
    return null
  }
}

/** One run of a command in a fresh process: wall and CPU seconds, and what it printed. */
export interface ProcessRun {
  seconds: number
  cpuSeconds: number | null
  stdout: string
  stderr: string
}

/** Runs a command to its end (synchronously, so nothing else runs meanwhile); throws on a non-zero exit. */
export function runProcess(command: string, args: string[], env: Record<string, string> = {}): ProcessRun {
  const cpu0 = childrenCpuSeconds()
  const t0 = performance.now()
  const r = spawnSync(command, args, {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
    env: { ...process.env, ...env },
  })
  const seconds = (performance.now() - t0) / 1000
  const cpu1 = childrenCpuSeconds()
  if (r.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} exited with ${r.status ?? r.signal}: ${r.stderr.slice(-2000)}`,
    )
  }
  return {
    seconds,
    cpuSeconds: cpu0 === null || cpu1 === null ? null : cpu1 - cpu0,
    stdout: r.stdout,
    stderr: r.stderr,
  }
}

/** Median of the non-null values, or null when there are none. */
export function medianOrNull(values: (number | null)[]): number | null {
  const v = values.filter((x): x is number => x !== null)
  return v.length > 0 ? median(v) : null
}

/** Nearest-rank percentile (p in 0..100) of a list; 0 for an empty list. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0
  const s = [...values].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]
}
