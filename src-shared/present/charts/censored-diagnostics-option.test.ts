import { describe, expect, it } from 'vitest'
import type { Diagnostics } from '../../../src-shared/contract'
import { renderSvg } from '../../../test/support/renderer/render-svg'
import { buildDiagnosticsOption } from './diagnostics-option'

type Series = { id: string; name: string; data: number[][] }
const settings = { column: 'days', distLabel: 'Weibull' }

/** A censored fit's diagnostics: a Kaplan-Meier estimate (or Turnbull's, without a band). */
function censored(method: 'kaplan-meier' | 'turnbull'): Diagnostics {
  const x = [1, 2, 3, 5, 8]
  const cdf = [0, 0.2, 0.45, 0.7, 0.7]
  const band = method === 'kaplan-meier'
  return {
    cdf: { x, empirical: cdf, fitted: x.map((v) => 1 - Math.exp(-v / 4)) },
    qq: { theoretical: [], sample: [] },
    pp: { theoretical: [], empirical: [] },
    n: 40,
    nonparametric: {
      method,
      x,
      cdf,
      lower: band ? cdf.map((p) => p * 0.8) : [],
      upper: band ? cdf.map((p) => Math.min(1, p * 1.2)) : [],
      fitted: x.map((v) => 1 - Math.exp(-v / 4)),
      n: 40,
      note: '',
    },
  }
}

describe('censored data on the CDF and survival charts', () => {
  it('draws Kaplan-Meier with its pointwise band, flipped for survival, and no KS band', () => {
    const option = buildDiagnosticsOption('survival', censored('kaplan-meier'), settings)
    const series = (option as { series: Series[] }).series
    expect(series.map((s) => s.name)).toEqual([
      'Kaplan-Meier survival',
      'Weibull survival',
      '95% pointwise band',
      '95% pointwise band',
    ])
    expect(series[0].data.map((p) => p[1])).toEqual([1, 0.8, 0.55, 0.30000000000000004, 0.30000000000000004])
    const svg = renderSvg(option)
    expect(svg).not.toContain('KS band')
    // Every step is drawn: no "Showing k of n points" note.
    expect(svg).not.toContain('Showing')
  })

  it("draws Turnbull's estimate without a band", () => {
    const series = (buildDiagnosticsOption('cdf', censored('turnbull'), settings) as { series: Series[] })
      .series
    expect(series.map((s) => s.name)).toEqual(['Turnbull NPMLE CDF', 'Weibull CDF'])
  })
})
