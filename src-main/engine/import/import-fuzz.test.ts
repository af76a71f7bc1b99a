import fc from 'fast-check'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ImportError } from '../errors'
import { importCsv } from './csv-import'

const temp = mkdtempSync(join(tmpdir(), 'mle-fuzz-test-'))
afterAll(() => rmSync(temp, { recursive: true, force: true }))

// Either a dataset whose columns all have one value per row, or an ImportError: never anything else.
async function importsOrExplains(bytes: Uint8Array, chunkBytes: number): Promise<void> {
  const path = join(temp, 'fuzz.csv')
  writeFileSync(path, bytes)
  try {
    const { info, columns } = await importCsv(path, { chunkBytes })
    expect(info.rows).toBeGreaterThan(0)
    for (const c of columns) expect(c.values.length).toBe(info.rows)
    expect(info.preview.length).toBe(Math.min(100, info.rows))
  } catch (e) {
    expect(e).toBeInstanceOf(ImportError)
    expect((e as Error).message.length).toBeGreaterThan(20)
  }
}

describe('import never fails with anything but an ImportError', () => {
  it('on CSV-like text made of delimiters, quotes, line breaks, numbers and words', async () => {
    const piece = fc.constantFrom(
      ',',
      ';',
      '\t',
      '|',
      '"',
      '""',
      '\n',
      '\r\n',
      '\r',
      ' ',
      '1',
      '-2.5',
      '1,5',
      '1.234,5',
      'NA',
      'x',
      'yes',
      '2024-01-31',
      'é',
      '€',
      '\u00a0',
    )
    await fc.assert(
      fc.asyncProperty(
        fc.array(piece, { minLength: 0, maxLength: 200 }),
        fc.constantFrom(16, 64, 1 << 20),
        async (pieces, chunkBytes) => {
          await importsOrExplains(new TextEncoder().encode(pieces.join('')), chunkBytes)
        },
      ),
      { numRuns: 300 },
    )
  })

  it('on arbitrary bytes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 0, maxLength: 600 }),
        fc.constantFrom(16, 1 << 20),
        importsOrExplains,
      ),
      { numRuns: 300 },
    )
  })
})
