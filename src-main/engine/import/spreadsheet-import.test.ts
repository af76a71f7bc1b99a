import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as XLSX from '@e965/xlsx'
import { describe, expect, it } from 'vitest'
import { CancelledError, ImportError } from '../errors'
import { importCsv } from './csv-import'
import { importFile } from './import-file'

const DIR = join(__dirname, 'fixtures/spreadsheets')
const fixture = (name: string) => join(DIR, name)
const WORKBOOKS = ['survey.xlsx', 'survey.ods', 'survey.xls'] as const

/** Writes an OLE compound file with the given streams (how encrypted .xlsx and old Office files are stored). */
function compoundFile(name: string, streams: Record<string, Uint8Array>): string {
  const cfb = XLSX.CFB.utils.cfb_new()
  for (const [stream, data] of Object.entries(streams)) XLSX.CFB.utils.cfb_add(cfb, `/${stream}`, data)
  const path = join(mkdtempSync(join(tmpdir(), 'mle-cfb-')), name)
  writeFileSync(path, XLSX.CFB.write(cfb, { type: 'buffer' }) as Uint8Array)
  return path
}

/** Rows 14 and 24 of the Eruptions sheet hold #DIV/0! and #VALUE! (data rows 10 and 20). */
const ERROR_ROWS = [14, 24]

describe.each(WORKBOOKS)('%s (written by the fixture script)', (name) => {
  it('reads the first sheet with a numeric column, skips the titles above the header and lists every sheet', async () => {
    const { info } = await importFile(fixture(name))
    expect(info.format).toBe(name.split('.')[1])
    expect(info.sheet).toBe('Eruptions')
    expect(info.detected.sheet).toBe('Eruptions')
    expect(info.sheets).toEqual([
      { name: 'Notes', rows: 2, columns: 2 },
      { name: 'Eruptions', rows: 276, columns: 7 },
      { name: 'Other', rows: 4, columns: 2 },
    ])
    expect(info.settings.headerRow).toBe(4)
    expect(info.detected.headerRow).toBe(4)
    expect(info.rows).toBe(272)
    expect(info.columns.map((c) => [c.name, c.type])).toEqual([
      ['eruptions', 'real'],
      ['waiting', 'integer'],
      ['date', 'date'],
      ['Score', 'real'],
      ['Score_2', 'real'],
      ['check', 'real'],
      ['flag', 'boolean'],
    ])
    expect(info.warnings.join('\n')).toMatch(
      /2 rows above the header \(row 4\) were skipped as titles \(row 1: "Old Faithful eruptions"/,
    )
    expect(info.warnings.join('\n')).toMatch(/"Score" in column 5 became "Score_2"/)
  })

  it('reads the same numbers as the CSV file, formulas by their cached values', async () => {
    const sheet = await importFile(fixture(name))
    const csv = await importCsv(fixture('faithful.csv'))
    const column = (d: typeof sheet, n: string) => d.columns.find((c) => c.info.name === n)!.values
    expect(Array.from(column(sheet, 'eruptions'))).toEqual(Array.from(column(csv, 'eruptions')))
    expect(Array.from(column(sheet, 'waiting'))).toEqual(Array.from(column(csv, 'waiting')))
    const score = column(sheet, 'Score')
    const doubled = column(sheet, 'Score_2')
    const check = column(sheet, 'check')
    const eruptions = column(csv, 'eruptions')
    const waiting = column(csv, 'waiting')
    for (let i = 0; i < score.length; i++) {
      if (Number.isNaN(score[i])) expect(doubled[i]).toBeNaN()
      else expect(doubled[i]).toBeCloseTo(2 * score[i], 9)
      if (i === 9 || i === 19) expect(check[i]).toBeNaN()
      else expect(check[i]).toBe(eruptions[i] / waiting[i])
    }
  })

  it('counts n/a, - and #N/A as missing and reports error cells by their spreadsheet row', async () => {
    const { info } = await importFile(fixture(name))
    const score = info.columns.find((c) => c.name === 'Score')!
    expect([score.missing, score.nonNumeric, score.count]).toEqual([3, 0, 269])
    const check = info.columns.find((c) => c.name === 'check')!
    expect(check.nonNumericExamples).toEqual([
      { row: ERROR_ROWS[0], value: '#DIV/0!' },
      { row: ERROR_ROWS[1], value: '#VALUE!' },
    ])
    expect(info.warnings).toContain(
      'Column "check" is real but 2 cells are not; excluded as missing (row 14: "#DIV/0!", row 24: "#VALUE!").',
    )
  })

  it('types dates (with a time of day where there is one) and booleans as 0/1, previews the cells as text', async () => {
    const dataset = await importFile(fixture(name))
    const { info } = dataset
    expect(info.columns.find((c) => c.name === 'date')).toMatchObject({
      type: 'date',
      count: 272,
      numeric: false,
    })
    expect(info.preview.length).toBe(100)
    expect(info.preview[0].slice(0, 3)).toEqual(['3.6', '79', '2024-01-01 08:15:00'])
    expect(info.preview[1][2]).toBe('2024-01-02')
    expect(info.preview[0][6]).toBe('TRUE')
    const flag = dataset.columns.find((c) => c.info.name === 'flag')!.values
    expect(Array.from(flag.slice(0, 4))).toEqual([1, 0, 0, 1])
  })

  it('reads the sheet the settings name, and refuses an unknown one listing the sheets', async () => {
    const { info } = await importFile(fixture(name), { settings: { sheet: 'Other' } })
    expect(info.sheet).toBe('Other')
    expect(info.detected.sheet).toBeUndefined()
    expect(info.columns.map((c) => [c.name, c.type])).toEqual([
      ['x', 'integer'],
      ['y', 'real'],
    ])
    await expect(importFile(fixture(name), { settings: { sheet: 'Nope' } })).rejects.toThrow(
      `${name} has no sheet "Nope"; its sheets are "Notes", "Eruptions", "Other".`,
    )
  })

  it('takes the header row the user gives (0 = none) instead of the detected one', async () => {
    const none = await importFile(fixture(name), { settings: { headerRow: 0 } })
    expect(none.info.settings.headerRow).toBe(0)
    expect(none.info.detected.headerRow).toBe(4)
    expect(none.info.rows).toBe(275)
    expect(none.info.columns[0].name).toBe('column A')
    const second = await importFile(fixture(name), { settings: { headerRow: 2 } })
    expect(second.info.columns[0].name).toBe('Yellowstone National Park, from R datasets::faithful')
    expect(second.info.rows).toBe(273)
  })
})

describe('bad workbooks: a clear message each', () => {
  const refused = async (file: string, options = {}) => {
    const e = (await importFile(file, options).then(
      () => null,
      (err: unknown) => err,
    )) as Error
    expect(e).toBeInstanceOf(ImportError)
    return e.message
  }

  it('a workbook without sheets, and one whose sheets are all empty', async () => {
    expect(await refused(fixture('no-sheets.xlsx'))).toBe(
      'no-sheets.xlsx has no sheets: there is nothing to import.',
    )
    expect(await refused(fixture('empty-sheets.xlsx'))).toBe(
      'empty-sheets.xlsx has no data: its sheets "First", "Second" are all empty.',
    )
    expect(await refused(fixture('empty-sheets.xlsx'), { settings: { sheet: 'Second' } })).toBe(
      'Sheet "Second" of empty-sheets.xlsx is empty: there is nothing to import.',
    )
  })

  it('a sheet wider than a spreadsheet can be (xlsx column ZZZZ, ods a cell repeated a million times)', async () => {
    expect(await refused(fixture('too-wide.xlsx'))).toMatch(
      /^Sheet "Wide" of too-wide.xlsx uses column 475,254 \(ZZZZ\): more than the 16,384 columns/,
    )
    expect(await refused(fixture('too-wide.ods'))).toMatch(
      /^Sheet "Wide" of too-wide.ods uses column 16,385 /,
    )
  })

  it('a zip bomb, a workbook over the unzipped-size cap and a huge shared-strings table', async () => {
    expect(await refused(fixture('bomb.xlsx'))).toMatch(
      /^bomb.xlsx looks like a zip bomb: its part xl\/worksheets\/sheet1.xml unzips from/,
    )
    expect(await refused(fixture('survey.xlsx'), { maxUnzippedBytes: 10_000 })).toMatch(
      /^survey.xlsx unzips to .* more than the 9.8 KB MLE Studio reads from a workbook/,
    )
    expect(await refused(fixture('shared-strings.xlsx'), { maxSharedStrings: 1000 })).toMatch(
      /^shared-strings.xlsx has a huge shared-strings table \(more than 1,000 distinct texts\)/,
    )
    expect(await refused(fixture('shared-strings.xlsx'), { maxSharedStringsBytes: 1000 })).toMatch(
      /has a huge shared-strings table \(\d+\.\d KB of text\)/,
    )
    const { info } = await importFile(fixture('shared-strings.xlsx'))
    expect(info.rows).toBe(2000)
    expect(info.preview[1999 % 100]).toBeDefined()
  })

  it('a macro-enabled workbook: the data are read, the macros only mentioned', async () => {
    const { info } = await importFile(fixture('macros.xlsm'))
    expect(info.columns.map((c) => c.name)).toEqual(['x'])
    expect(info.rows).toBe(2)
    expect(info.warnings[0]).toBe(
      'macros.xlsm contains macros (VBA); they were not run: only the stored cell values were read.',
    )
  })

  it('a truncated zip, a CSV renamed .xlsx, an encrypted workbook and an Office file that is not a workbook', async () => {
    expect(await refused(fixture('truncated.xlsx'))).toMatch(
      /^truncated.xlsx is not a readable workbook: its zip archive is damaged or incomplete/,
    )
    expect(await refused(fixture('renamed-csv.xlsx'))).toBe(
      'renamed-csv.xlsx is named .xlsx but is not a spreadsheet: it holds plain text (a CSV file renamed?). Rename it to .csv and open it again.',
    )
    const junk = new Uint8Array(5000).fill(7)
    const encrypted = compoundFile('encrypted.xlsx', { EncryptionInfo: junk, EncryptedPackage: junk })
    expect(await refused(encrypted)).toMatch(/^encrypted.xlsx is password-protected/)
    const word = compoundFile('word.doc', { WordDocument: junk })
    expect(await refused(word)).toMatch(/^word.doc is an Office compound file but not an Excel workbook/)
  })

  it('formulas a writer never calculated read as empty, and a note says so and what to do', async () => {
    const { info } = await importFile(fixture('uncalculated.xlsx'))
    expect(info.columns.map((c) => [c.name, c.type, c.count])).toEqual([
      ['x', 'integer', 4],
      ['y', 'empty', 0],
    ])
    expect(info.warnings).toContain(
      'Sheet "Data": 4 formula cells (the first is B2) have no stored result, so they read as empty: the program that wrote uncalculated.xlsx did not calculate its formulas. Open it in a spreadsheet program, save it, and import it again.',
    )
    // Formulas with their stored results (Score_2, check) give no such note.
    expect((await importFile(fixture('survey.xlsx'))).info.warnings.join(' ')).not.toMatch(/stored result/)
  })

  it('ODS formulas without a stored value are counted the same way (one wording for both formats)', async () => {
    const { info } = await importFile(fixture('uncalculated.ods'))
    expect(info.columns.map((c) => [c.name, c.type, c.count])).toEqual([
      ['x', 'integer', 4],
      ['y', 'empty', 0],
    ])
    expect(info.warnings).toContain(
      'Sheet "Data": 4 formula cells (the first is B2) have no stored result, so they read as empty: the program that wrote uncalculated.ods did not calculate its formulas. Open it in a spreadsheet program, save it, and import it again.',
    )
    expect((await importFile(fixture('survey.ods'))).info.warnings.join(' ')).not.toMatch(/stored result/)
  })

  it('a workbook under another extension is read by its content, with a note', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mle-sheets-'))
    copyFileSync(fixture('survey.xlsx'), join(dir, 'survey.csv'))
    const { info } = await importFile(join(dir, 'survey.csv'))
    expect(info.format).toBe('xlsx')
    expect(info.warnings[0]).toBe('survey.csv is named .csv but is a xlsx workbook; it was read as one.')
  })

  it('cancels between chunks and reports progress', async () => {
    await expect(importFile(fixture('survey.ods'), { isCancelled: () => true })).rejects.toBeInstanceOf(
      CancelledError,
    )
    const seen: number[] = []
    await importFile(fixture('survey.xlsx'), { onProgress: (p) => seen.push(p.rows ?? -1) })
    expect(seen.at(-1)).toBe(272)
  })
})

describe.each(['totals.xlsx', 'totals.ods', 'totals.xls'])('totals rows under the data (%s)', (name) => {
  const AMOUNTS = [12.5, 7.25, 30, 18.75, 4.5, 22, 9.75, 15.5, 26.25, 11]

  it('rows of sums (an xlsx shared formula filled right) and standard deviations are left out, with a note', async () => {
    const dataset = await importFile(fixture(name))
    const { info } = dataset
    // Rows 2-11 and row 14 ("Note": a plain 5 beside a sum is data); rows 12 and 13 hold totals.
    expect(info.rows).toBe(11)
    // The fixture's xlsx and ods write stdev in lower case; xlwt (xls) only in upper case.
    const stdev = name.endsWith('.xls') ? 'STDEV' : 'stdev'
    expect(info.warnings).toContain(
      `2 rows hold totals and were left out: row 12 (=SUM(B2:B11)), row 13 (=${stdev}(B2:B11)).`,
    )
    const amount = dataset.columns.find((c) => c.info.name === 'amount')!.values
    expect(Array.from(amount)).toEqual([...AMOUNTS, 5])
    // The per-row formula (=B*2) stays data.
    const double = dataset.columns.find((c) => c.info.name === 'double')!.values
    expect(Array.from(double.slice(0, 10))).toEqual(AMOUNTS.map((a) => a * 2))
    expect(info.preview.map((line) => line[0])).not.toContain('Total')
  })
})

describe('an Excel table with a totals row (totalsRowCount)', () => {
  it('leaves the totals row out, naming the table and its formula', async () => {
    const dataset = await importFile(fixture('totals.xlsx'), { settings: { sheet: 'Scores' } })
    expect(dataset.info.rows).toBe(5)
    expect(Array.from(dataset.columns[0].values)).toEqual([1, 2, 3, 4, 5])
    expect(dataset.info.warnings).toEqual([
      'Row 7 holds totals (the totals row of table "Scores", =SUBTOTAL(109,Scores[x])) and was left out.',
    ])
  })
})

describe('columns of aggregates that are data, with real totals under them (running-totals.xlsx)', () => {
  const column = (d: Awaited<ReturnType<typeof importFile>>, name: string) =>
    Array.from(d.columns.find((c) => c.info.name === name)!.values)

  it('running totals (=SUM(B$2:B4) filled down) stay data; the total after a blank row is left out', async () => {
    const d = await importFile(fixture('running-totals.xlsx'), { settings: { sheet: 'Running' } })
    expect(column(d, 'cumulative')).toEqual([5, 5, 10, 20, 40, 80, 160, 320])
    expect(d.info.warnings).toContain('Row 11 holds totals (=SUM(B2:B9)) and was left out.')
  })

  it('Fibonacci-like sums of the two rows above stay data; the total right under them is left out', async () => {
    const d = await importFile(fixture('running-totals.xlsx'), { settings: { sheet: 'Fibonacci' } })
    expect(column(d, 'value')).toEqual([1, 1, 2, 3, 5, 8, 13, 21, 34, 55])
    expect(d.info.warnings).toContain('Row 12 holds totals (=SUM(B2:B11)) and was left out.')
  })
})
