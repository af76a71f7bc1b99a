import { describe, expect, it } from 'vitest'
import type { Progress } from '../../../src-shared/contract'
import { CancelledError, RequestError } from '../errors'
import { fitRegression } from './fit-regression'
import { inMemoryDataset } from '../../../test/support/in-memory-dataset'
import { MAX_PLOT_POINTS } from './regression-plot'

const EPS = Number.EPSILON

function lcg(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (Math.imul(1664525, s) + 1013904223) >>> 0
    return s / 4294967296
  }
}

describe('rows with a missing value are excluded and counted', () => {
  it('drops a row when the response, a predictor or the exposure is missing', async () => {
    const dataset = inMemoryDataset({
      x: [1, 2, NaN, 4, 5, 6, 7, 8],
      z: [2, 1, 3, NaN, 1, 2, 2, 1],
      e: [1, 2, 1, 1, NaN, 1, 2, 1],
      y: [1, 3, 2, 5, 4, NaN, 6, 9],
    })
    const linear = await fitRegression(dataset, { model: 'linear', response: 'y', predictors: ['x', 'z'] })
    expect(linear.data).toEqual({ rows: 8, used: 5, missing: 3 })
    expect(linear.n).toBe(5)
    const poisson = await fitRegression(dataset, {
      model: 'poisson',
      response: 'y',
      predictors: ['x'],
      exposure: 'e',
    })
    expect(poisson.data).toEqual({ rows: 8, used: 5, missing: 3 })
    // Same coefficients as a fit on the complete rows only.
    const complete = inMemoryDataset({ x: [1, 2, 4, 7, 8], y: [1, 3, 5, 6, 9] })
    const direct = await fitRegression(complete, { model: 'linear', response: 'y', predictors: ['x'] })
    const viaMissing = await fitRegression(
      inMemoryDataset({ x: [1, 2, NaN, 4, 5, 6, 7, 8], y: [1, 3, 2, 5, NaN, NaN, 6, 9] }),
      { model: 'linear', response: 'y', predictors: ['x'] },
    )
    expect(viaMissing.coefficients.map((c) => c.estimate)).toEqual(direct.coefficients.map((c) => c.estimate))
  })
})

describe('requests that cannot be fitted say what and where', () => {
  const dataset = inMemoryDataset({ x: [1, 2, 3, 4], y: [0, 1, 2, 1], e: [1, 0, 2, 1], k: [0, 1, 1.5, -1] })
  it.each([
    [{ model: 'logistic', response: 'y', predictors: ['x'] }, /0\/1 response: column "y" has 2 at row 3/],
    [{ model: 'poisson', response: 'k', predictors: ['x'] }, /counts .* column "k" has 1.5 at row 3/],
    [
      { model: 'poisson', response: 'y', predictors: ['x'], exposure: 'e' },
      /Exposure must be positive: column "e" has 0 at row 2/,
    ],
    [
      { model: 'linear', response: 'y', predictors: ['nope'] },
      /predictor column "nope" is not in memory.csv/,
    ],
    [{ model: 'linear', response: 'y', predictors: ['x', 'x'] }, /listed twice/],
    [{ model: 'linear', response: 'y', predictors: ['y'] }, /cannot also be a predictor/],
    [{ model: 'linear', response: 'y', predictors: ['x'], exposure: 'e' }, /only applies to Poisson/],
    [
      { model: 'linear', response: 'y', predictors: ['x'], options: { learningRate: -1 } },
      /learningRate is -1/,
    ],
  ] as const)('%o', async (request, message) => {
    const run = fitRegression(dataset, { ...request, predictors: [...request.predictors] })
    await expect(run).rejects.toThrow(RequestError)
    await expect(run).rejects.toThrow(message)
  })

  it('needs more rows than coefficients', async () => {
    await expect(
      fitRegression(inMemoryDataset({ x: [1, 2], y: [1, 2] }), {
        model: 'linear',
        response: 'y',
        predictors: ['x'],
      }),
    ).rejects.toThrow(/Only 2 complete rows .* for 2 coefficients/)
  })

  it('refuses an exact linear relation (sigma = 0)', async () => {
    await expect(
      fitRegression(inMemoryDataset({ x: [1, 2, 3, 4], y: [3, 5, 7, 9] }), {
        model: 'linear',
        response: 'y',
        predictors: ['x'],
      }),
    ).rejects.toThrow(/exact linear function/)
  })
})

describe('result statistics', () => {
  const rand = lcg(21)
  const n = 5000
  const x = Array.from({ length: n }, () => rand() * 4)
  const lin = x.map((v) => 1 + 2 * v + (rand() - 0.5) * 2)
  const bin = x.map((v) => (rand() < 1 / (1 + Math.exp(1 - v)) ? 1 : 0))
  const dataset = inMemoryDataset({ x, lin, bin })

  it('linear: AIC/BIC count sigma, MSE = sigma^2, R^2, plot with a 95% band', async () => {
    const r = await fitRegression(dataset, { model: 'linear', response: 'lin', predictors: ['x'] })
    const l = r.linear
    if (!l || !r.plot) throw new Error('missing linear block or plot')
    expect(Math.abs(r.aic - (2 * 3 - 2 * r.logLikelihood))).toBeLessThan(8 * EPS * Math.abs(r.aic))
    expect(Math.abs(r.bic - (3 * Math.log(n) - 2 * r.logLikelihood))).toBeLessThan(8 * EPS * Math.abs(r.bic))
    expect(Math.abs(r.deviance - l.meanSquaredError * n)).toBeLessThan(64 * EPS * r.deviance)
    expect(Math.abs(l.sigmaMle ** 2 - l.meanSquaredError)).toBeLessThan(8 * EPS * l.meanSquaredError)
    expect(l.rSquared).toBeGreaterThan(0.8)
    expect(r.plot.points.x.length).toBe(MAX_PLOT_POINTS)
    expect(r.plot.residuals.fitted.length).toBe(MAX_PLOT_POINTS)
    const { curve } = r.plot
    if (!curve.lower || !curve.upper) throw new Error('no band')
    for (let i = 0; i < curve.x.length; i++) {
      expect(curve.lower[i]).toBeLessThan(curve.y[i])
      expect(curve.upper[i]).toBeGreaterThan(curve.y[i])
      expect(curve.y[i]).toBeCloseTo(r.coefficients[0].estimate + r.coefficients[1].estimate * curve.x[i], 10)
    }
    // At the mean of x the band's half-width is t * s / sqrt(n).
    const t = r.coefficients[0].ci95[1] - r.coefficients[0].estimate
    expect(t / r.coefficients[0].standardError).toBeCloseTo(1.9604, 3)
  })

  it('logistic: cross-entropy, accuracy and confusion at 0.5', async () => {
    const r = await fitRegression(dataset, { model: 'logistic', response: 'bin', predictors: ['x'] })
    const g = r.logistic
    if (!g || !r.plot) throw new Error('missing logistic block or plot')
    expect(Math.abs(g.crossEntropy + r.logLikelihood / n)).toBeLessThan(8 * EPS * g.crossEntropy)
    const c = g.confusion
    expect(c.truePositive + c.falsePositive + c.trueNegative + c.falseNegative).toBe(n)
    expect(g.accuracy).toBe((c.truePositive + c.trueNegative) / n)
    let ones = 0
    for (const v of bin) ones += v
    expect(c.truePositive + c.falseNegative).toBe(ones)
    expect(Math.abs(r.deviance + 2 * r.logLikelihood)).toBeLessThan(8 * EPS * r.deviance)
    for (const p of r.plot.curve.y) expect(p > 0 && p < 1).toBe(true)
    expect(r.plot.curve.lower).toBeNull()
    // z statistics and normal p-values.
    for (const k of r.coefficients) {
      expect(k.statistic).toBeCloseTo(k.estimate / k.standardError, 12)
      expect(k.ci95[1] - k.estimate).toBeCloseTo(1.959963984540054 * k.standardError, 10)
    }
  })

  it('emits regress progress with trace points and honours cancellation', async () => {
    const events: Progress[] = []
    const r = await fitRegression(
      dataset,
      { model: 'logistic', response: 'bin', predictors: ['x'] },
      { onProgress: (p) => events.push(p) },
    )
    expect(events.length).toBeGreaterThan(0)
    expect(events.every((e) => e.task === 'regress')).toBe(true)
    const traced = events.flatMap((e) => e.trace ?? [])
    expect(traced.length).toBe(r.iterations)
    const slow = fitRegression(
      dataset,
      {
        model: 'logistic',
        response: 'bin',
        predictors: ['x'],
        method: 'gradient',
        options: { maxIterations: 1_000_000, patience: 0, tolerance: 0 },
      },
      { isCancelled: () => true },
    )
    await expect(slow).rejects.toThrow(CancelledError)
  })

  it('no intercept: coefficients match least squares through the origin', async () => {
    const r = await fitRegression(dataset, {
      model: 'linear',
      response: 'lin',
      predictors: ['x'],
      intercept: false,
    })
    let sxy = 0
    let sxx = 0
    for (let i = 0; i < n; i++) {
      sxy += x[i] * lin[i]
      sxx += x[i] * x[i]
    }
    expect(r.coefficients.map((c) => c.name)).toEqual(['x'])
    expect(Math.abs(r.coefficients[0].estimate - sxy / sxx)).toBeLessThan(64 * EPS * (sxy / sxx))
  })
})
