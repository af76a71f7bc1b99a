import fc from 'fast-check'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { ImportSettings } from '../../../src-shared/contract'
import { importCsv, type ImportOptions } from './csv-import'
import type { Dataset } from './dataset'
import { DEFAULT_MISSING_TOKENS } from './number-parse'
import { rowEndIn } from './scan-bytes'

const temp = mkdtempSync(join(tmpdir(), 'mle-bytes-test-'))
afterAll(() => rmSync(temp, { recursive: true, force: true }))

// Everything the import gives but its timing; values as arrays so -0 and NaN compare exactly.
function comparable(d: Dataset) {
  return {
    info: { ...d.info, seconds: 0 },
    values: d.columns.map((c) => Array.from(c.values, (v) => (Object.is(v, -0) ? '-0' : v))),
    categories: d.columns.map((c) =>
      c.categories ? { ...c.categories, codes: Array.from(c.categories.codes) } : null,
    ),
  }
}

/** The import with the fast paths (bytes, then the text scanner) and with papaparse for every chunk. */
async function bothWays(bytes: Uint8Array, options: ImportOptions) {
  const path = join(temp, 'same.csv')
  writeFileSync(path, bytes)
  const outcome = (quoteFreeScan: boolean) =>
    importCsv(path, { ...options, quoteFreeScan }).then(comparable, (e: Error) => `error: ${e.message}`)
  return { fast: await outcome(true), plain: await outcome(false) }
}

const number = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
  fc.integer({ min: -1e6, max: 1e6 }).map(String),
  fc.float({ noNaN: true, noDefaultInfinity: true }).map((x) => x.toFixed(4)),
)
const odd = fc.constantFrom(
  '',
  'NA',
  '-',
  '.',
  ' 12.5 ',
  '1e5',
  // Cells the byte path hands to Number (over 15 digits, exponents) and near misses it must not.
  '1.5E-3',
  '-.5e+3',
  '1e',
  '1e+',
  '1e5x',
  '1e999',
  '1.2.3',
  '-0.30000000000000004',
  '9'.repeat(400),
  '+3',
  '-999',
  '1,234.5',
  'yes',
  '2024-01-31',
  'café',
  '€',
  '\ufeffx',
  'a\rb',
  'x y',
)
const quoted = fc.constantFrom('"a,b"', '"say ""hi"""', '"two\nlines"', '"3.5"', '""', '"x"y')
const cell = fc.oneof(
  { weight: 12, arbitrary: number },
  { weight: 6, arbitrary: odd },
  { weight: 1, arbitrary: quoted },
)

describe('the byte path gives the same dataset as papaparse on every chunk', () => {
  it('for any mix of numbers, missing and text cells, quotes, ragged rows, line endings, BOM and chunk size', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 50 }),
        fc.constantFrom('\n', '\r\n', '\r'),
        fc.boolean(),
        fc.constantFrom('a,b,c', '"a","b","c"', '"a,1",b', ''),
        fc.constantFrom(16, 37, 64, 4096),
        fc.constantFrom<string[] | undefined>(undefined, [...DEFAULT_MISSING_TOKENS, '-999']),
        async (rows, newline, bom, header, chunkBytes, missingTokens) => {
          const lines = [...(header ? [header] : []), ...rows.map((r) => r.join(','))]
          const text = (bom ? '\ufeff' : '') + lines.join(newline) + newline
          const settings: ImportSettings = { delimiter: ',', header: header !== '', missingTokens }
          const { fast, plain } = await bothWays(new TextEncoder().encode(text), { settings, chunkBytes })
          expect(fast).toEqual(plain)
        },
      ),
      { numRuns: 300 },
    )
  })

  it('for detected settings, invalid UTF-8 and rows over the length limit', async () => {
    const piece = fc.oneof(
      cell,
      fc.constantFrom(',', ';', '\n', '\r\n', '"', '\u00a0', 'é'),
      fc.uint8Array({ minLength: 1, maxLength: 3 }).map((b) => String.fromCharCode(...b)),
    )
    await fc.assert(
      fc.asyncProperty(
        fc.array(piece, { minLength: 1, maxLength: 120 }),
        fc.constantFrom(16, 64, 1 << 20),
        fc.constantFrom(undefined, 40, 200),
        fc.boolean(),
        async (pieces, chunkBytes, maxRowBytes, raw) => {
          // raw: each char a byte (invalid UTF-8 sequences); otherwise the text as UTF-8.
          const text = pieces.join('')
          const bytes = raw
            ? Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff)
            : new TextEncoder().encode(text)
          const { fast, plain } = await bothWays(bytes, { chunkBytes, maxRowBytes })
          expect(fast).toEqual(plain)
        },
      ),
      {
        numRuns: 300,
        // A first row of only an empty quoted field, then the header, in one chunk: the byte path skipped
        // the quoted row and then lost the rest of the chunk ("only blank lines").
        examples: [[['"', '"', '\n#', '0'], 16, undefined, false]],
      },
    )
  })

  it('for a large numeric file with a numeric missing token in every chunk', async () => {
    const rows = ['x,y']
    for (let i = 0; i < 20_000; i++) rows.push(i % 7 === 0 ? '-999,NA' : `${i / 8},${-i}`)
    const settings: ImportSettings = { missingTokens: [...DEFAULT_MISSING_TOKENS, '-999'] }
    const { fast, plain } = await bothWays(new TextEncoder().encode(rows.join('\n')), {
      settings,
      chunkBytes: 4096,
    })
    expect(fast).toEqual(plain)
    expect(typeof fast === 'string' ? fast : fast.info.columns[0].missing).toBe(Math.ceil(20_000 / 7))
  })
})

describe('rowEndIn', () => {
  const bytes = new TextEncoder().encode('a\nb\r\nc\rd')
  it('finds LF, CRLF (not a lone LF) and CR row ends within the range', () => {
    expect(rowEndIn(bytes, 0, bytes.length, '\n')).toBe(1)
    expect(rowEndIn(bytes, 0, bytes.length, '\r\n')).toBe(3)
    expect(rowEndIn(bytes, 0, bytes.length, '\r')).toBe(3)
    expect(rowEndIn(bytes, 5, bytes.length, '\r')).toBe(6)
    expect(rowEndIn(bytes, 0, 3, '\r\n')).toBe(-1)
    expect(rowEndIn(bytes, 7, bytes.length, '\n')).toBe(-1)
  })
})
