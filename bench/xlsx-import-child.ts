/**
 * The spreadsheet workload in a fresh process: `PATH` is imported through the engine's importFile (the
 * same dispatch as the app: .xlsx streamed, .csv by the CSV reader); prints {seconds, cpuSeconds, rows,
 * peakRssMb, baselineRssMb} (RSS before the import).
 */
import { importFile } from '../src-main/engine/import/import-file'
import { peakRssMb } from './timing'

async function main(): Promise<void> {
  const [path] = process.argv.slice(2)
  const baselineRssMb = process.memoryUsage().rss / 2 ** 20
  const cpu0 = process.cpuUsage()
  const t0 = performance.now()
  const rows = (await importFile(path)).info.rows
  const seconds = (performance.now() - t0) / 1000
  const cpu = process.cpuUsage(cpu0)
  console.log(
    JSON.stringify({
      seconds,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      rows,
      peakRssMb: peakRssMb(),
      baselineRssMb,
    }),
  )
}

void main()
