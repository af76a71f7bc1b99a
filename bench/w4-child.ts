/**
 * W4 in a fresh process: `import PATH` imports the CSV with the engine's importCsv, `read PATH` only reads
 * the file's bytes (streamed, the comparator); `column PATH NAME` (W6's floor) imports and sorts the finite
 * values of one column, as a fit or a summary needs them. Prints {seconds, cpuSeconds, rows, peakRssMb}:
 * the time of that work alone, without the process start-up and module loading.
 */
import { createReadStream } from 'node:fs'
import { importCsv } from '../src-main/engine/import/csv-import'
import { finiteSorted } from '../src-main/engine/import/dataset'
import { peakRssMb } from './timing'

async function main(): Promise<void> {
  const [mode, path, column] = process.argv.slice(2)
  const cpu0 = process.cpuUsage()
  const t0 = performance.now()
  let rows: number
  if (mode === 'import') {
    rows = (await importCsv(path)).info.rows
  } else if (mode === 'column') {
    const dataset = await importCsv(path)
    const col = dataset.columns.find((c) => c.info.name === column)
    if (!col) throw new Error(`no column ${column} in ${path}`)
    rows = finiteSorted(col).length
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
