import { describe, expect, it } from 'vitest'
import { CATALOG } from '../../../test/support/renderer/catalog'
import { buildFitAllRequest, buildFitRequest, heldValues, type ModelControls } from './fit-request'

const controls = (extra: Partial<ModelControls> = {}): ModelControls => ({
  method: 'auto',
  options: {},
  fixed: {},
  trials: null,
  threshold: null,
  components: 2,
  include: [],
  weights: null,
  range: null,
  bins: 'fd',
  bootstrap: 0,
  ...extra,
})
const family = (id: string) => CATALOG.find((d) => d.id === id)

describe('fit requests from the model controls', () => {
  it('holds only held, finite values, and only the family’s own parameters', () => {
    const fixed = {
      mu: { on: true, value: 1 },
      sigma: { on: false, value: 2 },
      shape: { on: true, value: NaN },
      p: { on: true, value: 0.2 },
    }
    expect(heldValues(fixed)).toEqual({ mu: 1, p: 0.2 })
    expect(buildFitRequest('x', family('normal'), 'normal', controls({ fixed }))).toEqual({
      column: 'x',
      dist: 'normal',
      method: 'auto',
      bins: 'fd',
      fixed: { mu: 1 },
    })
  })

  it('leaves out empty options, passes trials where the family needs them, bootstrap when asked', () => {
    const c = controls({
      options: { learningRate: 0.05, seed: undefined, tolerance: NaN },
      trials: 10,
      bootstrap: 200,
      bins: 12,
    })
    expect(buildFitRequest('x', family('binomial'), 'binomial', c, 'gradient')).toEqual({
      column: 'x',
      dist: 'binomial',
      method: 'gradient',
      bins: 12,
      options: { learningRate: 0.05 },
      trials: 10,
      bootstrap: 200,
    })
    expect(buildFitRequest('x', family('poisson'), 'poisson', c).trials).toBeUndefined()
    // A family the catalog does not list gets a plain request (the engine says what is wrong with it).
    expect(buildFitRequest('x', undefined, 'mystery', c)).toEqual({
      column: 'x',
      dist: 'mystery',
      method: 'auto',
      bins: 12,
      options: { learningRate: 0.05 },
      bootstrap: 200,
    })
    expect(buildFitAllRequest('x', c)).toEqual({
      column: 'x',
      method: 'auto',
      bins: 12,
      options: { learningRate: 0.05 },
      trials: 10,
      bootstrap: 200,
    })
  })

  it('a mixture carries its components; Fit all includes mixtures only when asked', () => {
    const mixture = { ...family('normal')!, id: 'normal_mixture', components: { default: 2, max: 10 } }
    expect(buildFitRequest('x', mixture, 'normal_mixture', controls({ components: 'auto' })).components).toBe(
      'auto',
    )
    expect(
      buildFitRequest('x', family('normal'), 'normal', controls({ components: 3 })).components,
    ).toBeUndefined()
    expect(buildFitAllRequest('x', controls()).include).toBeUndefined()
    const all = buildFitAllRequest('x', controls({ include: ['normal_mixture'], components: 3 }))
    expect(all).toMatchObject({ include: ['normal_mixture'], components: 3 })
    // The user's family choice is named; the default choice (null) names none, as before the choice.
    expect(buildFitAllRequest('x', controls()).only).toBeUndefined()
    expect(buildFitAllRequest('x', controls({ only: ['gamma', 'normal'] })).only).toEqual(['gamma', 'normal'])
  })
})
