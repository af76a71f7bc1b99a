import { describe, expect, it } from 'vitest'
import { SILENT_CONTROL } from '../control/work-control'
import { findDistribution } from '../distributions/registry'
import { infer } from '../inference/infer'
import { estimateStage } from './estimate-stage'
import { prepareFit, type FitInput } from './prepare'
import { present } from './present'

async function stages(input: FitInput) {
  const setup = prepareFit(input, SILENT_CONTROL)
  const estimate = await estimateStage(setup)
  const inference = await infer(setup.model, estimate, { profiles: true, gradient: false })
  return { setup, estimate, inference }
}

const sorted = Float64Array.from([0.4, 0.9, 1.1, 1.6, 2.2, 2.9, 3.5, 4.8, 6.1, 9.3])

describe('present stage', () => {
  it('one row per parameter: fixed ones marked without SE, moments only where the start is the moment estimate', async () => {
    const gamma = findDistribution('gamma')!
    const { setup, estimate, inference } = await stages({
      dist: gamma,
      column: 'x',
      sorted,
      fixed: { shape: 2 },
    })
    const r = present(setup, estimate, inference, null, performance.now())
    expect(r.estimates.map((e) => [e.name, e.fixed, e.standardError === null])).toEqual([
      ['shape', true, true],
      ['rate', false, false],
    ])
    expect(r.estimates[1].moments).toBeCloseTo(setup.moments.rate, 15)
    expect(r.params).toEqual({ shape: 2, rate: estimate.params.rate })
    expect(r.n).toBe(10)
    expect(r.goodnessOfFit).toBeNull()
    expect(r.trace.length).toBeGreaterThan(0)
    expect(r.histogram.reduce((s, b) => s + b.count, 0)).toBe(10)
    // 0.4 .. 9.3 spans more than a decade: the even grid and a log-spaced one, in order.
    expect(r.density.x).toHaveLength(400)
    expect(r.startDensity.x).toHaveLength(400)
    expect(r.density.x.every((x, i) => i === 0 || x >= r.density.x[i - 1])).toBe(true)
    // On a log axis the lowest decade has points all along it, not one straight segment.
    expect(r.density.x.filter((x) => x < 1).length).toBeGreaterThan(50)
    const cauchy = findDistribution('cauchy')!
    const c = await stages({ dist: cauchy, column: 'x', sorted })
    expect(
      present(c.setup, c.estimate, c.inference, null, 0).estimates.every((e) => e.moments === null),
    ).toBe(true)
  })

  it('a closed form has no trace; AICc is Infinity when n <= k + 1', async () => {
    const normal = findDistribution('normal')!
    const { setup, estimate, inference } = await stages({
      dist: normal,
      column: 'x',
      sorted: Float64Array.from([1, 3]),
    })
    const r = present(setup, estimate, inference, null, 0)
    expect(r.method).toBe('closed-form')
    expect(r.trace).toEqual([])
    expect(r.aicc).toBe(Infinity)
  })

  it('carries the fitted CDF on the density grid: rising within [0, 1], its steps the density integrated', async () => {
    const gamma = findDistribution('gamma')!
    const { setup, estimate, inference } = await stages({ dist: gamma, column: 'x', sorted })
    const r = present(setup, estimate, inference, null, 0)
    const { x, y } = r.density
    const cdf = r.cdf!
    expect(cdf).toHaveLength(x.length)
    expect(cdf.every((c, i) => c >= 0 && c <= 1 && (i === 0 || c >= cdf[i - 1]))).toBe(true)
    // Independent of the family's cdf: the trapezoid rule on the density between the grid's ends.
    let area = 0
    for (let i = 1; i < x.length; i++) area += ((y[i] + y[i - 1]) / 2) * (x[i] - x[i - 1])
    expect(cdf.at(-1)! - cdf[0]).toBeCloseTo(area, 4)
  })
})
