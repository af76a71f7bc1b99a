/**
 * `npm run bench [-- --quick | --runs N] [-- --only W1,W3] [-- --keep] [-- --cpu-prof] [-- --cases weibull]`: runs
 * the performance workloads (issue 7's W1-W5, issue 17's W6-W8, memory and CLI start-up), each several times
 * after a warm-up with its comparator interleaved, prints a table and writes bench/results.json ({ machine,
 * workloads }, ratio = comparator / ours); a full run also regenerates the README's table
 * (scripts/bench-table.mjs).
 * `--cpu-prof` adds a CPU profile of each W6 family (hotspots and phases) to its row; `--cases` runs only the
 * named W6 families.
 */
import { spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { cpus, loadavg, totalmem } from 'node:os'
import { join } from 'node:path'
import { cliStartup } from './cli-startup'
import { load1, type BenchOptions, type WorkloadResult } from './timing'
import { w1 } from './w1-gradient'
import { w2 } from './w2-families'
import { w3 } from './w3-fit-all'
import { w4 } from './w4-import'
import { w5 } from './w5-regression'
import { w6 } from './w6-end-to-end'
import { w7 } from './w7-ui'
import { w8 } from './w8-bootstrap'

/** Builds the app (electron-vite) when out/ is missing or older than the sources. */
const { ensureBuilt } = createRequire(__filename)('../scripts/ensure-build.cjs') as { ensureBuilt(): void }

const argv = process.argv.slice(2)
const quick = argv.includes('--quick')
const onlyAt = argv.indexOf('--only')
// MEM rows come out of the W7 session (the renderer heap needs the UI).
const only =
  onlyAt >= 0
    ? argv[onlyAt + 1]
        .toUpperCase()
        .split(',')
        .map((id) => (id === 'MEM' ? 'W7' : id))
    : null
const casesAt = argv.indexOf('--cases')
const runsAt = argv.indexOf('--runs')
const options: BenchOptions & { keep: boolean; cpuProfile: boolean; cases: string[] | null } = {
  runs: runsAt >= 0 ? Math.max(1, Number(argv[runsAt + 1])) : quick ? 3 : 7,
  keep: argv.includes('--keep'),
  cpuProfile: argv.includes('--cpu-prof'),
  cases: casesAt >= 0 ? argv[casesAt + 1].split(',') : null,
}

/** Workloads in run order; `built` ones run the app's bundles (out/), built first when stale. */
const workloads: {
  id: string
  built?: boolean
  run: () => Promise<WorkloadResult | WorkloadResult[]> | WorkloadResult | WorkloadResult[]
}[] = [
  { id: 'W1', run: () => w1(options) },
  { id: 'W2', run: () => w2(options) },
  { id: 'W3', run: () => w3(options) },
  { id: 'W4', run: () => w4(options) },
  { id: 'W5', run: () => w5(options) },
  { id: 'W6', built: true, run: () => w6(options) },
  { id: 'W7', built: true, run: () => w7(options) },
  { id: 'W8', run: () => w8(options) },
  { id: 'CLI', built: true, run: () => cliStartup(options) },
]

function machine() {
  const cpu = cpus()
  return {
    cpuModel: cpu[0]?.model ?? 'unknown',
    cores: cpu.length,
    memoryGb: Number((totalmem() / 2 ** 30).toFixed(1)),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadAverage: loadavg().map((v) => Number(v.toFixed(2))),
    date: new Date().toISOString(),
    quick,
  }
}

function fmt(x: number | null | undefined, digits = 4): string {
  return x === null || x === undefined ? '-' : x.toPrecision(digits)
}

async function main(): Promise<void> {
  const before = machine()
  const results: WorkloadResult[] = []
  const chosen = workloads.filter((w) => !only || only.includes(w.id))
  if (chosen.some((w) => w.built)) ensureBuilt()
  for (const { id, run } of chosen) {
    process.stderr.write(`${id}... (load ${load1()})\n`)
    try {
      const out = await run()
      results.push(...(Array.isArray(out) ? out : [out]))
    } catch (e) {
      // One broken workload must not cost the others' numbers: its row says what went wrong.
      const message = e instanceof Error ? e.message : String(e)
      process.stderr.write(`${id} failed: ${message}\n`)
      results.push({
        id,
        workload: `failed: ${message.split('\n')[0].slice(0, 300)}`,
        medianSeconds: null,
        comparatorMedianSeconds: null,
        ratio: null,
        comparator: null,
        goal: '-',
        goalMet: null,
        runs: 0,
      })
    }
  }
  const header = `${'id'.padEnd(36)} ${'ours s'.padStart(9)} ${'comp. s'.padStart(9)} ${'ratio'.padStart(9)}  goal met  goal`
  console.log(
    `${before.cpuModel}, ${before.cores} cores, Node ${before.node}, load ${before.loadAverage.join(' ')}, ${options.runs} runs after a warm-up`,
  )
  console.log(header)
  for (const r of results) {
    const name = r.case ? `${r.id} ${r.case}` : r.id
    const extra = details(r)
    console.log(
      `${name.padEnd(36)} ${fmt(r.medianSeconds).padStart(9)} ${fmt(r.comparatorMedianSeconds).padStart(9)} ${fmt(r.ratio).padStart(9)}  ${String(r.goalMet).padEnd(8)}  ${r.goal}${extra}`,
    )
  }
  // A partial run (--only) never replaces the committed full run's file.
  const file = join(__dirname, only ? 'results-only.json' : 'results.json')
  writeFileSync(
    file,
    `${JSON.stringify({ machine: { ...before, loadAverageAfter: loadavg().map((v) => Number(v.toFixed(2))) }, workloads: results }, null, 2)}\n`,
  )
  console.log(`wrote ${file}`)
  if (!only)
    spawnSync(process.execPath, [join(__dirname, '../scripts/bench-table.mjs')], { stdio: 'inherit' })
}

/** The console table's last column: what each row adds to ours/comparator/ratio. */
function details(r: WorkloadResult): string {
  const n = (key: string, digits = 4) => fmt(r[key] as number | null | undefined, digits)
  switch (r.id) {
    case 'W1':
      return `  iterates match: ${String(r.iteratesMatch)} (max rel. diff ${n('maxRelativeDifference', 2)})`
    case 'W3':
      return `  peak RSS ${n('peakRssMb')} MB`
    case 'W4':
      return `  ${n('mbPerSecond')} MB/s, peak RSS ${n('peakRssMb')} MB`
    case 'W6': {
      const scipy = r.scipy as { oursTimesFaster?: number; medianSeconds?: number; skipped?: string }
      const side = scipy.skipped
        ? `SciPy skipped (${scipy.skipped})`
        : `SciPy ${fmt(scipy.medianSeconds)} s (ours ${fmt(scipy.oursTimesFaster, 3)}x faster)`
      return `  ${n('timesFloor', 3)}x floor (CPU ${n('cpuTimesFloor', 3)}x), engine fit ${n('engineFitSeconds')} s; ${side}`
    }
    case 'W7':
      return r.worstLongTaskMs !== undefined
        ? `  long tasks: worst ${n('worstLongTaskMs')} ms, p95 ${n('p95LongTaskMs')} ms, ${n('longTasks')} of them; frame gap p95 ${n('frameGapP95Ms')} ms`
        : r.afterAnswerSeconds !== undefined
          ? `  ${n('afterAnswerSeconds', 3)} s after the engine answered`
          : ''
    case 'MEM':
      return `  peak ${n('peakMb')} MB${r.note ? `; ${String(r.note)}` : ''}`
    case 'W8':
      return `  ${String(r.note)}; p-values ${JSON.stringify(r.pValues)}`
    default:
      return r.cpuSeconds !== undefined ? `  CPU ${n('cpuSeconds')} s` : ''
  }
}

void main()
