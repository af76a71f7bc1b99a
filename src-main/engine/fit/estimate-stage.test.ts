import { describe, expect, it } from 'vitest'
import { SILENT_CONTROL } from '../control/work-control'
import { findDistribution } from '../distributions/registry'
import { FitError } from '../errors'
import { seededRandom } from '../random/seeded-random'
import { estimateStage } from './estimate-stage'
import { prepareFit, type FitInput } from './prepare'

const normal = findDistribution('normal')!
const sorted = normal.sample(400, { mu: 3, sigma: 2 }, seededRandom(9)).sort()
const stage = (more: Partial<FitInput>) =>
  estimateStage(prepareFit({ dist: normal, column: 'x', sorted, ...more }, SILENT_CONTROL))

describe('estimate stage', () => {
  it('every method reaches the same optimum; auto takes the closed form', async () => {
    const closed = await stage({ method: 'closed-form' })
    expect(closed).toMatchObject({ method: 'closed-form', converged: true, gradient: null })
    expect((await stage({})).method).toBe('closed-form')
    for (const method of ['newton', 'lbfgs'] as const) {
      const r = await stage({ method })
      expect(r.method).toBe(method)
      expect(r.logLikelihood).toBeCloseTo(closed.logLikelihood, 7)
    }
  })

  it('gradient ascent reports its split and its gap to the exact optimum of the training part', async () => {
    const r = await stage({ method: 'gradient', options: { maxIterations: 50, patience: 0 } })
    expect(r.method).toBe('gradient')
    expect(r.gradient).toMatchObject({ trainSize: 320, validationSize: 80, stoppedEarly: false })
    // 50 epochs at learning rate 0.1 are short of the optimum: a positive gap, the parameters off.
    expect(r.gradient!.gapLogLikelihood).toBeGreaterThan(0)
    expect(Object.keys(r.gradient!.gapParams)).toEqual(['mu', 'sigma'])
  })

  it('a method the family cannot do, or an end point without a finite likelihood, is a FitError', async () => {
    const weibull = findDistribution('weibull')!
    const positive = Float64Array.from([0.5, 1, 2.5])
    const setup = prepareFit(
      { dist: weibull, column: 'x', sorted: positive, method: 'closed-form' },
      SILENT_CONTROL,
    )
    await expect(estimateStage(setup)).rejects.toThrow(/Weibull has no closed-form estimate/)
    const broken = { ...normal, closedFormMle: () => ({ mu: NaN, sigma: 1 }) }
    const nowhere = prepareFit({ dist: broken, column: 'x', sorted, method: 'closed-form' }, SILENT_CONTROL)
    await expect(estimateStage(nowhere)).rejects.toThrow(FitError)
    await expect(estimateStage(nowhere)).rejects.toThrow(/optimizer reached mu = NaN, sigma = 1/)
  })
})

describe('what ran, in words (methodDetail)', () => {
  const mixture = findDistribution('normal_mixture')!
  // Two well-separated groups: EM finds them, Newton confirms the maximum.
  const random = seededRandom(4)
  const twoGroups = Float64Array.from([
    ...normal.sample(300, { mu: 0, sigma: 1 }, random),
    ...normal.sample(200, { mu: 6, sigma: 1.5 }, random),
  ]).sort()
  const fitMixture = (more: Partial<FitInput>) =>
    estimateStage(
      prepareFit({ dist: mixture, column: 'x', sorted: twoGroups, components: 2, ...more }, SILENT_CONTROL),
    )

  it('auto on a K = 2 mixture names EM from its starts and the polish, not Newton alone', async () => {
    const r = await fitMixture({})
    expect(r.converged).toBe(true)
    expect(r.methodDetail).toBe(`EM (20 starts) + ${r.method === 'lbfgs' ? 'L-BFGS' : 'Newton'} polish`)
  })

  it('says nothing more when the method alone says what ran', async () => {
    expect((await fitMixture({ method: 'newton' })).methodDetail).toBeUndefined()
    expect((await stage({ method: 'newton' })).methodDetail).toBeUndefined()
    expect((await stage({})).methodDetail).toBeUndefined()
  })
})
