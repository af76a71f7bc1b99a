/**
 * `npm run bench [-- --quick] [-- --only W1,W3] [-- --keep]`: runs the issue-7 workloads (W1-W5), each several
 * times after a warm-up with its comparator interleaved in the same process, prints a table and writes
 * bench/results.json ({ machine, workloads }, ratio = comparator / ours).
 */
import { writeFileSync } from 'node:fs'
import { cpus, loadavg, totalmem } from 'node:os'
import { join } from 'node:path'
import type { BenchOptions, WorkloadResult } from './timing'
import { w1 } from './w1-gradient'
import { w2 } from './w2-families'
import { w3 } from './w3-fit-all'
import { w4 } from './w4-import'
import { w5 } from './w5-regression'

const argv = process.argv.slice(2)
const quick = argv.includes('--quick')
const onlyAt = argv.indexOf('--only')
const only = onlyAt >= 0 ? argv[onlyAt + 1].toUpperCase().split(',') : null
const options: BenchOptions & { keep: boolean } = { runs: quick ? 3 : 7, keep: argv.includes('--keep') }

const workloads: [
  string,
  () => Promise<WorkloadResult | WorkloadResult[]> | WorkloadResult | WorkloadResult[],
][] = [
  ['W1', () => w1(options)],
  ['W2', () => w2(options)],
  ['W3', () => w3(options)],
  ['W4', () => w4(options)],
  ['W5', () => w5(options)],
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
  for (const [id, run] of workloads) {
    if (only && !only.includes(id)) continue
    process.stderr.write(`${id}...\n`)
    const out = await run()
    results.push(...(Array.isArray(out) ? out : [out]))
  }
  const header = `${'id'.padEnd(22)} ${'ours s'.padStart(9)} ${'comp. s'.padStart(9)} ${'ratio'.padStart(9)}  goal met  goal`
  console.log(
    `${before.cpuModel}, ${before.cores} cores, Node ${before.node}, load ${before.loadAverage.join(' ')}, ${options.runs} runs after a warm-up`,
  )
  console.log(header)
  for (const r of results) {
    const name = r.case ? `${r.id} ${r.case}` : r.id
    const extra =
      r.id === 'W3'
        ? `  peak RSS ${fmt(r.peakRssMb as number)} MB`
        : r.id === 'W4'
          ? `  ${fmt(r.mbPerSecond as number)} MB/s, peak RSS ${fmt(r.peakRssMb as number)} MB`
          : r.id === 'W1'
            ? `  iterates match: ${String(r.iteratesMatch)} (max rel. diff ${fmt(r.maxRelativeDifference as number, 2)})`
            : ''
    console.log(
      `${name.padEnd(22)} ${fmt(r.medianSeconds).padStart(9)} ${fmt(r.comparatorMedianSeconds).padStart(9)} ${fmt(r.ratio).padStart(9)}  ${String(r.goalMet).padEnd(8)}  ${r.goal}${extra}`,
    )
  }
  // A partial run (--only) never replaces the committed full run's file.
  const file = join(__dirname, only ? 'results-only.json' : 'results.json')
  writeFileSync(
    file,
    `${JSON.stringify({ machine: { ...before, loadAverageAfter: loadavg().map((v) => Number(v.toFixed(2))) }, workloads: results }, null, 2)}\n`,
  )
  console.log(`wrote ${file}`)
}

void main()
