import { describe, expect, it } from 'vitest'
import type { DatasetInfo, SessionSnapshot } from '../../../src-shared/contract'
import { CATALOG } from '../../../test/support/renderer/catalog'
import { WEIGHTS as dataset } from '../../../test/support/renderer/datasets'
import { setupWorkspace } from '../../../test/support/renderer/workspace'
import { chartRequest } from '../results/fit-request'
import { fitInputsChange } from '../results/fitted-with'
import { syntheticNormalFit } from '../../../test/support/renderer/synthetic-fits'
import { keptCensoring, statusLevels } from './censoring-status'

describe('the censoring data role', () => {
  it('goes into every request, the session snapshot, and back from a session', () => {
    const { ws } = setupWorkspace({})
    ws.dataset.dataset.value = dataset
    ws.settings.setCatalog(CATALOG)
    ws.settings.setCensoring({ status: 'count' })
    expect(ws.settings.request('weight', 'normal').censoring).toEqual({ status: 'count' })
    expect(ws.settings.fitAllRequest('weight').censoring).toEqual({ status: 'count' })
    const snap = ws.settings.snapshot()
    expect(snap.censoring).toEqual({ status: 'count' })

    ws.settings.setCensoring(null)
    expect(ws.settings.request('weight', 'normal').censoring).toBeUndefined()
    ws.settings.restore({ ...snap, ui: {} } as unknown as SessionSnapshot)
    expect(ws.settings.censoring.value).toEqual({ status: 'count' })
  })

  it('a fit made without censoring is out of date once a status column is chosen', () => {
    const made = { column: 'weight', dist: 'normal' }
    expect(fitInputsChange(made, { ...made, censoring: { upper: 'hi' } })).toMatch(/upper bound hi/)
  })

  it("charts of a censored fit ask for the fit's censoring columns", () => {
    const fit = {
      ...syntheticNormalFit(),
      censoring: {
        form: 'status' as const,
        column: 'weight',
        status: 'alive',
        exact: 3,
        right: 2,
        left: 0,
        interval: 0,
        note: '',
        goodnessOfFit: '',
      },
    }
    expect(chartRequest(fit).censoring).toEqual({ status: 'alive' })
  })
})

describe('a text status column and its observed value', () => {
  const text = (name: string, levels: string[]) =>
    ({ index: 9, name, numeric: false, type: 'text', levels }) as DatasetInfo['columns'][number]
  const withColumns = (...extra: DatasetInfo['columns']) => ({
    ...dataset,
    columns: [...dataset.columns, ...extra],
  })

  it('the event value goes into requests, the session and back', () => {
    const { ws } = setupWorkspace({})
    ws.dataset.dataset.value = withColumns(text('vital', ['alive', 'dead']))
    ws.settings.setCatalog(CATALOG)
    ws.settings.setCensoring({ status: 'vital', event: 'dead' })
    expect(ws.settings.request('weight', 'normal').censoring).toEqual({ status: 'vital', event: 'dead' })
    const snap = ws.settings.snapshot()
    ws.settings.setCensoring(null)
    ws.settings.restore({ ...snap, ui: {} } as unknown as SessionSnapshot)
    expect(ws.settings.censoring.value).toEqual({ status: 'vital', event: 'dead' })
  })

  it('is offered for text columns of 2 to 6 values only', () => {
    expect(statusLevels(text('v', ['alive', 'dead']))).toEqual(['alive', 'dead'])
    expect(statusLevels(text('v', ['a']))).toBeNull()
    expect(statusLevels(text('v', ['a', 'b', 'c', 'd', 'e', 'f', 'g']))).toBeNull()
  })

  it('a newly opened file keeps the choice only where its column still holds the value', () => {
    const c = { status: 'vital', event: 'dead' }
    expect(keptCensoring(c, withColumns(text('vital', ['alive', 'dead'])))).toEqual(c)
    expect(keptCensoring(c, withColumns(text('vital', ['no', 'yes'])))).toEqual({ status: 'vital' })
    expect(keptCensoring(c, dataset)).toBeNull()
    expect(keptCensoring({ upper: 'height' }, dataset)).toEqual({ upper: 'height' })
    expect(keptCensoring({ upper: 'name' }, dataset)).toBeNull()
  })

  it("a fit's event value is part of what makes it out of date", () => {
    const made = { column: 'weight', dist: 'weibull', censoring: { status: 'vital', event: 'dead' } }
    const now = { ...made, censoring: { status: 'vital', event: 'alive' } }
    expect(fitInputsChange(made, now)).toMatch(/status vital = dead.*status vital = alive/)
  })
})
