import { describe, expect, it } from 'vitest'
import { SILENT_CONTROL } from '../control/work-control'
import { findDistribution } from '../distributions/registry'
import { FitError, RequestError } from '../errors'
import { prepareFit, type FitInput } from './prepare'

const gamma = findDistribution('gamma')!
const sorted = Float64Array.from([0.5, 1.2, 2.5, 3.1, 4.8, 7.3])
const input = (more: Partial<FitInput> = {}): FitInput => ({ dist: gamma, column: 'x', sorted, ...more })

describe('prepare stage', () => {
  it('checks the request before any optimizer runs, each problem with its own message', () => {
    const cases: [Partial<FitInput>, typeof FitError | typeof RequestError, RegExp][] = [
      [{ sorted: new Float64Array(0) }, FitError, /no numeric values/],
      [
        { rows: Float64Array.from([1, NaN, -2, 3]), sorted: Float64Array.from([-2, 1, 3]) },
        FitError,
        /row 3/,
      ],
      [{ fixed: { scale: 2 } }, RequestError, /no parameter "scale"/],
      [{ fixed: { shape: -1 } }, RequestError, /Fixed shape must be a number > 0/],
      [{ options: { start: { rate: 0 } } }, RequestError, /Start rate must be a number > 0/],
      [{ options: { maxIterations: 0 } }, RequestError, /maxIterations must be at least 1/],
      [{ sorted: Float64Array.from([2, 2, 2]) }, FitError, /constant/],
      [
        { dist: findDistribution('binomial')!, sorted: Float64Array.from([1, 2]) },
        FitError,
        /number of trials/,
      ],
    ]
    for (const [more, type, message] of cases) {
      expect(() => prepareFit(input(more), SILENT_CONTROL), message.source).toThrow(type)
      expect(() => prepareFit(input(more), SILENT_CONTROL)).toThrow(message)
    }
  })

  it('starts from the moments, then the user start, then the fixed values; the model frees the rest', () => {
    const setup = prepareFit(
      input({ fixed: { rate: 0.5 }, options: { start: { shape: 3 } } }),
      SILENT_CONTROL,
    )
    expect(setup.moments).toEqual(gamma.startValues(setup.sample))
    expect(setup.start).toEqual({ shape: 3, rate: 0.5 })
    expect(setup.model.freeNames).toEqual(['shape'])
    expect(setup.method).toBe('auto')
    expect(setup.settings).toMatchObject({ maxIterations: 500, tolerance: 1e-10 })
    expect(setup.startUsable).toBe(true)
    // The same column gives the same Sample, so its statistics are computed once across fits.
    expect(prepareFit(input(), SILENT_CONTROL).sample).toBe(setup.sample)
  })

  it('binomial trials become the family context', () => {
    const setup = prepareFit(
      input({ dist: findDistribution('binomial')!, sorted: Float64Array.from([1, 2, 5]), trials: 8 }),
      SILENT_CONTROL,
    )
    expect(setup.ctx).toEqual({ trials: 8 })
  })
})
