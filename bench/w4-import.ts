/**
 * W4: import 1,000,000 rows x 8 numeric columns (about 86 MB) with the engine's importCsv, each run in a
 * fresh process (so its peak RSS is the import's), interleaved with a process that only reads the bytes.
 */
import { rmSync, statSync } from 'node:fs'
import { ensureBenchCsv } from './csv-file'
import { child, median, round, type BenchOptions, type WorkloadResult } from './timing'

const ROWS = 1_000_000
const COLS = 8
/** pandas.read_csv on the same file on these machines (the target). */
const PANDAS_MB_PER_SECOND = 77

interface ChildOut {
  seconds: number
  cpuSeconds: number
  rows: number
  peakRssMb: number
}

/** The W4 row; keeps the generated file when `keep`. */
export async function w4(options: BenchOptions & { keep?: boolean }): Promise<WorkloadResult> {
  const path = await ensureBenchCsv(ROWS, COLS)
  const bytes = statSync(path).size
  child<ChildOut>('w4-child.ts', ['read', path])
  const imports: ChildOut[] = []
  const reads: ChildOut[] = []
  for (let r = 0; r < options.runs; r++) {
    reads.push(child<ChildOut>('w4-child.ts', ['read', path]))
    const out = child<ChildOut>('w4-child.ts', ['import', path])
    if (out.rows !== ROWS) throw new Error(`W4 imported ${out.rows} rows, expected ${ROWS}`)
    imports.push(out)
  }
  if (!options.keep) rmSync(path)
  const ours = median(imports.map((o) => o.seconds))
  const comparator = median(reads.map((o) => o.seconds))
  const mbPerSecond = bytes / 1e6 / ours
  return {
    id: 'W4',
    workload: `import ${ROWS} rows x ${COLS} numeric columns (${round(bytes / 1e6, 3)} MB CSV), fresh process each run`,
    medianSeconds: round(ours),
    comparatorMedianSeconds: round(comparator),
    ratio: round(comparator / ours, 3),
    comparator: "reading the file's bytes (stream, fresh process)",
    goal: `MB/s reported; match pandas' ~${PANDAS_MB_PER_SECOND} MB/s`,
    goalMet: mbPerSecond >= PANDAS_MB_PER_SECOND,
    runs: options.runs,
    bytes,
    mbPerSecond: round(mbPerSecond, 4),
    mbPerCpuSecond: round(bytes / 1e6 / median(imports.map((o) => o.cpuSeconds)), 4),
    peakRssMb: round(Math.max(...imports.map((o) => o.peakRssMb)), 4),
  }
}
