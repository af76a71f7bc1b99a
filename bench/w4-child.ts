/**
 * W4 in a fresh process: `import PATH` imports the CSV with the engine's importCsv, `read PATH` only reads
 * the file's bytes (streamed, the comparator); prints {seconds, cpuSeconds, rows, peakRssMb}.
 */
import { createReadStream } from 'node:fs'
import { importCsv } from '../src-main/engine/import/csv-import'
import { peakRssMb } from './timing'

async function main(): Promise<void> {
  const [mode, path] = process.argv.slice(2)
  const cpu0 = process.cpuUsage()
  const t0 = performance.now()
  let rows: number
  if (mode === 'import') {
    rows = (await importCsv(path)).info.rows
  } else {
    let bytes = 0
    for await (const chunk of createReadStream(path)) bytes += (chunk as Buffer).length
    rows = bytes > 0 ? -1 : 0
  }
  const seconds = (performance.now() - t0) / 1000
  const cpu = process.cpuUsage(cpu0)
  console.log(
    JSON.stringify({ seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, rows, peakRssMb: peakRssMb() }),
  )
}

void main()
