import { describe, expect, it } from 'vitest'
import { IMPORT_ACTIONS, inCliWords } from './import-actions'
import { importFile } from './import-file'

describe('import actions in each front end’s words', () => {
  it('mle-fit names its flag where the app names its import settings', () => {
    expect(
      inCliWords(
        '2 rows above the header (row 4) were skipped; choose another header row in the import settings if that is wrong.',
      ),
    ).toBe(
      '2 rows above the header (row 4) were skipped; give the header row with --header-row N if that is wrong.',
    )
    expect(
      inCliWords(
        'Column "x" was read as text (...). Add those values to the missing tokens to make it numeric.',
      ),
    ).toBe('Column "x" was read as text (...). Add those values to --missing to make it numeric.')
    expect(
      inCliWords('a.csv has 20,000 columns. Check the delimiter in the import settings (a wrong one ...'),
    ).toMatch(/Check the delimiter \(--delimiter\) \(a wrong one/)
    expect(inCliWords('Nothing to do here.')).toBe('Nothing to do here.')
  })

  it('every action has words for both front ends, and they differ', () => {
    for (const action of Object.values(IMPORT_ACTIONS)) {
      expect(action.cli).not.toBe(action.app)
      expect(action.cli.length).toBeGreaterThan(0)
    }
  })

  it("the engine's notes carry the app's words (the title-row note of a spreadsheet)", async () => {
    const { info } = await importFile(`${__dirname}/fixtures/spreadsheets/survey.xlsx`)
    const note = info.warnings.find((w) => w.includes('skipped as title'))!
    expect(note).toContain(IMPORT_ACTIONS.headerRow.app)
    expect(inCliWords(note)).toContain(IMPORT_ACTIONS.headerRow.cli)
  })
})
