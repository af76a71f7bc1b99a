import { describe, expect, it } from 'vitest'
import {
  normalSample,
  syntheticDiagnostics,
  syntheticNormalFit,
} from '../../../test/support/renderer/synthetic-fits'
import { renderSvg } from '../../../test/support/renderer/render-svg'
import { buildDiagnosticsOption, ksBandHalfWidth, type DiagnosticKind } from './diagnostics-option'
import { buildSummaryOption } from './summary-option'
import { fitLabel } from '../format'
import { logEndLabelFits } from './chart-theme'

type Series = { id: string; data: number[][]; step?: string }
const fit = syntheticNormalFit()
const diagnostics = syntheticDiagnostics(fit, normalSample(500, 10, 2))
const settings = { column: 'weight', distLabel: 'Normal' }

describe('buildDiagnosticsOption', () => {
  it.each<[DiagnosticKind, string[]]>([
    ['cdf', ['empirical', 'fitted', 'band-lower', 'band-upper']],
    ['survival', ['empirical', 'fitted', 'band-lower', 'band-upper']],
    ['hazard', ['hazard']],
    ['qq', ['reference', 'points', 'band-lower', 'band-upper']],
    ['pp', ['reference', 'points', 'band-lower', 'band-upper']],
    ['probability', ['reference', 'points', 'band-lower', 'band-upper']],
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

describe('bands, survival, hazard and the probability plot', () => {
  const data = (kind: DiagnosticKind, extra = {}) =>
    (buildDiagnosticsOption(kind, diagnostics, { ...settings, ...extra }) as { series: Series[] }).series

  it('puts the KS band 1.358 / (√n + 0.12 + 0.11/√n) around the empirical CDF, clipped to [0, 1]', () => {
    // scipy.stats.kstwo.ppf(0.95, n): 0.13402791648569568 (n = 100), 0.042776500461245 (n = 1000).
    expect(ksBandHalfWidth(100)).toBeCloseTo(0.13402791648569568, 3)
    expect(ksBandHalfWidth(1000)).toBeCloseTo(0.042776500461245, 4)
    const [emp, , lower, upper] = data('cdf')
    const h = ksBandHalfWidth(500)
    const i = 250
    expect(lower.data[i][1]).toBeCloseTo(Math.max(0, emp.data[i][1] - h), 12)
    expect(upper.data[i][1]).toBeCloseTo(Math.min(1, emp.data[i][1] + h), 12)
    expect(lower.data[0][1]).toBe(0)
  })

  it('draws survival as 1 - F and the hazard as f / (1 - F)', () => {
    const [emp, fitted] = data('survival')
    expect(emp.data[0][1]).toBeCloseTo(1 - diagnostics.cdf.empirical[0], 12)
    expect(fitted.data[10][1]).toBeCloseTo(1 - diagnostics.cdf.fitted[10], 12)
    const [hazard] = data('hazard')
    const F = diagnostics.cdf.fitted[100]
    expect(hazard.data[100][1]).toBeCloseTo(diagnostics.cdf.density![100] / (1 - F), 12)
  })

  it('labels the probability plot with the fitted quantiles of round probabilities', () => {
    const [reference] = data('probability') as (Series & {
      markLine: { data: { yAxis: number; label: { formatter: string } }[] }
    })[]
    const labels = reference.markLine.data.map((d) => d.label.formatter)
    expect(labels).toContain('50%')
    const median = reference.markLine.data.find((d) => d.label.formatter === '50%')!
    expect(median.yAxis).toBeCloseTo(fit.params.mu, 6)
  })

  it('says on the chart when it shows a sample of the points', () => {
    const many = { ...diagnostics, n: 1_000_000 }
    const option = buildDiagnosticsOption('qq', many, settings) as { graphic: { style: { text: string } }[] }
    expect(option.graphic[0].style.text).toBe('Showing 500 of 1,000,000 points (evenly spaced quantiles)')
    const all = buildDiagnosticsOption('qq', diagnostics, settings) as { graphic: unknown[] }
    expect(all.graphic).toEqual([])
  })

  it('uses log axes on Q-Q when asked, never on P-P', () => {
    type Axis = { type: string }
    const positive = syntheticDiagnostics(fit, normalSample(200, 50, 2))
    const qq = buildDiagnosticsOption('qq', positive, { ...settings, xScale: 'log' }) as {
      xAxis: Axis
      yAxis: Axis
    }
    expect([qq.xAxis.type, qq.yAxis.type]).toEqual(['log', 'log'])
    const pp = buildDiagnosticsOption('pp', positive, { ...settings, xScale: 'log' }) as { xAxis: Axis }
    expect(pp.xAxis.type).toBe('value')
    expect(renderSvg(qq)).toContain('(log scale)')
  })

  it('labels a log Q-Q axis end only where it does not crowd the decade next to it', () => {
    type Axis = { min: number; max: number; axisLabel: { showMinLabel: boolean; showMaxLabel: boolean } }
    const yAxis = (mean: number) => {
      const o = buildDiagnosticsOption('qq', syntheticDiagnostics(fit, normalSample(200, mean, 2)), {
        ...settings,
        xScale: 'log',
      }) as { xAxis: Axis; yAxis: Axis }
      return o.yAxis // both axes span the theoretical (the fit's: mean 10) and sample quantiles
    }
    // Data near 150: the axis ends at 200, a third of a decade from the 100 tick: no "200" over "100".
    expect(yAxis(150).max).toBe(200)
    expect(yAxis(150).axisLabel.showMaxLabel).toBe(false)
    // Data near 40: the ends 2 and 50 sit more than half a decade from 10 and 100: both labelled.
    expect([yAxis(40).min, yAxis(40).max]).toEqual([2, 50])
    expect(yAxis(40).axisLabel).toMatchObject({ showMinLabel: true, showMaxLabel: true })
    expect([logEndLabelFits(100, 'max'), logEndLabelFits(0.5, 'min'), logEndLabelFits(0.5, 'max')]).toEqual([
      true,
      false,
      true,
    ])
  })
})

describe('buildSummaryOption', () => {
  it('places density, CDF, Q-Q and P-P on one 2 × 2 figure that renders', () => {
    const option = buildSummaryOption(fit, diagnostics) as {
      grid: unknown[]
      series: { xAxisIndex: number }[]
    }
    expect(option.grid).toHaveLength(4)
    expect(new Set(option.series.map((s) => s.xAxisIndex))).toEqual(new Set([0, 1, 2, 3]))
    const svg = renderSvg(option, 1000, 700)
    for (const t of ['Density', 'Q-Q plot', 'P-P plot']) expect(svg).toContain(t)
  })

  it('has one legend naming the data and the fitted family with its parameters, shared by the panels', () => {
    const option = buildSummaryOption(fit, diagnostics) as {
      legend: { data: string[] }
      series: { name: string; xAxisIndex: number }[]
    }
    const label = fitLabel(fit)
    expect(label).toMatch(/\(.*=.*\)/)
    expect(option.legend.data).toEqual([`Data: ${fit.column}`, label, 'y = x (perfect fit)', '95% bands'])
    // Each name stands for the same role in every panel it appears in: the data in all four, the fit in two.
    const panelsOf = (name: string) =>
      new Set(option.series.filter((s) => s.name === name).map((s) => s.xAxisIndex))
    expect(panelsOf(`Data: ${fit.column}`)).toEqual(new Set([0, 1, 2, 3]))
    expect(panelsOf(label)).toEqual(new Set([0, 1]))
    const svg = renderSvg(option as never, 1000, 600)
    expect(svg).toContain(label.slice(0, 12))
  })
})
