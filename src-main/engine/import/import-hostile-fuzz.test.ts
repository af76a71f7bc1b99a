import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { importCsv } from './csv-import'
import type { Dataset } from './dataset'

/**
 * Hostile input: random bytes and random CSV-like text through the importer must end in a Dataset that
 * keeps its own invariants or in an ImportError, never in another exception or a hang.
 */
let dir: string
let fileNo = 0
beforeAll(async () => (dir = await mkdtemp(join(tmpdir(), 'mle-import-fuzz-'))))
afterAll(() => rm(dir, { recursive: true, force: true }))

/** Cases run per property, summed for the report. */
const IMPORT_RUNS = { bytes: 300, csv: 400 }

async function importBytes(bytes: Uint8Array | string): Promise<Dataset | Error> {
  const path = join(dir, `f${fileNo++}.csv`)
  await writeFile(path, bytes)
  try {
    return await importCsv(path)
  } catch (e) {
    return e as Error
  } finally {
    await rm(path, { force: true })
  }
}

/** What every successful import promises (contract.ts ColumnInfo, dataset.ts EngineColumn). */
function checkDataset(d: Dataset): void {
  expect(d.columns.length).toBeGreaterThan(0)
  expect(d.info.columns).toHaveLength(d.columns.length)
  expect(new Set(d.columns.map((c) => c.info.name)).size).toBe(d.columns.length)
  expect(Number.isInteger(d.info.rows) && d.info.rows > 0).toBe(true)
  expect(d.info.preview.length).toBeLessThanOrEqual(100)
  for (const c of d.columns) {
    expect(c.values).toHaveLength(d.info.rows)
    if (c.info.numeric) {
      // Numbers (or 0/1), stray cells and missing cells make up the column; only the numbers are finite.
      expect(c.info.count + c.info.missing + c.info.nonNumeric).toBe(d.info.rows)
      let finite = 0
      for (const v of c.values) if (Number.isFinite(v)) finite++
      expect(finite).toBe(c.info.count)
    } else {
      // Text, date and empty columns: every non-missing cell counts, and none is usable as a number.
      expect(c.info.count + c.info.missing).toBe(d.info.rows)
      expect(c.info.nonNumeric).toBe(c.info.count)
    }
  }
}

function checkOutcome(outcome: Dataset | Error): void {
  if (outcome instanceof Error) {
    expect(outcome.name).toBe('ImportError')
    expect(outcome.message.length).toBeGreaterThan(10)
    expect(outcome.message).not.toMatch(/undefined|\[object /)
  } else {
    checkDataset(outcome)
  }
}

const cell = fc.oneof(
  fc.double({ noNaN: false }).map(String),
  fc.integer().map(String),
  fc.constantFrom(
    '',
    'NA',
    'NaN',
    'null',
    '-',
    '1,5',
    '1.234,5',
    '1 234',
    '"1,5"',
    '"a""b"',
    '"',
    'x"y',
    'Inf',
    '-Infinity',
    '1e309',
    '-1e-400',
    '0x1F',
    ' 3 ',
    '\t',
    'é',
    '𝔁',
    '\u0000',
    '=1+2',
    'TRUE',
    'false',
  ),
  fc.string({ maxLength: 8 }),
)
const delimiter = fc.constantFrom(',', ';', '\t', '|')
const lineEnd = fc.constantFrom('\n', '\r\n', '\r')
const csvText = fc
  .record({
    bom: fc.boolean(),
    header: fc.boolean(),
    delimiter,
    lineEnd,
    rows: fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { minLength: 0, maxLength: 30 }),
    trailing: fc.boolean(),
  })
  .map(({ bom, header, delimiter: d, lineEnd: e, rows, trailing }) => {
    const head = header ? [rows[0]?.map((_, i) => `col${i}`).join(d) ?? 'x'] : []
    const body = rows.map((r) => r.join(d))
    return (bom ? '\uFEFF' : '') + [...head, ...body].join(e) + (trailing ? e : '')
  })

describe('import never throws unhandled', () => {
  it(`random bytes (${IMPORT_RUNS.bytes} cases) end in a Dataset or an ImportError`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 0, maxLength: 2000 }), async (bytes) =>
        checkOutcome(await importBytes(bytes)),
      ),
      { numRuns: IMPORT_RUNS.bytes, seed: 8 },
    )
  })

  it(`random CSV-like text (${IMPORT_RUNS.csv} cases) ends in a Dataset or an ImportError`, async () => {
    await fc.assert(
      fc.asyncProperty(csvText, async (text) => checkOutcome(await importBytes(text))),
      { numRuns: IMPORT_RUNS.csv, seed: 8 },
    )
  })

  it.each([
    ['empty file', ''],
    ['only a BOM', '\uFEFF'],
    ['only newlines', '\n\n\r\n'],
    ['a header without rows', 'a,b,c\n'],
    ['an unterminated quote', 'a,b\n1,"2\n3,4\n'],
    ['NUL bytes', 'a,b\n\u0000\u0000,1\n'],
    ['one huge field', `x\n${'9'.repeat(100_000)}\n`],
    [
      'ten thousand columns',
      `${Array.from({ length: 10_000 }, (_, i) => `c${i}`).join(',')}\n${'1,'.repeat(9_999)}1\n`,
    ],
    ['UTF-16 text', Buffer.from('\uFEFFx,y\n1,2\n', 'utf16le')],
  ])('%s', async (_what, content) => checkOutcome(await importBytes(content)))
})
