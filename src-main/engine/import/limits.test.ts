import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { importCsv } from './csv-import'
import { MAX_COLUMNS } from './limits'

const dir = mkdtempSync(join(tmpdir(), 'mle-limits-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** A CSV of `columns` columns and two data rows. */
function wide(columns: number): string {
  const path = join(dir, `wide-${columns}.csv`)
  const row = (f: (i: number) => string) => Array.from({ length: columns }, (_, i) => f(i)).join(',')
  writeFileSync(path, `${row((i) => `c${i}`)}\n${row((i) => String(i % 10))}\n${row((i) => String(i % 7))}\n`)
  return path
}

describe('hostile shapes: the column cap', () => {
  it('refuses a file with more columns than the cap, naming both numbers', async () => {
    await expect(importCsv(wide(MAX_COLUMNS + 1))).rejects.toMatchObject({
      name: 'ImportError',
      message: /has 16,385 columns; MLE Studio reads at most 16,384\. Check the delimiter/,
    })
  })

  it('imports a file with exactly the cap', async () => {
    const { info } = await importCsv(wide(MAX_COLUMNS))
    expect(info.columns).toHaveLength(MAX_COLUMNS)
    expect(info.rows).toBe(2)
  })

  it('counts the memory each column costs besides its cells in the pre-check', async () => {
    // 1,000 columns x 2 rows: 18 KB of cells, but about 4 MB of columns.
    await expect(importCsv(wide(1000), { memoryLimitBytes: 1024 * 1024 })).rejects.toThrow(
      /too big to import/,
    )
    await expect(importCsv(wide(1000), { memoryLimitBytes: 64 * 1024 * 1024 })).resolves.toBeDefined()
  })
})
