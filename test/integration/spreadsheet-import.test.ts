import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { StudioEvent } from '../../src-shared/contract'
import { nodeEngineFork } from '../../src-main/core/node-engine-fork'
import { StudioCore } from '../../src-main/core/studio-core'

/** Spreadsheets through the built engine (out/main/engine.js) in a real child process, as the app opens them. */
const ENGINE = join(__dirname, '../../out/main/engine.js')
const FIXTURES = join(__dirname, '../../src-main/engine/import/fixtures/spreadsheets')

const cores: StudioCore[] = []
beforeAll(() => {
  if (!existsSync(ENGINE)) throw new Error(`${ENGINE} is missing: run "npx electron-vite build" first.`)
})
afterEach(() => {
  for (const c of cores.splice(0)) c.dispose()
})

function makeCore() {
  const events: StudioEvent[] = []
  const core = new StudioCore({ fork: nodeEngineFork(ENGINE), emit: (e) => events.push(e) })
  cores.push(core)
  return { core, events }
}

describe('spreadsheets in the real engine process', () => {
  it('opens an xlsx, lists its sheets and fits a column exactly as from the same data in CSV', async () => {
    const { core } = makeCore()
    const fromCsv = await core.open(join(FIXTURES, 'faithful.csv'))
    expect(fromCsv.format).toBeUndefined()
    const csvFit = await core.handlers['model:fit']({ column: 'eruptions', dist: 'gamma' })

    const info = await core.open(join(FIXTURES, 'survey.xlsx'))
    expect(info.format).toBe('xlsx')
    expect(info.sheet).toBe('Eruptions')
    expect(info.sheets?.map((s) => `${s.name} ${s.rows}x${s.columns}`)).toEqual([
      'Notes 2x2',
      'Eruptions 276x7',
      'Other 4x2',
    ])
    const fit = await core.handlers['model:fit']({ column: 'eruptions', dist: 'gamma' })
    expect(fit.params).toEqual(csvFit.params)
    expect(fit.logLikelihood).toBe(csvFit.logLikelihood)
    expect(fit.converged).toBe(true)
  })

  it('re-imports another sheet by name; an unknown sheet is an ImportError listing the sheets, and the engine goes on', async () => {
    const { core } = makeCore()
    await core.open(join(FIXTURES, 'survey.ods'))
    const other = await core.handlers['dataset:reimport']({ sheet: 'Other' })
    expect(other.sheet).toBe('Other')
    expect(other.columns.map((c) => c.name)).toEqual(['x', 'y'])
    await expect(core.handlers['dataset:reimport']({ sheet: 'Missing' })).rejects.toMatchObject({
      name: 'ImportError',
      message: 'survey.ods has no sheet "Missing"; its sheets are "Notes", "Eruptions", "Other".',
    })
    const summary = await core.handlers['column:get-summary']({ column: 'y' })
    expect(summary.n).toBe(3)
  })

  it('refuses a zip bomb with a message and stays usable', async () => {
    const { core } = makeCore()
    await expect(core.open(join(FIXTURES, 'bomb.xlsx'))).rejects.toMatchObject({
      name: 'ImportError',
      message: expect.stringMatching(/looks like a zip bomb/) as unknown,
    })
    const info = await core.open(join(FIXTURES, 'survey.xls'))
    expect(info.rows).toBe(272)
  })
})
