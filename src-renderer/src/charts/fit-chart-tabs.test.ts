import { describe, expect, it } from 'vitest'
import { buildBootstrapOption } from '../../../src-shared/present/charts/bootstrap-option'
import { LIGHT_COLORS } from '../../../src-shared/present/charts/chart-theme'
import { buildFitChartOption, FIT_CHART_TABS, fitChartMissing, type FitChartInput } from './fit-chart-tabs'
import {
  normalSample,
  syntheticDiagnostics,
  syntheticBootstrapFit,
  syntheticGradientFit,
  syntheticNormalFit,
  syntheticNormalGrid,
} from '../../../test/support/renderer/synthetic-fits'

const fit = syntheticNormalFit()
const idle = { kind: 'idle' } as const
const input = (extra: Partial<FitChartInput> = {}): FitChartInput => ({
  fit,
  colors: LIGHT_COLORS,
  live: { points: [], params: [] },
  trace: [],
  showStart: false,
  overlays: [],
  diagnostics: idle,
  grid: idle,
  thresholdChoice: idle,
  comparePath: null,
  evaluation: null,
  symbols: { mu: 'μ', sigma: 'σ' },
  xScale: 'linear',
  ...extra,
})
const ids = (option: unknown) =>
  ((option as { series: { id: string }[] } | null)?.series ?? []).map((s) => s.id)

describe('the threshold-choice tab', () => {
  const choice = {
    column: 'x',
    meanExcess: [1, 2, 3].map((u) => ({ u, n: 100 / u, mean: 2 + u, lower: 1 + u, upper: 3 + u })),
    stability: [1, 2, 3].map((u) => ({
      u,
      n: 100 / u,
      sigmaStar: 2,
      sigmaStarLower: 1,
      sigmaStarUpper: 3,
      xi: 0.2,
      xiLower: 0,
      xiUpper: 0.4,
      converged: u < 3,
    })),
    note: 'note',
  }
  const gpdFit = { ...fit, dist: 'gpd', threshold: 2 }
  it('says why it is empty for a fit without a threshold, and draws three panels for one with', () => {
    expect(fitChartMissing('threshold', input())).toMatch(/Fit gpd with a threshold/)
    expect(fitChartMissing('threshold', input({ fit: gpdFit }))).toBe('Computing the Threshold choice chart…')
    const option = buildFitChartOption(
      'threshold',
      input({ fit: gpdFit, thresholdChoice: { kind: 'ready', value: choice } }),
    )
    expect(ids(option)).toEqual(expect.arrayContaining(['mean-excess', 'sigma-star', 'xi', 'threshold-0']))
    // Unconverged fits are left out of the stability panels.
    const xi = (option as { series: { id: string; data: unknown[] }[] }).series.find((s) => s.id === 'xi')
    expect(xi?.data).toHaveLength(2)
  })
})

describe('the fit chart tabs', () => {
  it('draws the density from the fit alone, and the diagnostics and surface once their data is ready', () => {
    expect(ids(buildFitChartOption('density', input()))).toEqual(['histogram', 'density'])
    expect(buildFitChartOption('qq', input())).toBeNull()
    expect(fitChartMissing('qq', input())).toBe('Computing the Q-Q chart…')
    const diagnostics = { kind: 'ready', value: syntheticDiagnostics(fit, normalSample(500, 10, 2)) } as const
    expect(ids(buildFitChartOption('qq', input({ diagnostics })))).toEqual([
      'reference',
      'points',
      'band-lower',
      'band-upper',
    ])
    expect(fitChartMissing('qq', input({ diagnostics }))).toBeNull()
    const grid = {
      kind: 'ready',
      value: syntheticNormalGrid(
        normalSample(500, 10, 2),
        { min: 9, max: 11, steps: 21 },
        { min: 1.5, max: 2.5, steps: 21 },
      ),
    } as const
    expect(ids(buildFitChartOption('likelihood', input({ grid })))).toContain('mle')
  })

  it('says why a tab has nothing: no engine answer, or no iterations for a direct estimate', () => {
    const unavailable = { kind: 'unavailable', message: 'The engine cannot do that.' } as const
    expect(fitChartMissing('likelihood', input({ grid: unavailable }))).toBe(
      'Likelihood: not available. The engine cannot do that.',
    )
    expect(buildFitChartOption('convergence', input())).toBeNull()
    expect(fitChartMissing('convergence', input())).toMatch(
      /^Convergence: no iterations to show\. Closed form gave/,
    )
    expect(fitChartMissing('convergence', input({ fit: null }))).toMatch(/fit a model/)
    expect(buildFitChartOption('density', input({ fit: null }))).toBeNull()
  })

  it('draws the live trace while one streams, else the finished trace against its optimum', () => {
    const gradient = syntheticGradientFit(500)
    const params = [{ name: 'shape', symbol: 'k' }]
    const live = buildFitChartOption(
      'convergence',
      input({ fit: null, live: { points: gradient.trace, params } }),
    )
    expect((live as { dataZoom: unknown[] }).dataZoom).toEqual([])
    const done = buildFitChartOption(
      'convergence',
      input({ fit: gradient, trace: gradient.trace, live: { points: [], params } }),
    )
    expect(ids(done)).toEqual(['train', 'validation', 'param-shape', 'distance-loglik', 'distance-params'])
    expect((done as { dataZoom: unknown[] }).dataZoom).toHaveLength(2)
  })

  // The frame ChartCanvas puts up at the click is the one the points then fill in: the validation series of
  // a fit with a validation split is in it before its first value, so the first points do not rebuild it.
  it('frames a streaming fit with its validation series before the first points', () => {
    const gradient = syntheticGradientFit(50)
    const params = [{ name: 'shape', symbol: 'k' }]
    const frame = (points: FitChartInput['live']['points'], validation: boolean) =>
      buildFitChartOption(
        'convergence',
        input({ fit: null, live: { points, params, streaming: true, validation } }),
      )
    const empty = frame([], true)
    expect(ids(empty)).toEqual(ids(frame(gradient.trace, true)))
    expect(ids(empty)).toContain('validation')
    expect(ids(frame([], false))).not.toContain('validation')
  })

  // A streaming gradient fit knows its epochs: its iteration axes end at steps up to them and its zoom
  // controls are up from the click, so few updates move them and the end of a fit that runs them all merges
  // only series.
  it("frames a streaming fit's iteration axes in steps up to the epochs asked for, with its zoom controls", () => {
    const params = [{ name: 'shape', symbol: 'k' }]
    const frame = buildFitChartOption(
      'convergence',
      input({ fit: null, live: { points: [], params, streaming: true, epochs: 50 } }),
    ) as { xAxis: { min: unknown; max: unknown }[]; dataZoom: unknown[] }
    expect(frame.xAxis.map((a) => [a.min, a.max])).toEqual([0, 1, 2].map(() => [0, 50]))
    expect(frame.dataZoom).toHaveLength(2)
  })

  it('has a builder for every tab it lists', () => {
    for (const t of FIT_CHART_TABS) expect(() => buildFitChartOption(t.id, input())).not.toThrow()
  })
})

describe('bootstrap tab', () => {
  it('is a chart tab that says how to get replicates when there are none', () => {
    const plain = syntheticNormalFit()
    expect(
      fitChartMissing('bootstrap', {
        fit: plain,
        diagnostics: { kind: 'idle' },
        grid: { kind: 'idle' },
        thresholdChoice: { kind: 'idle' },
      }),
    ).toMatch(/Bootstrap intervals/)
    expect(buildBootstrapOption(plain)).toBeNull()
    const input = { fit: syntheticBootstrapFit(50) } as Parameters<typeof buildFitChartOption>[1]
    expect(buildFitChartOption('bootstrap', { ...input, colors: undefined! })).not.toBeNull()
  })
})
