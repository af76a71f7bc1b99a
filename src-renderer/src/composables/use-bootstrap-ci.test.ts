import { afterEach, describe, expect, it } from 'vitest'
import type { BootstrapCi, BootstrapCiRequest, FitResult } from '../../../src-shared/contract'
import { columnSummary } from '../../../test/support/renderer/datasets'
import { boundaryError } from '../../../test/support/renderer/fake-renderer-api'
import { syntheticNormalFit } from '../../../test/support/renderer/synthetic-fits'
import { startedWorkspace } from '../../../test/support/renderer/workspace'

let stop: (() => void) | null = null
afterEach(() => stop?.())

const answer = (req: BootstrapCiRequest): BootstrapCi => ({
  method: req.method ?? 'nonparametric',
  replicates: req.replicates,
  converged: req.replicates - 2,
  failed: 2,
  seed: 42,
  level: 0.95,
  intervals: [],
  names: ['mu', 'sigma'],
  estimates: [],
  jackknife: null,
  note: 'n',
})

async function fitted(more: Parameters<typeof startedWorkspace>[0] = {}) {
  const s = await startedWorkspace({
    'column:get-summary': ({ column }) => columnSummary(column, 0.5, 9),
    'model:fit': (req): FitResult => ({ ...syntheticNormalFit(req.column), dist: req.dist }),
    'model:bootstrap-ci': answer,
    ...more,
  })
  stop = s.stop
  s.ws.settings.dist.value = 'normal'
  await s.ws.fits.runFit()
  return s
}

describe('bootstrap intervals in the workspace', () => {
  it('re-makes the shown fit with the chosen B and method, keeps the answer on the fit and warns of failures', async () => {
    const s = await fitted()
    const { fits, status } = s.ws
    fits.bootstrapReplicates.value = 199
    fits.bootstrapMethod.value = 'parametric'
    const shown = fits.fit.value!
    await fits.runBootstrapCi(shown)
    const sent = s.named('model:bootstrap-ci')[0]
    expect(sent).toEqual({ fit: s.named('model:fit')[0], replicates: 199, method: 'parametric' })
    expect(fits.fit.value!.bootstrapCi).toMatchObject({ replicates: 199, failed: 2 })
    expect(status.notice.value).toMatch(/2 of 199 bootstrap replicates did not converge/)
  })

  it('refuses a B outside 10..10,000 and a fit that did not converge, asking the engine nothing', async () => {
    const s = await fitted()
    const { fits, status } = s.ws
    fits.bootstrapReplicates.value = 5
    await fits.runBootstrapCi(fits.fit.value!)
    expect(status.error.value).toMatch(/from 10 to 10,000/)
    fits.bootstrapReplicates.value = 99
    await fits.runBootstrapCi({ ...fits.fit.value!, converged: false })
    expect(status.error.value).toMatch(/did not converge/)
    expect(s.named('model:bootstrap-ci')).toHaveLength(0)
  })

  it('shows an engine failure as the error line and leaves the fit as it was', async () => {
    const s = await fitted({
      'model:bootstrap-ci': () => {
        throw boundaryError('FitError', 'Normal did not converge on the data.')
      },
    })
    await s.ws.fits.runBootstrapCi(s.ws.fits.fit.value!)
    expect(s.ws.status.error.value).toMatch(/did not converge on the data/)
    expect(s.ws.fits.fit.value!.bootstrapCi).toBeUndefined()
  })
})
