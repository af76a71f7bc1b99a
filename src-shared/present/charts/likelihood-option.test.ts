import { describe, expect, it } from 'vitest'
import {
  normalSample,
  syntheticGradientFit,
  syntheticNewtonFit,
  syntheticNormalFit,
  syntheticNormalGrid,
  syntheticPoissonFit,
} from '../../../test/support/renderer/synthetic-fits'
import { renderSvg } from '../../../test/support/renderer/render-svg'
import { contourSegments } from './contour-lines'
import {
  buildLikelihoodOption,
  CURVE_DROP_95,
  gridAxesAround,
  gridMax,
  interpolate,
  SURFACE_LEVELS,
} from './likelihood-option'

type Series = { id: string; data: (number[] | null)[] }

describe('contourSegments', () => {
  it('traces the circle x² + y² = 1 within the grid spacing', () => {
    const xs = Array.from({ length: 41 }, (_, i) => -2 + i * 0.1)
    const z = xs.map((y) => xs.map((x) => x * x + y * y))
    const segments = contourSegments(xs, xs, z, 1)
    expect(segments.length).toBeGreaterThan(40)
    for (const seg of segments)
      for (const [x, y] of seg) expect(Math.abs(Math.hypot(x, y) - 1)).toBeLessThan(0.01)
  })

  it('skips cells with a non-finite corner', () => {
    const z = [
      [0, 2],
      [NaN, 2],
    ]
    expect(contourSegments([0, 1], [0, 1], z, 1)).toEqual([])
  })
})

describe('gridAxesAround', () => {
  it('spans ±4 SE (plus 4% padding) around the estimate', () => {
    const fit = syntheticNormalFit()
    const [mu] = gridAxesAround(fit, ['mu'], 41)
    const se = fit.estimates[0].standardError as number
    const half = 4 * se * 1.08
    expect(Math.abs(mu.min - (fit.params.mu - half))).toBeLessThan(1e-12 * fit.params.mu)
    expect(Math.abs(mu.max - (fit.params.mu + half))).toBeLessThan(1e-12 * fit.params.mu)
    expect(mu.steps).toBe(41)
  })

  it('spans three profile half-widths when there is no standard error', () => {
    const fit = syntheticNormalFit()
    const est = fit.estimates.map((e) =>
      e.name === 'mu'
        ? { ...e, standardError: null, profile95: [e.estimate - 0.3, e.estimate + 0.1] as [number, number] }
        : e,
    )
    const [mu] = gridAxesAround({ ...fit, estimates: est }, ['mu'], 11)
    const half = 0.9 * 1.08
    expect(Math.abs(mu.max - (fit.params.mu + half))).toBeLessThan(1e-12 * fit.params.mu)
  })

  it('widens to hold the optimizer path and stays positive for a rate', () => {
    const fit = syntheticGradientFit(500)
    const [shape, rate] = gridAxesAround(fit, ['shape', 'rate'], 30)
    expect(shape.min).toBeLessThanOrEqual(1.2)
    expect(rate.min).toBeGreaterThan(0)
    expect(rate.min).toBeLessThanOrEqual(0.25)
  })

  it('keeps each axis inside its parameter domain, as the engine describes it', () => {
    const fit = syntheticNormalFit()
    // A standard error as large as the estimate: ±4 SE crosses zero.
    const wide = {
      ...fit,
      estimates: fit.estimates.map((e) => ({ ...e, standardError: Math.abs(e.estimate) })),
    }
    const [mu, sigma] = gridAxesAround(wide, ['mu', 'sigma'], 11, [], { mu: 'real', sigma: 'positive' })
    expect(mu.min).toBeLessThan(0)
    expect(sigma.min).toBeCloseTo(fit.params.sigma / 2, 12)
    const p = { ...wide, params: { ...wide.params, mu: 0.5 } }
    const [prob] = gridAxesAround(p, ['mu'], 11, [], { mu: 'unit-interval' })
    expect([prob.min, prob.max]).toEqual([1e-6, 1 - 1e-6])
  })
})

describe('buildLikelihoodOption (surface)', () => {
  const sample = normalSample(500, 10, 2)
  const fit = syntheticNormalFit()
  const [muAxis, sigmaAxis] = gridAxesAround(fit, ['mu', 'sigma'], 61)
  const grid = syntheticNormalGrid(sample, muAxis, sigmaAxis)
  const settings = {
    symbols: { mu: 'μ', sigma: 'σ' },
    mle: fit.params,
    maxLogLikelihood: fit.logLikelihood,
    paths: [
      {
        label: 'Gradient',
        trace: syntheticGradientFit(300).trace.map((p) => ({ ...p, params: { mu: 10, sigma: 2 } })),
      },
    ],
  }
  const option = buildLikelihoodOption(grid, settings)
  const series = (option as { series: Series[] }).series

  it('colours every finite cell and draws the four confidence contours', () => {
    expect(series.find((s) => s.id === 'surface')?.data).toHaveLength(61 * 61)
    for (const level of SURFACE_LEVELS)
      expect(series.find((s) => s.id === `contour-${level.label}`)?.data.length).toBeGreaterThan(30)
  })

  it('puts the 95% contour where the exact log-likelihood is max - 2.9957', () => {
    const n = sample.length
    const s1 = sample.reduce((a, b) => a + b, 0)
    const s2 = sample.reduce((a, b) => a + b * b, 0)
    const ll = (m: number, s: number) =>
      -0.5 * n * Math.log(2 * Math.PI * s * s) - (s2 - 2 * m * s1 + n * m * m) / (2 * s * s)
    const contour =
      series.find((s) => s.id === 'contour-95%')?.data.filter((p): p is number[] => p !== null) ?? []
    // Linear interpolation on a 61-step grid: the level is met to a small fraction of a log-likelihood unit.
    for (const [m, s] of contour)
      expect(Math.abs(ll(m, s) - (fit.logLikelihood + Math.log(0.05)))).toBeLessThan(0.05)
  })

  it('marks the MLE, draws the path, and renders', () => {
    expect(series.find((s) => s.id === 'mle')?.data).toEqual([[fit.params.mu, fit.params.sigma]])
    expect(series.find((s) => s.id === 'path-0')?.data.length).toBe(300)
    // Rendered on a coarse grid: server-side SVG of 61 x 61 cells takes seconds, tens on a loaded machine,
    // and the render only proves ECharts accepts the option's shape, which the grid size does not change.
    const [muCoarse, sigmaCoarse] = gridAxesAround(fit, ['mu', 'sigma'], 11)
    const coarse = syntheticNormalGrid(sample, muCoarse, sigmaCoarse)
    expect(renderSvg(buildLikelihoodOption(coarse, settings))).toContain('Gradient path')
  })

  it('colours cells by a visible log-likelihood scale and labels each contour level', () => {
    const scale = (option as { visualMap: Record<string, unknown> }).visualMap
    // From the optimum down 2 x the 99% region's drop, on the surface series' log-likelihood dimension.
    expect(scale).toMatchObject({ type: 'continuous', seriesIndex: 0, dimension: 4 })
    const top = Math.max(fit.logLikelihood, gridMax(grid))
    expect(scale.max).toBe(top)
    expect(scale.min).toBeCloseTo(top - 4 * Math.log(100), 9)
    expect((scale.text as string[])[0]).toMatch(/^log-lik\. /)
    const styles = SURFACE_LEVELS.map((l) => {
      const s = series.find((x) => x.id === `contour-${l.label}`) as unknown as {
        lineStyle: { type: unknown; width: number }
        endLabel: { show: boolean; formatter: string }
      }
      expect(s.endLabel).toMatchObject({ show: true, formatter: l.label })
      return JSON.stringify(s.lineStyle)
    })
    expect(new Set(styles).size).toBe(SURFACE_LEVELS.length)
    expect(
      gridMax({
        axes: [],
        z: [
          [1, NaN, 3],
          [-Infinity, 2, 0],
        ],
      }),
    ).toBe(3)
  })
})

describe('buildLikelihoodOption (curve)', () => {
  it('draws the one-parameter curve with the 95% cut and both methods’ points on it', () => {
    const fit = syntheticPoissonFit()
    const xs = Array.from({ length: 101 }, (_, i) => 2.5 + i * 0.015)
    const n = fit.n
    const sum = fit.params.lambda * n
    const z = [xs.map((l) => sum * Math.log(l) - n * l)]
    const trace = [2.6, 3.0, 3.2].map((l, i) => ({
      iteration: i,
      logLikelihood: 0,
      validationLogLikelihood: null,
      params: { lambda: l },
    }))
    const option = buildLikelihoodOption(
      { axes: [{ name: 'lambda', values: xs }], z },
      {
        symbols: { lambda: 'λ' },
        mle: fit.params,
        paths: [
          { label: 'Newton', trace },
          { label: 'Gradient', trace },
        ],
      },
    )
    const series = (option as { series: Series[] }).series
    expect(series.map((s) => s.id)).toEqual(['curve', 'cut95', 'path-0', 'path-1'])
    const cut = series[1].data[0] as number[]
    expect(cut[1]).toBe(gridMax({ axes: [], z }) - CURVE_DROP_95)
    const on = series[2].data as number[][]
    for (const [l, y] of on)
      expect(Math.abs(y - (sum * Math.log(l) - n * l))).toBeLessThan(1e-3 * Math.abs(y))
    expect(renderSvg(option)).toContain('Newton path')
  })

  it('interpolates linearly and is NaN outside the grid', () => {
    expect(interpolate([0, 1, 2], [0, 10, 30], 1.5)).toBe(20)
    expect(interpolate([0, 1, 2], [0, 10, 30], 3)).toBeNaN()
    expect(syntheticNewtonFit().trace).toHaveLength(6)
  })
})

describe('synthetic gamma surface', () => {
  it('peaks at the MLE the synthetic gradient fit reports', async () => {
    const { syntheticGammaGrid, GAMMA_STATS, gammaLogLikelihood } =
      await import('../../../test/support/renderer/synthetic-fits')
    const fit = syntheticGradientFit(100)
    const grid = syntheticGammaGrid(gridAxesAround(fit, ['shape', 'rate'], 41))
    expect(gridMax(grid)).toBeLessThanOrEqual(gammaLogLikelihood(GAMMA_STATS, 3, 0.5) + 1e-9)
    expect(fit.logLikelihood).toBe(gammaLogLikelihood(GAMMA_STATS, 3, 0.5))
  })
})
