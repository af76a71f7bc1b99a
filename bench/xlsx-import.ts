/**
 * Spreadsheet import: a 1,000,000-row single-sheet .xlsx (4 columns) opened through the engine's importFile,
 * each run in a fresh process so its peak RSS is the import's, interleaved with the same rows as CSV (the
 * comparator). The memory bar: the import's memory (peak RSS less the process's RSS before it)
 * within 3x the workbook's unzipped size.
 *
 * Standalone: `npx tsx bench/xlsx-import.ts [--runs N] [--rows N] [--keep]` prints the result as JSON;
 * `xlsxImport(options)` returns the same row for bench/run.ts.
 */
import { rmSync, statSync } from 'node:fs'
import yauzl from 'yauzl'
import { child, median, round, type BenchOptions, type WorkloadResult } from './timing'
import { ensureBenchXlsx } from './xlsx-file'

const ROWS = 1_000_000

interface ChildOut {
  seconds: number
  cpuSeconds: number
  rows: number
  peakRssMb: number
  baselineRssMb: number
}

/** Sum of the workbook's parts, unzipped (the bar the memory is measured against). */
async function unzippedBytes(path: string): Promise<number> {
  const zip = await yauzl.openPromise(path, { lazyEntries: true })
  let total = 0
  for await (const entry of zip.eachEntry()) total += entry.uncompressedSize
  zip.close()
  return total
}

/** The workload's row; keeps the generated files when `keep`. */
export async function xlsxImport(
  options: BenchOptions & { keep?: boolean; rows?: number },
): Promise<WorkloadResult> {
  const rows = options.rows ?? ROWS
  const paths = await ensureBenchXlsx(rows)
  const bytes = statSync(paths.xlsx).size
  const unzipped = await unzippedBytes(paths.xlsx)
  child<ChildOut>('xlsx-import-child.ts', [paths.xlsx])
  const sheets: ChildOut[] = []
  const csvs: ChildOut[] = []
  for (let r = 0; r < options.runs; r++) {
    csvs.push(child<ChildOut>('xlsx-import-child.ts', [paths.csv]))
    const out = child<ChildOut>('xlsx-import-child.ts', [paths.xlsx])
    if (out.rows !== rows) throw new Error(`the xlsx import read ${out.rows} rows, expected ${rows}`)
    sheets.push(out)
  }
  if (!options.keep) {
    rmSync(paths.xlsx)
    rmSync(paths.csv)
  }
  const ours = median(sheets.map((o) => o.seconds))
  const comparator = median(csvs.map((o) => o.seconds))
  const peak = Math.max(...sheets.map((o) => o.peakRssMb))
  const growth = Math.max(...sheets.map((o) => o.peakRssMb - o.baselineRssMb))
  const unzippedMb = unzipped / 2 ** 20
  return {
    id: 'XLSX',
    case: `${rows} rows x 4 columns`,
    workload: `open a ${rows}-row single-sheet xlsx (${round(bytes / 1e6, 3)} MB, ${round(unzippedMb, 4)} MiB unzipped) through importFile, fresh process each run`,
    medianSeconds: round(ours),
    comparatorMedianSeconds: round(comparator),
    ratio: round(comparator / ours, 3),
    comparator: 'the same rows as CSV through importFile (fresh process)',
    goal: 'import memory (peak RSS - RSS before) <= 3x the unzipped size',
    goalMet: growth <= 3 * unzippedMb,
    runs: options.runs,
    bytes,
    unzippedMb: round(unzippedMb, 4),
    cpuSeconds: round(median(sheets.map((o) => o.cpuSeconds))),
    peakRssMb: round(peak, 4),
    peaks: {
      rssMb: sheets.map((o) => round(o.peakRssMb, 4)),
      csvRssMb: csvs.map((o) => round(o.peakRssMb, 4)),
    },
    importRssMb: round(growth, 4),
    importOverUnzipped: round(growth / unzippedMb, 3),
  }
}

if (require.main === module) {
  const argv = process.argv.slice(2)
  const at = (flag: string) => (argv.includes(flag) ? argv[argv.indexOf(flag) + 1] : undefined)
  void xlsxImport({
    runs: Number(at('--runs') ?? 3),
    rows: Number(at('--rows') ?? ROWS),
    keep: argv.includes('--keep'),
  }).then((result) => console.log(JSON.stringify(result, null, 2)))
}
