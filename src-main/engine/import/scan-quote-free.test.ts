import fc from 'fast-check'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { ImportSettings } from '../../../src-shared/contract'
import { importCsv } from './csv-import'
import type { Dataset } from './dataset'

const temp = mkdtempSync(join(tmpdir(), 'mle-scan-test-'))
afterAll(() => rmSync(temp, { recursive: true, force: true }))

// What the comparison looks at: everything but the timing.
function comparable(d: Dataset) {
  return { info: { ...d.info, seconds: 0 }, values: d.columns.map((c) => Array.from(c.values)) }
}

const cell = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
  fc.integer({ min: -1e6, max: 1e6 }).map(String),
  fc.float({ noNaN: true, noDefaultInfinity: true }).map((x) => x.toFixed(4)),
  fc.constantFrom('', 'NA', '-', '.', '?', ' 12.5 ', '1e5', '+3', '007', '1,234.5', '1 234,5'),
  fc.constantFrom('yes', 'no', 'TRUE', '2024-01-31', 'café', '€', 'x y', 'abc'),
)

describe('the quote-free scanner', () => {
  it('gives the same dataset as papaparse for any quote-free file, in any chunk size', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 40 }),
        fc.constantFrom<ImportSettings['delimiter']>(',', ';', '\t', '|'),
        fc.constantFrom('\n', '\r\n', '\r'),
        fc.constantFrom(16, 64, 4096),
        async (cols, rows, delimiter, newline, chunkBytes) => {
          const usable = (c: string) => !c.includes(delimiter ?? ',') && !c.includes('\r')
          const header = Array.from({ length: cols }, (_, i) => `h${i}`).join(delimiter)
          const body = rows.map((r) => r.filter(usable).join(delimiter))
          const path = join(temp, 'property.csv')
          writeFileSync(path, [header, ...body].join(newline) + newline)
          const settings: ImportSettings = { delimiter, header: true }
          const scanned = await importCsv(path, { settings, chunkBytes })
          const parsed = await importCsv(path, { settings, chunkBytes, quoteFreeScan: false })
          expect(comparable(scanned)).toEqual(comparable(parsed))
        },
      ),
      { numRuns: 150 },
    )
  })

  it('gives the same dataset when quoted chunks (papaparse) and plain chunks (scanner) alternate', async () => {
    const quoted = fc.constantFrom('"a,b"', '"say ""hi"""', '"two\nlines"', '"3.5"', '""')
    const row = fc.array(fc.oneof({ weight: 20, arbitrary: cell }, { weight: 1, arbitrary: quoted }), {
      minLength: 3,
      maxLength: 3,
    })
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { minLength: 1, maxLength: 60 }),
        fc.constantFrom('\n', '\r\n'),
        fc.constantFrom(16, 64, 256),
        async (rows, newline, chunkBytes) => {
          // Unquoted cells must not hold the delimiter; quoted ones may.
          const safe = (c: string) => (c.includes(',') && !c.startsWith('"') ? 'x' : c)
          const body = rows.map((r) => r.map(safe).join(','))
          const path = join(temp, 'mixed.csv')
          writeFileSync(path, ['a,b,c', ...body].join(newline) + newline)
          const settings: ImportSettings = { delimiter: ',', header: true }
          const scanned = await importCsv(path, { settings, chunkBytes })
          const parsed = await importCsv(path, { settings, chunkBytes, quoteFreeScan: false })
          expect(comparable(scanned)).toEqual(comparable(parsed))
        },
      ),
      { numRuns: 100 },
    )
  })

  it('reads every double exactly as Number(text) does', async () => {
    // Moderate doubles print with 15-17 significant digits and no exponent: the scanner's fast path's edge.
    const moderate = fc.sample(fc.double({ min: -1e6, max: 1e6, noNaN: true }), 3000)
    const extreme = fc.sample(fc.double({ noNaN: true, noDefaultInfinity: true }), 1000)
    const texts = [
      ...moderate.map((v, i) => (i % 3 === 0 ? v.toFixed(10) : i % 3 === 1 ? String(v) : v.toPrecision(15))),
      ...extreme.map(String),
    ]
    const path = join(temp, 'doubles.csv')
    writeFileSync(path, `x\n${texts.join('\n')}\n`)
    // Small chunks: the first chunk (with the header) goes through papaparse, the rest is scanned.
    const { columns } = await importCsv(path, { chunkBytes: 4096 })
    const got = columns[0].values
    for (let i = 0; i < texts.length; i++) {
      const expected = Number(texts[i])
      if (Number.isFinite(expected)) expect(Object.is(got[i], expected)).toBe(true)
    }
  })
})
