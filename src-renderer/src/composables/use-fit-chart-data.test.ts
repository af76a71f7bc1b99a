import { describe, expect, it } from 'vitest'
import { effectScope, nextTick, ref, shallowRef } from 'vue'
import type { FitResult, ThresholdChoice } from '../../../src-shared/contract'
import {
  boundaryError,
  fakeApi,
  manualFrames,
  settle,
} from '../../../test/support/renderer/fake-renderer-api'
import { syntheticNormalFit } from '../../../test/support/renderer/synthetic-fits'
import type { FitChartTab } from '../charts/fit-chart-tabs'
import { useFitChartData } from './use-fit-chart-data'
import type { Fits } from './use-fits'
import type { ModelSettings } from './use-model-settings'
import { useStatus } from './use-status'

/** A peaks-over-threshold fit (the threshold tab's data depends only on the data it used). */
const gpd: FitResult = {
  ...syntheticNormalFit(),
  dist: 'gpd',
  distLabel: 'Generalized Pareto',
  threshold: 70,
}

function setup(answer: () => Promise<ThresholdChoice>) {
  const { api, calls } = fakeApi({ 'model:get-threshold-choice': answer })
  const status = useStatus(manualFrames())
  const fit = shallowRef<FitResult | null>(gpd)
  const tab = ref<FitChartTab>('density')
  const scope = effectScope()
  const data = scope.run(() =>
    useFitChartData({
      api,
      status,
      tab,
      fits: { fit } as unknown as Fits,
      settings: { domains: () => ({}) } as unknown as ModelSettings,
    }),
  )!
  return { data, status, tab, calls, stop: () => scope.stop() }
}

describe('the threshold choice', () => {
  it('runs as a task (banner, Cancel), and a cancelled one says so and is asked again next time', async () => {
    let release: (v: ThresholdChoice) => void = () => undefined
    let cancel: (e: Error) => void = () => undefined
    const s = setup(
      () =>
        new Promise<ThresholdChoice>((resolve, reject) => {
          release = resolve
          cancel = reject
        }),
    )
    s.tab.value = 'threshold'
    await nextTick()
    expect(s.status.busy.value).toBe('Fitting Generalized Pareto above each candidate threshold')
    cancel(boundaryError('CancelledError', 'Cancelled.'))
    await settle()
    expect(s.status.busy.value).toBeNull()
    expect(s.status.notice.value).toMatch(/was cancelled/)
    expect(s.data.thresholdChoice.state.value).toMatchObject({ kind: 'unavailable', message: /not computed/ })

    s.tab.value = 'density'
    await nextTick()
    s.tab.value = 'threshold'
    await nextTick()
    expect(s.calls.filter((c) => c.name === 'model:get-threshold-choice')).toHaveLength(2)
    const choice = { thresholds: [] } as unknown as ThresholdChoice
    release(choice)
    await settle()
    expect(s.data.thresholdChoice.state.value).toEqual({ kind: 'ready', value: choice })
    expect(s.status.busy.value).toBeNull()
    s.stop()
  })
})
