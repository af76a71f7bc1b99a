/**
 * W6: one fit end to end through the command line, as a user runs it: `mle-fit FILE --column x --dist D
 * --json` in a fresh process on 1,000,000 values (a one-column CSV), for gamma, weibull, student_t and
 * negative_binomial. The engine's `fit` request computes everything the app shows for a fit: estimates,
 * standard errors, Wald and profile intervals (families with at most two free parameters), AIC/BIC, KS,
 * AD, CvM and chi-square with p-values, and the chart series.
 *
 * Floor: the engine's import of the same file alone, with the sort of the column every fit and summary
 * starts from (bench/w4-child.ts `column`, a fresh process, timed around that work only): no fitting
 * command can take less. Our side counts everything the user waits for, Node's start-up and the engine's
 * module loading included; the CPU profile (`--cpu-prof`) shows how much of the gap those are. SciPy side by side when a Python with scipy and pandas is found (see
 * findScipyPython): bench/w6-scipy.py (pandas.read_csv, the family's fit, kstest) in a fresh process, on the same file.
 * Wall and CPU seconds of each process (CPU from /proc, so a loaded machine shows in the wall/CPU gap).
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { findDistribution } from '../src-main/engine/distributions/registry'
import type { Params } from '../src-main/engine/distributions/types'
import { seededRandom } from '../src-main/engine/random/seeded-random'
import { summarizeCpuProfile, type ProfileSummary } from './cpu-profile'
import { ensureValuesCsv } from './csv-file'
import {
  child,
  load1,
  median,
  medianOrNull,
  round,
  runProcess,
  type BenchOptions,
  type ProcessRun,
  type WorkloadResult,
} from './timing'

const ROOT = join(__dirname, '..')
const CLI = join(ROOT, 'bin/mle-fit.js')
const N = 1_000_000
const GOAL_TIMES_FLOOR = 3
/** How many times faster than SciPy end to end the issue expects the CLI to be once within the floor goal. */
const SCIPY_GOAL = 4
/** SciPy runs per family at most: its Student t fit alone is ~30 CPU seconds on 1M values. */
const MAX_SCIPY_RUNS = 3
const CASES: { dist: string; truth: Params }[] = [
  { dist: 'gamma', truth: { shape: 2.5, rate: 0.6 } },
  { dist: 'weibull', truth: { shape: 1.7, scale: 3 } },
  { dist: 'student_t', truth: { mu: 3, sigma: 2, nu: 5 } },
  { dist: 'negative_binomial', truth: { size: 3, mu: 7 } },
]

/** The CLI's --json document, as far as W6 reads it. */
interface CliFit {
  dist: string
  params: Params
  converged: boolean
  seconds: number
  goodnessOfFit: { ks: number } | null
}

/** The floor: the engine imports the file and sorts the column, in a fresh process, timed inside it. */
function floorRun(file: string): { seconds: number; cpuSeconds: number } {
  const out = child<{ seconds: number; cpuSeconds: number; rows: number }>('w4-child.ts', [
    'column',
    file,
    'x',
  ])
  if (out.rows !== N) throw new Error(`W6 floor: ${out.rows} values, expected ${N}`)
  return out
}

function cliRun(file: string, dist: string, nodeArgs: string[] = []): ProcessRun & { fit: CliFit } {
  const run = runProcess(process.execPath, [
    ...nodeArgs,
    CLI,
    file,
    '--column',
    'x',
    '--dist',
    dist,
    '--json',
  ])
  const fit = (JSON.parse(run.stdout) as { fits: CliFit[] }).fits[0]
  if (!fit?.converged || !fit.goodnessOfFit) throw new Error(`W6 ${dist}: the CLI fit did not converge`)
  return { ...run, fit }
}

/**
 * The Python that can run the SciPy side: MLE_BENCH_PYTHON, else the first of `python3` and the system's
 * /usr/bin/python3 (Debian's python3-scipy and python3-pandas; a pyenv `python3` first on PATH may lack
 * them) that imports scipy and pandas. Otherwise why not.
 */
export function findScipyPython(): { python: string } | { missing: string } {
  const candidates = [process.env['MLE_BENCH_PYTHON'], 'python3', '/usr/bin/python3'].filter(
    (p, i, all): p is string => !!p && all.indexOf(p) === i,
  )
  const problems: string[] = []
  for (const python of candidates) {
    const r = spawnSync(python, ['-c', 'import scipy, pandas'], { encoding: 'utf8' })
    if (r.status === 0) return { python }
    problems.push(`${python}: ${r.error ? 'not found' : r.stderr.trim().split('\n').pop()}`)
  }
  return { missing: `no Python with scipy and pandas (${problems.join('; ')})` }
}

interface ScipyOut {
  params: Params
  ks: number
  importSeconds: number
  readSeconds: number
  fitSeconds: number
  ksSeconds: number
}

function scipyRun(python: string, file: string, dist: string): ProcessRun & { out: ScipyOut } {
  const run = runProcess(python, [join(__dirname, 'w6-scipy.py'), dist, file])
  return { ...run, out: JSON.parse(run.stdout.trim().split('\n').pop()!) as ScipyOut }
}

/** One profiled CLI run per family (`--cpu-prof`): hotspots and phases for the next speed-up. */
function profileRun(file: string, dist: string): ProfileSummary {
  const dir = mkdtempSync(join(tmpdir(), 'mle-bench-prof-'))
  try {
    cliRun(file, dist, ['--cpu-prof', `--cpu-prof-dir=${dir}`])
    const [name] = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))
    return summarizeCpuProfile(join(dir, name))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

interface CaseRuns {
  floor: { seconds: number; cpuSeconds: number }[]
  ours: (ProcessRun & { fit: CliFit })[]
  scipy: (ProcessRun & { out: ScipyOut })[]
  scipyError: string | null
}

/**
 * One family's runs: a warm-up (file cache, first bundle compile), then floor, ours and SciPy interleaved so
 * a busy spell slows all alike. SciPy gets no warm-up run of its own (the file is cached by then) and at
 * most MAX_SCIPY_RUNS; a SciPy failure is recorded, not a reason to lose our numbers.
 */
function runCase(file: string, dist: string, runs: number, python: string | null): CaseRuns {
  floorRun(file)
  cliRun(file, dist)
  const out: CaseRuns = { floor: [], ours: [], scipy: [], scipyError: null }
  for (let r = 0; r < runs; r++) {
    out.floor.push(floorRun(file))
    out.ours.push(cliRun(file, dist))
    if (python && r < MAX_SCIPY_RUNS && out.scipyError === null) {
      try {
        out.scipy.push(scipyRun(python, file, dist))
      } catch (e) {
        out.scipyError = (e as Error).message.slice(0, 500)
        process.stderr.write(`W6 ${dist}: SciPy side failed: ${out.scipyError}\n`)
      }
    }
  }
  return out
}

const roundOrNull = (x: number | null) => (x === null ? null : round(x))

/** The row's `scipy` entry: medians of the SciPy runs against ours, or why there are none. */
function scipyEntry({ scipy, ours, scipyError }: CaseRuns, missing: string | null) {
  if (scipy.length === 0) return { skipped: missing ?? `failed: ${scipyError}` }
  const m = (pick: (s: ScipyOut) => number) => round(median(scipy.map((s) => pick(s.out))))
  return {
    medianSeconds: round(median(scipy.map((s) => s.seconds))),
    cpuSeconds: roundOrNull(medianOrNull(scipy.map((s) => s.cpuSeconds))),
    // SciPy's time over ours, run by run: how many times faster the CLI is end to end (issue 17: >= 4x).
    oursTimesFaster: round(median(scipy.map((s, i) => s.seconds / ours[i].seconds)), 3),
    goal: `ours >= ${SCIPY_GOAL}x faster`,
    importSeconds: m((s) => s.importSeconds),
    readSeconds: m((s) => s.readSeconds),
    fitSeconds: m((s) => s.fitSeconds),
    ksSeconds: m((s) => s.ksSeconds),
    estimate: scipy[scipy.length - 1].out.params,
  }
}

/**
 * The W6 rows (one per family, or per family named in `cases`); `cpuProfile` adds a profiled run's hotspots
 * to each. The data files are removed afterwards unless `keep`.
 */
export async function w6(
  options: BenchOptions & { cpuProfile?: boolean; cases?: string[] | null; keep?: boolean },
): Promise<WorkloadResult[]> {
  const found = findScipyPython()
  const python = 'python' in found ? found.python : null
  const missing = 'missing' in found ? found.missing : null
  if (missing) process.stderr.write(`W6: SciPy side skipped: ${missing}\n`)
  const rows: WorkloadResult[] = []
  for (const c of CASES.filter((x) => !options.cases || options.cases.includes(x.dist))) {
    const dist = findDistribution(c.dist)!
    const file = ensureValuesCsv(`w6-${c.dist}-${N}`, () => dist.sample(N, c.truth, seededRandom(11)))
    const loadBefore = load1()
    const runs = runCase(file, c.dist, options.runs, python)
    const { floor, ours } = runs
    const ratio = median(ours.map((o, i) => floor[i].seconds / o.seconds))
    const oursCpu = medianOrNull(ours.map((o) => o.cpuSeconds))
    const floorCpu = medianOrNull(floor.map((f) => f.cpuSeconds))
    rows.push({
      id: 'W6',
      case: c.dist,
      workload: `mle-fit FILE --column x --dist ${c.dist} --json on ${N} values (fit, SEs, Wald and profile intervals, KS/AD/CvM/chi-square), fresh process`,
      medianSeconds: round(median(ours.map((o) => o.seconds))),
      comparatorMedianSeconds: round(median(floor.map((f) => f.seconds))),
      ratio: round(ratio, 3),
      comparator: "floor: the engine's import of the same file and the column's sort, in a fresh process",
      goal: `<= ${GOAL_TIMES_FLOOR}x the floor (ratio >= ${round(1 / GOAL_TIMES_FLOOR, 3)})`,
      goalMet: 1 / ratio <= GOAL_TIMES_FLOOR,
      runs: options.runs,
      timesFloor: round(1 / ratio, 3),
      cpuSeconds: roundOrNull(oursCpu),
      comparatorCpuSeconds: roundOrNull(floorCpu),
      cpuTimesFloor: oursCpu === null || floorCpu === null ? null : round(oursCpu / floorCpu, 3),
      engineFitSeconds: round(median(ours.map((o) => o.fit.seconds))),
      estimate: ours[ours.length - 1].fit.params,
      scipy: scipyEntry(runs, missing),
      loadAverage: [loadBefore, load1()],
      ...(options.cpuProfile ? { profile: profileRun(file, c.dist) } : {}),
    })
    if (!options.keep) rmSync(file, { force: true })
  }
  return rows
}
