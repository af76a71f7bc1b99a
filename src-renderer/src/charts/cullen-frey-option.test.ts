import { describe, expect, it } from 'vitest'
import type { ColumnSummary } from '../../../src-shared/contract'
import { renderSvg } from '../../../test/support/renderer/render-svg'
import {
  buildCullenFreyOption,
  cullenFreyPoint,
  gammaLine,
  lognormalCurve,
  weibullCurve,
} from './cullen-frey-option'

const summary: ColumnSummary = {
  column: 'hours',
  n: 500,
  mean: 5,
  sd: 5,
  min: 0.01,
  max: 40,
  skewness: 2,
  kurtosis: 6,
  integer: false,
}

describe('Cullen-Frey geometry', () => {
  it('places the observation at (skewness², excess kurtosis + 3)', () => {
    expect(cullenFreyPoint(summary)).toEqual([4, 9])
    expect(cullenFreyPoint({ ...summary, skewness: NaN })).toBeNull()
  })

  it('runs the gamma line through the normal (0, 3) and the exponential (4, 9)', () => {
    const [a, b] = gammaLine(4)
    expect(a).toEqual([0, 3])
    expect(b).toEqual([4, 9])
  })

  it('matches the lognormal moments at σ = 0.5 (exact formula, computed in Python)', () => {
    const curve = lognormalCurve(10)
    // σ = 0.5 is the 50th point (σ = 0.01, 0.02, ...); the accumulated step adds rounding of ~1e-15 to σ.
    const [b1, b2] = curve[49]
    expect(Math.abs(b1 - 3.0631638287130576)).toBeLessThan(1e-12 * 3.06)
    expect(Math.abs(b2 - 8.898445673784778)).toBeLessThan(1e-12 * 8.9)
    expect(curve.every(([x]) => x <= 10)).toBe(true)
  })

  it('passes the Weibull curve through the exponential (shape 1)', () => {
    const curve = weibullCurve(6)
    const nearest = curve.reduce((best, p) =>
      Math.hypot(p[0] - 4, p[1] - 9) < Math.hypot(best[0] - 4, best[1] - 9) ? p : best,
    )
    expect(Math.hypot(nearest[0] - 4, nearest[1] - 9)).toBeLessThan(0.4)
  })

  it('renders the families and the observation with kurtosis growing downwards', () => {
    const option = buildCullenFreyOption(summary)
    expect((option as { yAxis: { inverse: boolean } }).yAxis.inverse).toBe(true)
    const ids = (option as { series: { id: string }[] }).series.map((s) => s.id)
    expect(ids).toEqual(
      expect.arrayContaining([
        'beta-region',
        'gamma',
        'lognormal',
        'weibull',
        'normal',
        'uniform',
        'observation',
      ]),
    )
    expect(renderSvg(option, 400, 360)).toContain('Observed (hours)')
  })
})
