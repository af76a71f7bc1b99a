/**
 * Import benchmark: generates ROWS x COLS random numeric CSV (default 1,000,000 x 8, about 86 MB) in a
 * temp dir (reused if present), imports it once with `importCsv`, and prints one JSON line:
 * {rows, columns, bytes, seconds, mbPerSecond, peakRssMb}. Run: `npx tsx src-main/engine/import/bench-import.ts
 * [--rows N] [--cols N] [--chunk BYTES] [--keep] [--baseline]`; `--baseline` times the plain papaparse stream
 * instead. CPU seconds (user + system) are printed too: on a shared machine they vary less than wall time. Peak RSS is `process.resourceUsage().maxRSS` (whole process).
 */
import { createReadStream, createWriteStream, existsSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Papa from 'papaparse'
import { importCsv } from './csv-import'

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? Number(process.argv[i + 1]) : fallback
}

/** Writes a CSV of `rows` x `cols` numbers like R's write.csv of rnorm/runif data (about 86 bytes a row). */
async function generate(path: string, rows: number, cols: number): Promise<void> {
  const out = createWriteStream(path)
  const header = Array.from({ length: cols }, (_, c) => `x${c + 1}`).join(',')
  out.write(`${header}\n`)
  let seed = 12345
  const next = () => {
    // xorshift32: reproducible without a dependency.
    seed ^= seed << 13
    seed ^= seed >>> 17
    seed ^= seed << 5
    return (seed >>> 0) / 4294967296
  }
  let batch = ''
  for (let r = 0; r < rows; r++) {
    let line = ''
    for (let c = 0; c < cols; c++) {
      const v = c % 2 === 0 ? (next() * 2000 - 1000).toFixed(5) : (next() * 100).toFixed(7)
      line += c === 0 ? v : `,${v}`
    }
    batch += `${line}\n`
    if (batch.length > 1 << 20) {
      if (!out.write(batch)) await new Promise<void>((r) => out.once('drain', () => r()))
      batch = ''
    }
  }
  out.write(batch)
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())))
}

/** The platform notes' papaparse baseline: streamed strings, chunk mode, Number() into Float64Arrays. */
async function papaparseBaseline(path: string, cols: number): Promise<number> {
  const columns = Array.from({ length: cols }, () => [] as number[])
  await new Promise<void>((resolve, reject) => {
    Papa.parse<string[]>(createReadStream(path, { encoding: 'utf8' }) as unknown as File, {
      header: false,
      chunk(results) {
        for (const row of results.data) for (let c = 0; c < cols; c++) columns[c].push(Number(row[c]))
      },
      complete: () => resolve(),
      error: reject,
    })
  })
  return columns[0].length
}

async function main(): Promise<void> {
  const rows = arg('rows', 1_000_000)
  const cols = arg('cols', 8)
  const path = join(tmpdir(), `mle-bench-${rows}x${cols}.csv`)
  if (!existsSync(path)) await generate(path, rows, cols)
  const bytes = statSync(path).size
  if (process.argv.includes('--baseline')) {
    const c0 = process.cpuUsage()
    const t = performance.now()
    await papaparseBaseline(path, cols)
    const s = (performance.now() - t) / 1000
    const c = process.cpuUsage(c0)
    const cpuS = (c.user + c.system) / 1e6
    console.log(
      JSON.stringify({
        baseline: 'papaparse',
        seconds: Number(s.toFixed(3)),
        mbPerSecond: Number((bytes / 1e6 / s).toFixed(1)),
        cpuSeconds: Number(cpuS.toFixed(3)),
        mbPerCpuSecond: Number((bytes / 1e6 / cpuS).toFixed(1)),
        peakRssMb: Number((process.resourceUsage().maxRSS / 1024).toFixed(1)),
      }),
    )
    return
  }
  const chunkBytes = arg('chunk', 0) || undefined
  const cpu0 = process.cpuUsage()
  const t0 = performance.now()
  const dataset = await importCsv(path, { chunkBytes })
  const seconds = (performance.now() - t0) / 1000
  const cpu = process.cpuUsage(cpu0)
  const cpuSeconds = (cpu.user + cpu.system) / 1e6
  if (dataset.info.rows !== rows) throw new Error(`expected ${rows} rows, read ${dataset.info.rows}`)
  const peakRssMb = process.resourceUsage().maxRSS / 1024
  console.log(
    JSON.stringify({
      rows,
      columns: dataset.columns.length,
      bytes,
      seconds: Number(seconds.toFixed(3)),
      mbPerSecond: Number((bytes / 1e6 / seconds).toFixed(1)),
      cpuSeconds: Number(cpuSeconds.toFixed(3)),
      mbPerCpuSecond: Number((bytes / 1e6 / cpuSeconds).toFixed(1)),
      peakRssMb: Number(peakRssMb.toFixed(1)),
    }),
  )
  if (!process.argv.includes('--keep')) rmSync(path)
}

void main()
