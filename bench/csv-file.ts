/** Bench inputs: a reproducible CSV of rows x cols numbers like R's write.csv of rnorm/runif data (W4, W7),
 * and one-column files of given draws (W6). */
import { createWriteStream, existsSync, renameSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** Path of the generated file (reused across runs while it exists). */
export function benchCsvPath(rows: number, cols: number): string {
  return join(tmpdir(), `mle-bench-${rows}x${cols}.csv`)
}

/** Writes the file unless present (about 86 bytes a row for 8 columns); xorshift32 values. */
export async function ensureBenchCsv(rows: number, cols: number): Promise<string> {
  const path = benchCsvPath(rows, cols)
  if (existsSync(path)) return path
  const out = createWriteStream(`${path}.part`)
  out.write(`${Array.from({ length: cols }, (_, c) => `x${c + 1}`).join(',')}\n`)
  let seed = 12345
  const next = () => {
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
      if (!out.write(batch)) await new Promise<void>((resolve) => out.once('drain', () => resolve()))
      batch = ''
    }
  }
  out.write(batch)
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())))
  renameSync(`${path}.part`, path)
  return path
}

/**
 * A one-column CSV (header `x`, shortest round-trip decimals) of `draw()`'s values in the temp folder,
 * named `mle-bench-NAME.csv`; reused while it exists, so `draw` runs only when the file is missing.
 */
export function ensureValuesCsv(name: string, draw: () => Float64Array): string {
  const path = join(tmpdir(), `mle-bench-${name}.csv`)
  if (existsSync(path)) return path
  const values = draw()
  const lines: string[] = ['x']
  for (let i = 0; i < values.length; i++) lines.push(String(values[i]))
  writeFileSync(`${path}.part`, `${lines.join('\n')}\n`)
  renameSync(`${path}.part`, path)
  return path
}
