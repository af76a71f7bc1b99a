import { describe, expect, it } from 'vitest'
import type { PercentilesRequest, PercentileTable } from '../../../src-shared/contract'
import { boundaryError, settle } from '../../../test/support/renderer/fake-renderer-api'
import { syntheticNormalFit } from '../../../test/support/renderer/synthetic-fits'
import { setupWorkspace } from '../../../test/support/renderer/workspace'
import { AUTO_PROFILE_WORK, percentileProbabilities } from './use-percentiles'

const row = { estimate: 70, standardError: 1, ci95: [68, 72] as [number, number], method: 'delta' as const }

/**
 * A table for a request: one row per probability, with profile intervals unless `profiles` is false; then
 * with the work they would take (`work`).
 */
function tableFor(r: PercentilesRequest, work = 1_000): PercentileTable {
  const percentiles = r.probabilities.map((p) => ({
    p,
    ...row,
    ...(r.profiles === false ? {} : { profile95: [67.9, 72.2] as [number, number] }),
  }))
  return { percentiles, exceedances: [], note: 'n', ...(r.profiles === false ? { profileWork: work } : {}) }
}

/** A workspace showing a fit whose profile request waits until the test answers or fails it. */
function withPendingProfiles(work = 1_000) {
  let answer: (() => void) | undefined
  let fail: ((e: Error) => void) | undefined
  const s = setupWorkspace({
    'model:get-percentiles': (r) =>
      r.profiles === false
        ? tableFor(r, work)
        : new Promise<PercentileTable>((resolve, reject) => {
            answer = () => resolve(tableFor(r))
            fail = reject
          }),
  })
  s.ws.fits.restore([syntheticNormalFit()], 'normal')
  return { s, answer: () => answer!(), fail: (e: Error) => fail!(e) }
}

describe('usePercentiles', () => {
  it('shows the delta-method table at once and fills the profile column when it arrives', async () => {
    const { s, answer } = withPendingProfiles()
    await settle()
    const state = s.ws.percentiles.state.value
    expect(state.kind === 'ready' && state.value.percentiles[0].profile95).toBeUndefined()
    expect(s.ws.percentiles.profile.value).toBe('Profile intervals: computing…')
    expect(s.ws.status.busy.value).toBe('Profile intervals of percentiles')
    answer()
    await settle()
    const full = s.ws.percentiles.state.value
    expect(full.kind === 'ready' && full.value.percentiles[0].profile95).toEqual([67.9, 72.2])
    expect(s.ws.percentiles.profile.value).toBeNull()
    expect(s.ws.status.busy.value).toBeNull()
    s.stop()
  })

  it('on large data offers the profile run instead of starting it, and runs it when asked', async () => {
    const { s, answer } = withPendingProfiles(AUTO_PROFILE_WORK + 1)
    await settle()
    expect(s.ws.status.busy.value).toBeNull()
    expect(s.ws.percentiles.profile.value).toBeNull()
    expect(s.ws.percentiles.canComputeProfiles.value).toBe(true)
    const run = s.ws.percentiles.computeProfiles()
    await settle()
    expect(s.ws.percentiles.canComputeProfiles.value).toBe(false)
    expect(s.ws.status.busy.value).toBe('Profile intervals of percentiles')
    answer()
    await run
    await settle()
    const full = s.ws.percentiles.state.value
    expect(full.kind === 'ready' && full.value.percentiles[0].profile95).toEqual([67.9, 72.2])
    s.stop()
  })

  it('keeps the delta-method table and says so when the profile run is cancelled', async () => {
    const { s, fail } = withPendingProfiles()
    await settle()
    fail(boundaryError('CancelledError', 'The fit was cancelled.'))
    await settle()
    const state = s.ws.percentiles.state.value
    expect(state.kind).toBe('ready')
    expect(s.ws.percentiles.profile.value).toMatch(/cancelled: the table shows the delta-method intervals/)
    expect(s.ws.status.busy.value).toBeNull()
    s.stop()
  })

  it('cancels a running profile run by its tag alone when the shown fit changes', async () => {
    const { s } = withPendingProfiles()
    await settle()
    const sent = s.named('model:get-percentiles').find((r) => r.profiles !== false)
    expect(sent?.task).toMatch(/^percentiles-\d+$/)
    expect(s.named('task:cancel')).toEqual([])
    s.ws.fits.restore([syntheticNormalFit()], 'normal') // another fit object: another table
    await settle()
    // Only the stale run is cancelled (never everything: a fit running meanwhile would die with it).
    expect(s.named('task:cancel')).toEqual([{ task: sent!.task }])
    s.stop()
  })

  it('does not cancel anything once the profile run has ended', async () => {
    const { s, answer } = withPendingProfiles()
    await settle()
    answer()
    await settle()
    s.ws.fits.restore([syntheticNormalFit()], 'normal')
    await settle()
    expect(s.named('task:cancel')).toEqual([])
    s.stop()
  })
})

describe('percentileProbabilities', () => {
  it("adds the user's probabilities to the defaults, each once, in increasing order", () => {
    expect(percentileProbabilities([0.5, 0.999, 0.025, 0.025])).toEqual([
      0.01, 0.025, 0.05, 0.1, 0.5, 0.9, 0.95, 0.99, 0.999,
    ])
    expect(percentileProbabilities([])).toEqual([0.01, 0.05, 0.1, 0.5, 0.9, 0.95, 0.99])
  })
})
