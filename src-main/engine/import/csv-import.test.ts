import { execFileSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { ImportSettings, Progress } from '../../../src-shared/contract'
import { CancelledError, ImportError } from '../errors'
import { openFileSource, type ByteSource } from './byte-source'
import { DEFAULT_MISSING_TOKENS } from './number-parse'
import { importCsv, type ImportOptions } from './csv-import'

const fixture = (name: string) => join(__dirname, 'fixtures', name)
const temp = mkdtempSync(join(tmpdir(), 'mle-import-test-'))
afterAll(() => rmSync(temp, { recursive: true, force: true }))

async function importError(path: string, options: ImportOptions = {}): Promise<Error> {
  try {
    await importCsv(path, options)
  } catch (e) {
    return e as Error
  }
  throw new Error(`importing ${path} did not fail`)
}

describe('bad input gets a clear ImportError', () => {
  it.each([
    ['empty.csv', {}, /^empty\.csv is empty \(0 bytes\): there is nothing to import\.$/],
    ['blank-lines.csv', {}, /has no rows: it contains only blank lines/],
    [
      'header-only.csv',
      {},
      /header-only\.csv has a header row \("height", "weight", "age"\) but no data rows below it\./,
    ],
    ['image.csv', {}, /image\.csv is not a text CSV file: it looks like a PNG image\./],
    ['binary.csv', {}, /not a text CSV file: it contains binary data \(NUL bytes, first at byte \d+\)/],
    [
      'unterminated-quote.csv',
      {},
      /quoted field that is never closed: it starts in data row 3 \(it begins "3,never closed,4\.5"\)/,
    ],
    ['malformed-quote.csv', {}, /never closed: it starts in data row 2 \(it begins "2,bob" jr,2\.5"\)/],
    [
      'too-big.csv',
      { memoryLimitBytes: 2000 },
      /too-big\.csv is too big to import: it is 4\.\d KB, about \d+ rows × 2 columns, which needs about \d+\.\d KB of memory; the limit is 2\.0 KB\./,
    ],
  ] satisfies [string, ImportOptions, RegExp][])('%s', async (name, options, message) => {
    const error = await importError(fixture(name), options)
    expect(error).toBeInstanceOf(ImportError)
    expect(error.message).toMatch(message)
  })

  it('finds an unclosed quote that starts in a later chunk', async () => {
    const error = await importError(fixture('unterminated-quote.csv'), { chunkBytes: 16 })
    expect(error.message).toMatch(/never closed: it starts in data row 3 /)
  })

  it('refuses a single line longer than 10 MB, saying which row', async () => {
    const path = join(temp, 'long-line.csv')
    writeFileSync(path, `a,b\n1,2\n3,${'7'.repeat(10.5 * 2 ** 20)}\n5,6\n`)
    const error = await importError(path)
    expect(error).toBeInstanceOf(ImportError)
    expect(error.message).toMatch(
      /^Data row 2 of long-line\.csv is longer than 10\.0 MB \(the limit for one row\)/,
    )
  })

  it('refuses a quoted field that runs on past the row limit, saying where it starts', async () => {
    const path = join(temp, 'runaway-quote.csv')
    writeFileSync(path, `a,b\n1,2\n3,"${'x,y\n'.repeat(5000)}`)
    const error = await importError(path, { maxRowBytes: 4096, chunkBytes: 1024 })
    expect(error.message).toMatch(/quoted field that is not closed within 4\.0 KB: it starts in data row 2 /)
  })

  it('refuses a file that does not exist', async () => {
    const error = await importError(join(temp, 'nowhere.csv'))
    expect(error.message).toBe(
      'Cannot open nowhere.csv: the file does not exist (it may have been moved or deleted).',
    )
  })

  it('refuses a folder and a named pipe before reading', async () => {
    const dir = join(temp, 'folder.csv')
    mkdirSync(dir, { recursive: true })
    expect((await importError(dir)).message).toMatch(/folder\.csv is not a regular file \(it is a folder\)/)
    const fifo = join(temp, 'pipe.csv')
    execFileSync('mkfifo', [fifo])
    expect((await importError(fifo)).message).toMatch(/pipe\.csv is not a regular file/)
  })

  it('reports a file that is cut short while it is read', async () => {
    const path = join(temp, 'vanishing.csv')
    copyFileSync(fixture('vanishing.csv'), path)
    let reads = 0
    const error = await importError(path, {
      chunkBytes: 4096,
      open: async (p) => {
        const source = await openFileSource(p)
        return {
          read: (buffer, position) => {
            // Another program truncates the file after the detection read and two chunks.
            if (++reads === 4) truncateSync(p, 5000)
            return source.read(buffer, position)
          },
          close: () => source.close(),
        }
      },
    })
    expect(error).toBeInstanceOf(ImportError)
    expect(error.message).toMatch(
      /^vanishing\.csv became shorter while it was being read: it was 2\d\d\.\d KB but ends after 8\.0 KB\./,
    )
  })

  it('reports a read error in the middle of the file with how far it got', async () => {
    let reads = 0
    const error = await importError(fixture('vanishing.csv'), {
      chunkBytes: 8192,
      open: async (p) => {
        const source = await openFileSource(p)
        return {
          read: (buffer, position) => {
            if (++reads === 5) {
              const e = new Error('EIO: i/o error, read') as NodeJS.ErrnoException
              e.code = 'EIO'
              return Promise.reject(e)
            }
            return source.read(buffer, position)
          },
          close: () => source.close(),
        }
      },
    })
    expect(error.message).toMatch(
      /^Reading vanishing\.csv failed after 24\.0 KB of 2\d\d\.\d KB: EIO: i\/o error, read\. The file may have been moved/,
    )
  })
})

describe('detection', () => {
  it.each([
    ['lf.csv', ',', 'point', true, 'utf-8', 'LF'],
    ['crlf.csv', ',', 'point', true, 'utf-8', 'CRLF'],
    ['cr.csv', ',', 'point', true, 'utf-8', 'CR'],
    ['pipe.csv', '|', 'point', true, 'utf-8', 'LF'],
    ['tab.csv', '\t', 'point', true, 'utf-8', 'LF'],
    ['no-header.csv', ',', 'point', false, 'utf-8', 'LF'],
    ['decimal-comma-semicolon.csv', ';', 'comma', true, 'utf-8', 'LF'],
    ['thousands-point.csv', '\t', 'point', true, 'utf-8', 'LF'],
    ['thousands-space-comma.csv', ';', 'comma', true, 'utf-8', 'LF'],
    ['thousands-point-comma.csv', ';', 'comma', true, 'utf-8', 'LF'],
    ['utf8.csv', ',', 'point', true, 'utf-8', 'LF'],
    ['utf8-bom.csv', ',', 'point', true, 'utf-8', 'LF'],
    ['utf16le-bom.csv', ',', 'point', true, 'utf-16le', 'LF'],
    ['utf16be-bom.csv', ',', 'point', true, 'utf-16be', 'LF'],
    ['windows-1252.csv', ',', 'point', true, 'windows-1252', 'LF'],
  ])('%s: delimiter %j, decimal %s, header %s, %s, %s', async (name, ...expected) => {
    const { info } = await importCsv(fixture(name))
    const d = info.detected
    expect([d.delimiter, d.decimal, d.header, d.encoding, d.lineEnding]).toEqual(expected)
    expect(info.settings).toMatchObject({
      delimiter: d.delimiter,
      decimal: d.decimal,
      header: d.header,
      encoding: d.encoding,
    })
  })

  it.each(['lf.csv', 'crlf.csv', 'cr.csv', 'pipe.csv', 'decimal-comma-semicolon.csv'])(
    '%s reads the same in chunks of 16 bytes',
    async (name) => {
      const whole = await importCsv(fixture(name))
      const chunked = await importCsv(fixture(name), { chunkBytes: 16 })
      expect(chunked.columns).toEqual(whole.columns)
    },
  )

  it.each([
    ['lf.csv', [1, 3], [2, 4]],
    ['crlf.csv', [1, 3], [2, 4]],
    ['cr.csv', [1, 3], [2, 4]],
    ['decimal-comma-semicolon.csv', [1.5, 3.75, -0.5], [2.25, 4, 6.125]],
    ['thousands-point.csv', [1, 2, 3, 4], [1234.5, 12345678.25, 999.5, -2000]],
    ['thousands-space-comma.csv', [1, 2, 3, 4], [1234.5, 12345678.25, 999.5, -2000]],
    ['thousands-point-comma.csv', [1, 2, 3, 4], [1234.5, 12345678.25, 999.5, -2000]],
  ])('%s values', async (name, first, second) => {
    const { columns } = await importCsv(fixture(name))
    expect(Array.from(columns[0].values)).toEqual(first)
    expect(Array.from(columns[1].values)).toEqual(second)
  })

  it.each(['utf8.csv', 'utf8-bom.csv', 'utf16le-bom.csv', 'utf16be-bom.csv', 'windows-1252.csv'])(
    '%s decodes names and text',
    async (name) => {
      const { info } = await importCsv(fixture(name))
      expect(info.columns.map((c) => c.name)).toEqual(['name', 'value'])
      expect(info.preview.map((r) => r[0])).toEqual(['café', 'naïve', '€uro'])
    },
  )

  it('uses the overrides and still reports what it detected', async () => {
    const settings: ImportSettings = { delimiter: ',', decimal: 'point', header: false }
    const { info, columns } = await importCsv(fixture('decimal-comma-semicolon.csv'), { settings })
    expect(info.detected).toMatchObject({ delimiter: ';', decimal: 'comma', header: true })
    expect(info.settings).toMatchObject(settings)
    expect(info.rows).toBe(4)
    expect(info.columns.map((c) => c.name)).toEqual(['column 1', 'column 2', 'column 3'])
    expect(info.preview[1]).toEqual(['1', '5;2', '25'])
    // Column 1 holds 'x;y' and three numbers: too much text to be numeric at 80%.
    expect(info.columns[0].type).toBe('text')
    expect(Array.from(columns[2].values)).toEqual([NaN, 25, NaN, 125])
  })

  it('reads a Windows-1252 file as UTF-8 when told to (replacement characters, no error)', async () => {
    const { info } = await importCsv(fixture('windows-1252.csv'), { settings: { encoding: 'utf-8' } })
    expect(info.settings.encoding).toBe('utf-8')
    expect(info.detected.encoding).toBe('windows-1252')
    expect(info.preview[0][0]).toBe('caf\ufffd')
    expect(info.warnings).toContain(
      '3 characters in the first rows could not be read as utf-8 (shown as \ufffd): the file may use another encoding; choose it in the import settings.',
    )
  })
})

describe('content', () => {
  it('reads RFC 4180 quoting: delimiters, doubled quotes and line breaks inside fields', async () => {
    for (const chunkBytes of [undefined, 7]) {
      const { info, columns } = await importCsv(fixture('quoted.csv'), { chunkBytes })
      expect(info.rows).toBe(4)
      expect(info.preview.map((r) => r[1])).toEqual(['a, b', 'she said "hi"', 'line one\nline two', 'plain'])
      expect(Array.from(columns[2].values)).toEqual([1.5, 2.5, 3.5, 4.5])
    }
  })

  it('reads every default missing token as missing', async () => {
    const { info, columns } = await importCsv(fixture('missing-tokens.csv'))
    // The blank line is skipped (as R and pandas do); the ten tokens are missing cells.
    expect(info.columns[0]).toMatchObject({ type: 'integer', count: 3, missing: 9, nonNumeric: 0 })
    expect(info.settings.missingTokens).toContain('#N/A')
    expect(Array.from(columns[0].values).filter((v) => !Number.isNaN(v))).toEqual([1, 2, -999])
  })

  it('takes missing tokens from the settings, numbers included', async () => {
    const { info, columns } = await importCsv(fixture('missing-tokens.csv'), {
      settings: { missingTokens: [...DEFAULT_MISSING_TOKENS, '-999'] },
    })
    expect(info.columns[0]).toMatchObject({ type: 'integer', count: 2, missing: 10, nonNumeric: 0 })
    const fewer = await importCsv(fixture('missing-tokens.csv'), {
      settings: { missingTokens: ['NA', '-999'] },
    })
    // Without the other tokens, N/A, #N/A, NaN, null, NULL, -, ? and . are text: 8 of 10 cells.
    expect(fewer.info.columns[0]).toMatchObject({ type: 'text', missing: 2, nonNumeric: 10 })
    expect(Array.from(columns[0].values).filter((v) => !Number.isNaN(v))).toEqual([1, 2])
  })

  it('types every column from the whole column', async () => {
    const { info, columns } = await importCsv(fixture('types.csv'))
    const byName = Object.fromEntries(info.columns.map((c) => [c.name, c]))
    expect(info.columns.map((c) => [c.name, c.type, c.numeric])).toEqual([
      ['int', 'integer', true],
      ['real', 'real', true],
      ['flag', 'boolean', true],
      ['yesno', 'boolean', true],
      ['when', 'date', false],
      ['stamp', 'date', false],
      ['label', 'text', false],
      ['blank', 'empty', false],
      ['mostly', 'real', true],
    ])
    expect(Array.from(columns[3].values)).toEqual([1, 0, 1, 0, 1, 0, 1, 0, 1, 0])
    expect(columns[4].values.every((v) => Number.isNaN(v))).toBe(true)
    expect(byName.blank).toMatchObject({ count: 0, missing: 10 })
    // "n/a" is a missing token (as in spreadsheets); "oops" is stray text.
    expect(byName.mostly).toMatchObject({
      count: 8,
      missing: 1,
      nonNumeric: 1,
      nonNumericExamples: [{ row: 3, value: 'oops' }],
    })
    expect(Number.isNaN(columns[8].values[2])).toBe(true)
    expect(info.warnings).toContain(
      'Column "mostly" is real but 1 cell is not; excluded as missing (row 3: "oops").',
    )
  })

  it('reads a column with too much text as text and says why', async () => {
    const path = join(temp, 'half.csv')
    writeFileSync(path, 'v\n1\n2\n3\nx\ny\n')
    const { info } = await importCsv(path)
    expect(info.columns[0].type).toBe('text')
    expect(info.warnings[0]).toMatch(/^Column "v" was read as text: 3 of 5 cells are numbers/)
  })

  it('reads numbers a spreadsheet exported formatted (percent, currency, parentheses) and says how', async () => {
    const path = join(temp, 'formatted.csv')
    writeFileSync(path, 'rate,amount,net\n5%,"$1,200.50",2\n12.5%,$980,(1.5)\n0.1%,"$1,050",3\n')
    const { info, columns } = await importCsv(path)
    expect(info.columns.map((c) => c.type)).toEqual(['real', 'real', 'real'])
    expect(Array.from(columns[0].values)).toEqual([0.05, 0.125, 0.001])
    expect(Array.from(columns[1].values)).toEqual([1200.5, 980, 1050])
    expect(Array.from(columns[2].values)).toEqual([2, -1.5, 3])
    expect(info.warnings).toEqual([
      'Column "rate": 3 cells written as percentages (row 1: "5%") were read as fractions (0.05).',
      'Column "amount": 3 cells written with a currency sign (row 1: "$1,200.50") were read as plain amounts (1200.5).',
      'Column "net": 1 cell written in parentheses (row 2: "(1.5)") was read as negative numbers (-1.5).',
    ])
  })

  it.each([
    ['sep=;\nx;y\n1,5;2\n2,5;3\n', ';', [1.5, 2.5]],
    ['\ufeffsep=,\r\nx,y\r\n1,2\r\n"3",4\r\n', ',', [1, 3]],
    ['SEP=|\nx|y\n7|8\n', '|', [7]],
  ])("takes Excel's delimiter hint in %j and skips its line", async (text, delimiter, xs) => {
    const path = join(temp, 'hint.csv')
    writeFileSync(path, text)
    const { info, columns } = await importCsv(path)
    expect(info.settings.delimiter).toBe(delimiter)
    expect(info.detected.delimiter).toBe(delimiter)
    expect(info.columns.map((c) => c.name)).toEqual(['x', 'y'])
    expect(Array.from(columns[0].values)).toEqual(xs)
    expect(info.warnings).toEqual([])
  })

  it("lets the user's delimiter win over the hint line", async () => {
    const path = join(temp, 'hint-user.csv')
    writeFileSync(path, 'sep=;\nx,y\n1,2\n')
    const { info } = await importCsv(path, { settings: { delimiter: ',' } })
    expect(info.settings.delimiter).toBe(',')
    expect(info.columns.map((c) => c.name)).toEqual(['x', 'y'])
  })

  it('makes duplicate and empty header names unique and says which', async () => {
    const { info } = await importCsv(fixture('duplicate-headers.csv'))
    expect(info.columns.map((c) => c.name)).toEqual(['x', 'x_2', 'column 3', 'y', 'x_3'])
    expect(info.warnings).toEqual([
      'The header has 1 empty name; named "column 3".',
      'The header repeats names; renamed: "x" in column 2 became "x_2"; "x" in column 5 became "x_3".',
    ])
  })

  it('pads short rows, ignores extra fields and lists the ragged rows', async () => {
    const { info, columns } = await importCsv(fixture('ragged.csv'))
    expect(info.rows).toBe(6)
    expect(Array.from(columns[2].values)).toEqual([3, NaN, 8, 11, 15, NaN])
    expect(info.warnings).toEqual([
      '3 row(s) do not have 3 fields like the header (row 2 has 2, row 4 has 4, row 6 has 1); 2 short row(s) were padded with missing values and the extra fields of 1 long row(s) were ignored. If the delimiter is wrong, choose another one.',
    ])
  })

  it('keeps the first 100 rows as text for the preview', async () => {
    const { info } = await importCsv(fixture('preview.csv'))
    expect(info.rows).toBe(150)
    expect(info.preview).toHaveLength(100)
    expect(info.preview[0]).toEqual(['1', '1'])
    expect(info.preview[99]).toEqual(['100', '10000'])
  })

  it('reads 1,200 columns', async () => {
    const path = join(temp, 'wide.csv')
    const cols = 1200
    const header = Array.from({ length: cols }, (_, c) => `v${c}`).join(',')
    const rows = Array.from({ length: 50 }, (_, r) =>
      Array.from({ length: cols }, (_, c) => String(r * cols + c)).join(','),
    )
    writeFileSync(path, `${header}\n${rows.join('\n')}\n`)
    const { info, columns } = await importCsv(path)
    expect(info.columns).toHaveLength(cols)
    expect(info.rows).toBe(50)
    expect(info.columns[1199].name).toBe('v1199')
    expect(columns[1199].values[49]).toBe(49 * cols + 1199)
  })
})

describe('streaming', () => {
  const big = join(temp, 'big.csv')
  const bigRows = 300_000
  const makeBig = () => {
    const line = (i: number) => `${i},${(i * 0.37).toFixed(3)},${i % 7},-${i % 1000}.5\n`
    let text = 'a,b,c,d\n'
    for (let i = 0; i < bigRows; i++) text += line(i)
    writeFileSync(big, text)
  }

  it('reports progress about 10 times a second with bytes and rows, ending at 100%', async () => {
    makeBig()
    const events: Progress[] = []
    const { info } = await importCsv(big, {
      chunkBytes: 64 * 1024,
      onProgress: (p) => events.push(p),
    })
    expect(info.rows).toBe(bigRows)
    const last = events[events.length - 1]
    expect(last).toMatchObject({ task: 'import', fraction: 1, rows: bigRows, bytesRead: info.bytes })
    expect(last.message).toMatch(/^\d+\.\d MB of \d+\.\d MB, 300,000 rows$/)
    for (let i = 1; i < events.length; i++) {
      expect(events[i].bytesRead ?? 0).toBeGreaterThanOrEqual(events[i - 1].bytesRead ?? 0)
    }
    // At most one event per 100 ms (plus the final one).
    expect(events.length).toBeLessThanOrEqual(2 + (info.seconds * 1000) / 100)
  })

  // Counted in reads, not milliseconds: how fast a chunk is read depends on the machine's load.
  it('stops at the next chunk once cancelled, reading nothing more', async () => {
    makeBig()
    let cancelled = false
    let readsAfterCancel = 0
    const open = async (p: string): Promise<ByteSource> => {
      const source = await openFileSource(p)
      return {
        async read(buffer, position) {
          if (cancelled) readsAfterCancel++
          const n = await source.read(buffer, position)
          // The user cancels while the second megabyte is being read.
          if (position > 1 << 20) cancelled = true
          return n
        },
        close: () => source.close(),
      }
    }
    const error = await importCsv(big, { chunkBytes: 256 * 1024, isCancelled: () => cancelled, open }).catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(CancelledError)
    expect(cancelled).toBe(true)
    expect(readsAfterCancel).toBe(0)
  })
})
