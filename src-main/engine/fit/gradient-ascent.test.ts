import { describe, expect, it } from 'vitest'
import { findDistribution } from '../distributions/registry'
import type { Distribution } from '../distributions/types'
import { seededRandom } from '../random/seeded-random'
import { SILENT_CONTROL } from '../control/work-control'
import { Sample } from '../stats/sample'
import { fitDistribution } from './fit-distribution'
import { gradientAscent, gradientSettings, splitTrainValidation } from './gradient-ascent'
import { normalDraws, perPointNormalGradient } from '../../../test/support/per-point-gradient'
import { TraceRecorder } from '../control/trace-recorder'

const relative = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300)

describe('gradient ascent, normal family: O(1) sufficient statistics equal the per-point loop', () => {
  it('same iterates to 1e-9 relative (W1 design: N(7.2, 2.8²), 80/20 seeded split, lr 0.1, no early stop)', async () => {
    const data = normalDraws(20_000, 7.2, 2.8, 7).sort()
    const epochs = 1500
    const settings = { ...gradientSettings({ patience: 0, tolerance: 0, maxIterations: epochs }) }
    const normal = findDistribution('normal')!
    const recorder = new TraceRecorder(normal, ['mu', 'sigma'], SILENT_CONTROL)
    const out = await gradientAscent(
      normal,
      Sample.sorted(data),
      {},
      {},
      { mu: 1, sigma: 1 },
      settings,
      SILENT_CONTROL,
      recorder,
    )
    const { train, validation } = splitTrainValidation(data, 0.2, 42)
    const reference = perPointNormalGradient(train, validation, { mu: 1, sigma: 1 }, 0.1, epochs)
    expect(recorder.length).toBe(epochs + 1)
    expect(out.iterations).toBe(epochs)
    for (let e = 0; e <= epochs; e++) {
      const p = recorder.point(e)
      expect(relative(p.params.mu, reference.mu[e])).toBeLessThan(1e-9)
      expect(relative(p.params.sigma, reference.sigma[e])).toBeLessThan(1e-9)
      expect(relative(p.logLikelihood, reference.train[e])).toBeLessThan(1e-9)
      expect(relative(p.validationLogLikelihood!, reference.validation[e])).toBeLessThan(1e-9)
    }
  })

  it('the split is a seeded shuffle: same seed same parts, 80/20 sizes, nothing lost', () => {
    const data = Float64Array.from({ length: 1001 }, (_, i) => i)
    const a = splitTrainValidation(data, 0.2, 42)
    const b = splitTrainValidation(data, 0.2, 42)
    const c = splitTrainValidation(data, 0.2, 43)
    expect(a.validation.length).toBe(200)
    expect(a.train.length).toBe(801)
    expect(Array.from(a.validation)).toEqual(Array.from(b.validation))
    expect(Array.from(a.validation)).not.toEqual(Array.from(c.validation))
    const all = [...a.train, ...a.validation].sort((x, y) => x - y)
    expect(all).toEqual(Array.from(data))
  })
})

/** The generic kernel (one pass through `derivatives`) against the same loop written over logPdf by hand. */
describe('gradient ascent, other families: the fused pass equals a per-point loop over logPdf', () => {
  it('gamma on (log shape, log rate)', async () => {
    const gamma = findDistribution('gamma')!
    const data = gamma.sample(3000, { shape: 2.5, rate: 0.7 }, seededRandom(3)).sort()
    const epochs = 200
    const settings = gradientSettings({
      patience: 0,
      tolerance: 0,
      maxIterations: epochs,
      learningRate: 0.05,
    })
    const recorder = new TraceRecorder(gamma, ['shape', 'rate'], SILENT_CONTROL)
    await gradientAscent(
      gamma,
      Sample.sorted(data),
      {},
      {},
      { shape: 1, rate: 1 },
      settings,
      SILENT_CONTROL,
      recorder,
    )
    const { train } = splitTrainValidation(data, 0.2, 42)
    // d/dlog k = k (log b - digamma(k) + log x), d/dlog b = k - b x: by central differences of the
    // per-point mean log density (independent of the family's analytic score).
    let theta = [0, 0]
    const meanLl = (t: number[]) => {
      let s = 0
      for (let i = 0; i < train.length; i++)
        s += gamma.logPdf(train[i], { shape: Math.exp(t[0]), rate: Math.exp(t[1]) })
      return s / train.length
    }
    for (let e = 1; e <= epochs; e++) {
      const h = 1e-6
      const g = theta.map((_, j) => {
        const up = theta.slice()
        const down = theta.slice()
        up[j] += h
        down[j] -= h
        return (meanLl(up) - meanLl(down)) / (2 * h)
      })
      theta = theta.map((t, j) => t + 0.05 * g[j])
      if (e % 50 === 0) {
        const p = recorder.point(e).params
        expect(relative(p.shape, Math.exp(theta[0]))).toBeLessThan(1e-6)
        expect(relative(p.rate, Math.exp(theta[1]))).toBeLessThan(1e-6)
      }
    }
  })
})

describe('gradient method through fitDistribution', () => {
  const normal: Distribution = findDistribution('normal')!

  it('early stopping restores the best-validation epoch and reports the gap to the exact training MLE', async () => {
    const data = normalDraws(5000, 7.2, 2.8, 11).sort()
    const fit = await fitDistribution({
      dist: normal,
      column: 'x',
      sorted: data,
      method: 'gradient',
      options: { start: { mu: 0, sigma: 1 } },
    })
    expect(fit.method).toBe('gradient')
    expect(fit.message).toMatch(/unconstrained scale/)
    const g = fit.gradient!
    expect(g.trainSize).toBe(4000)
    expect(g.validationSize).toBe(1000)
    // The exact training MLE is mean and sd (divides by n) of the training part.
    const { train } = splitTrainValidation(data, 0.2, 42)
    const mean = train.reduce((s, v) => s + v, 0) / train.length
    expect(relative(fit.params.mu + g.gapParams.mu, mean)).toBeLessThan(1e-12)
    // The gap in training log-likelihood, recomputed by hand: exact MLE (mean, sd dividing by n) vs the end.
    const sd = Math.sqrt(train.reduce((s, v) => s + (v - mean) ** 2, 0) / train.length)
    const trainLl = (mu: number, sigma: number) =>
      train.reduce((s, v) => s + normal.logPdf(v, { mu, sigma }), 0)
    const gap = trainLl(mean, sd) - trainLl(fit.params.mu, fit.params.sigma)
    expect(g.gapLogLikelihood).toBeGreaterThanOrEqual(0)
    expect(Math.abs(g.gapLogLikelihood - gap)).toBeLessThan(1e-9 * Math.abs(trainLl(mean, sd)))
    expect(fit.trace[0].validationLogLikelihood).not.toBeNull()
    expect(fit.trace.length).toBeLessThanOrEqual(2000)
    expect(fit.trace[0].iteration).toBe(0)
    if (g.stoppedEarly) expect(fit.trace[fit.trace.length - 1].iteration).toBeGreaterThan(g.bestIteration)
  })

  it('a too-large learning rate diverges with a message, not NaN', async () => {
    const data = normalDraws(500, 0, 1, 5).sort()
    const fit = await fitDistribution({
      dist: findDistribution('gamma')!,
      column: 'x',
      sorted: data.map((v) => Math.abs(v) + 0.01).sort(),
      method: 'gradient',
      options: { learningRate: 1e6, maxIterations: 50 },
    })
    expect(fit.message).toMatch(/diverged|learning rate/)
    expect(Number.isFinite(fit.logLikelihood)).toBe(true)
  })

  it('10,000 epochs: the trace is down-sampled to 2,000 points keeping the first and the last', async () => {
    const data = normalDraws(2000, 3, 1, 13).sort()
    const fit = await fitDistribution({
      dist: normal,
      column: 'x',
      sorted: data,
      method: 'gradient',
      options: { patience: 0, tolerance: 0, start: { mu: 0, sigma: 1 } },
    })
    expect(fit.iterations).toBe(10_000)
    expect(fit.converged).toBe(false)
    // Counts read as the results show them.
    expect(fit.message).toContain('ran all 10,000 epochs, as asked')
    expect(fit.trace).toHaveLength(2000)
    expect(fit.trace[0].iteration).toBe(0)
    expect(fit.trace.at(-1)!.iteration).toBe(10_000)
    expect(fit.trace.at(-1)!.params.mu).toBe(fit.params.mu)
  })
})
