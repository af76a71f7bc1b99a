import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { mleFit } from '../../test/support/mle-fit-process'
import { parseCliArgs } from './cli-args'
import type { CliDocument } from './cli-output'

const ROOT = resolve(__dirname, '../..')
const FIXTURES = join(ROOT, 'src-main/engine/import/fixtures/spreadsheets')

describe('mle-fit on spreadsheets', { timeout: 300_000 }, () => {
  it('parses --sheet into the import settings', () => {
    const args = parseCliArgs(['book.xlsx', '--sheet', 'Data 2', '--column', 'x', '--dist', 'normal'])
    expect(args.settings).toEqual({ sheet: 'Data 2' })
  })

  it('fits a column of the default sheet: the same JSON contract, data naming the sheet, the same fit as from CSV', () => {
    const sheet = mleFit(
      join(FIXTURES, 'survey.xlsx'),
      '--column',
      'eruptions',
      '--dist',
      'normal,gamma',
      '--json',
    )
    const csv = mleFit(
      join(FIXTURES, 'faithful.csv'),
      '--column',
      'eruptions',
      '--dist',
      'normal,gamma',
      '--json',
    )
    expect(sheet.code).toBe(0)
    expect(csv.code).toBe(0)
    const a = JSON.parse(sheet.stdout) as CliDocument
    const b = JSON.parse(csv.stdout) as CliDocument
    expect(a.data).toEqual({ rows: 272, used: 272, missing: 0, nonNumeric: 0, sheet: 'Eruptions' })
    expect(b.data).toEqual({ rows: 272, used: 272, missing: 0, nonNumeric: 0 })
    expect(a.fits.map((f) => [f.dist, f.params, f.logLikelihood])).toEqual(
      b.fits.map((f) => [f.dist, f.params, f.logLikelihood]),
    )
  })

  it.each(['survey.ods', 'survey.xls'])('--sheet NAME reads that sheet of %s', (file) => {
    const r = mleFit(join(FIXTURES, file), '--sheet', 'Other', '--column', 'y', '--dist', 'normal', '--json')
    expect(r.code).toBe(0)
    const doc = JSON.parse(r.stdout) as CliDocument
    expect(doc.data).toEqual({ rows: 3, used: 3, missing: 0, nonNumeric: 0, sheet: 'Other' })
    expect(doc.fits[0].params.mu).toBeCloseTo(3.5, 12)
  })

  it('--header-row N takes the header from that row (rows above skipped); 0 = no header', () => {
    expect(
      parseCliArgs(['b.xlsx', '--header-row', '0', '--column', 'x', '--dist', 'normal']).settings,
    ).toEqual({
      headerRow: 0,
    })
    expect(() => parseCliArgs(['b.xlsx', '--header-row=-1', '--column', 'x', '--dist', 'normal'])).toThrow(
      /--header-row needs a whole number >= 0/,
    )
    // Row 2 of "Other" is (1, 2.5): read as the header, the data are the two rows below it.
    const r = mleFit(
      join(FIXTURES, 'survey.xlsx'),
      ...['--sheet', 'Other', '--header-row', '2', '--column', '2.5', '--dist', 'normal', '--json'],
    )
    // No error; the import's note on what it skipped goes to stderr, never into the JSON.
    expect(r.stderr).toBe(
      'mle-fit: note: One row above the header (row 2) was skipped as title (row 1: "x y"); give the header row with --header-row N if that is wrong.\n',
    )
    const doc = JSON.parse(r.stdout) as CliDocument
    expect(doc.data).toEqual({ rows: 2, used: 2, missing: 0, nonNumeric: 0, sheet: 'Other' })
    expect(doc.fits[0].params.mu).toBeCloseTo(4, 12)
  })

  it.each(['totals.xlsx', 'totals.ods'])(
    'a totals row of %s is not fitted; the note is on stderr',
    (file) => {
      const r = mleFit(join(FIXTURES, file), '--column', 'amount', '--dist', 'normal', '--json')
      expect(r.code).toBe(0)
      expect(r.stderr).toBe(
        'mle-fit: note: 2 rows hold totals and were left out: row 12 (=SUM(B2:B11)), row 13 (=stdev(B2:B11)).\n',
      )
      const doc = JSON.parse(r.stdout) as CliDocument
      expect(doc.data).toEqual({ rows: 11, used: 11, missing: 0, nonNumeric: 0, sheet: 'Sales' })
      // The ten amounts (sum 157.5) and the 5 of the "Note" row.
      expect(doc.fits[0].params.mu).toBeCloseTo(162.5 / 11, 12)
    },
  )

  it('the table output names the sheet', () => {
    const table = mleFit(
      join(FIXTURES, 'survey.xls'),
      '--sheet',
      'Other',
      '--column',
      'y',
      '--dist',
      'normal',
    )
    expect(table.stdout).toMatch(/^survey.xls, sheet "Other", column "y": 3 values used of 3 rows/)
  })

  it('an unknown sheet: exit 2 with a message listing the sheets', () => {
    const r = mleFit(join(FIXTURES, 'survey.xlsx'), '--sheet', 'Nope', '--column', 'x', '--dist', 'normal')
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr.trim()).toBe(
      'mle-fit: survey.xlsx has no sheet "Nope"; its sheets are "Notes", "Eruptions", "Other".',
    )
  })

  it('regression reads spreadsheets too, --sheet included', () => {
    const r = mleFit(
      join(FIXTURES, 'survey.xlsx'),
      '--sheet',
      'Other',
      '--model',
      'linear',
      '--response',
      'y',
      '--predictors',
      'x',
      '--json',
    )
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/"response": "y"/)
  })
})
