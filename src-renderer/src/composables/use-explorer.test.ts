import { describe, expect, it } from 'vitest'
import { effectScope } from 'vue'
import type { EvaluateRequest, Evaluation, RendererApi } from '../../../src-shared/contract'
import { syntheticNormalFit } from '../../../test/support/renderer/synthetic-fits'
import { useExplorer } from './use-explorer'

/** An api whose evaluate calls resolve only when the test says so. */
function slowApi() {
  const calls: { payload: EvaluateRequest; resolve: (e: Evaluation) => void }[] = []
  const api = {
    call: (_name: string, payload: EvaluateRequest) =>
      new Promise<Evaluation>((resolve) => calls.push({ payload, resolve })),
  } as unknown as RendererApi
  return { api, calls }
}

describe('useExplorer', () => {
  it('starts at the MLE and collapses moves made during a call into one follow-up', async () => {
    const { api, calls } = slowApi()
    const scope = effectScope()
    await scope.run(async () => {
      const fit = syntheticNormalFit()
      const ex = useExplorer({ api })
      ex.attach(fit)
      expect(calls).toHaveLength(1)
      expect(calls[0].payload.params).toEqual(fit.params)
      for (let i = 1; i <= 50; i++) ex.set('mu', fit.params.mu + i * 0.01)
      expect(calls).toHaveLength(1)
      calls[0].resolve({ logLikelihood: -1, density: { x: [], y: [] } })
      await new Promise((r) => setTimeout(r, 0))
      expect(calls).toHaveLength(2)
      expect(calls[1].payload.params.mu).toBe(fit.params.mu + 50 * 0.01)
      calls[1].resolve({ logLikelihood: -2, density: { x: [], y: [] } })
      await new Promise((r) => setTimeout(r, 0))
      expect(ex.evaluation.value?.logLikelihood).toBe(-2)
      expect(ex.ranges.value.mu.min).toBeLessThan(fit.params.mu)
    })
    scope.stop()
  })

  it('shows why when the engine cannot evaluate', async () => {
    const api = {
      call: () => Promise.reject(new Error('The engine cannot do "evaluate" yet.')),
    } as unknown as RendererApi
    const scope = effectScope()
    await scope.run(async () => {
      const ex = useExplorer({ api })
      ex.attach(syntheticNormalFit())
      await new Promise((r) => setTimeout(r, 0))
      expect(ex.problem.value).toBe('The engine cannot do "evaluate" yet.')
    })
    scope.stop()
  })
})
