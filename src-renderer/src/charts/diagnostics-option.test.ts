import { describe, expect, it } from 'vitest'
import {
  normalSample,
  syntheticDiagnostics,
  syntheticNormalFit,
} from '../../../test/support/renderer/synthetic-fits'
import { renderSvg } from '../../../test/support/renderer/render-svg'
import { buildDiagnosticsOption, type DiagnosticKind } from './diagnostics-option'

type Series = { id: string; data: number[][]; step?: string }
const fit = syntheticNormalFit()
const diagnostics = syntheticDiagnostics(fit, normalSample(500, 10, 2))
const settings = { column: 'weight', distLabel: 'Normal' }

describe('buildDiagnosticsOption', () => {
  it.each<[DiagnosticKind, string[]]>([
    ['cdf', ['empirical', 'fitted']],
    ['qq', ['reference', 'points']],
    ['pp', ['reference', 'points']],
  ])('%s has its series and renders', (kind, ids) => {
    const option = buildDiagnosticsOption(kind, diagnostics, settings)
    const series = (option as { series: Series[] }).series
    expect(series.map((s) => s.id)).toEqual(ids)
    expect(renderSvg(option)).toContain('<path')
  })

  it('draws the empirical CDF as steps, one point per observation', () => {
    const series = (buildDiagnosticsOption('cdf', diagnostics, settings) as { series: Series[] }).series
    expect(series[0].step).toBe('end')
    expect(series[0].data).toHaveLength(500)
  })

  it('spans the Q-Q reference line over all points and P-P over [0, 1]', () => {
    const qq = (buildDiagnosticsOption('qq', diagnostics, settings) as { series: Series[] }).series
    const lo = Math.min(...diagnostics.qq.theoretical, ...diagnostics.qq.sample)
    const hi = Math.max(...diagnostics.qq.theoretical, ...diagnostics.qq.sample)
    expect(qq[0].data).toEqual([
      [lo, lo],
      [hi, hi],
    ])
    const pp = (buildDiagnosticsOption('pp', diagnostics, settings) as { series: Series[] }).series
    expect(pp[0].data).toEqual([
      [0, 0],
      [1, 1],
    ])
  })
})
