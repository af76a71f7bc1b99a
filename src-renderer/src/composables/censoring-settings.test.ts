import { describe, expect, it } from 'vitest'
import type { SessionSnapshot } from '../../../src-shared/contract'
import { CATALOG } from '../../../test/support/renderer/catalog'
import { WEIGHTS as dataset } from '../../../test/support/renderer/datasets'
import { setupWorkspace } from '../../../test/support/renderer/workspace'
import { chartRequest } from '../results/fit-request'
import { fitInputsChange } from '../results/fitted-with'
import { syntheticNormalFit } from '../../../test/support/renderer/synthetic-fits'

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
