import { describe, expect, it } from 'vitest'
import type { RegressionModel } from '../../../src-shared/contract'
import { buildDesign } from './design'
import { fitRegression } from './fit-regression'
import { inMemoryDataset } from '../../../test/support/in-memory-dataset'
import { splitDesign } from './split'

function lcg(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (Math.imul(1664525, s) + 1013904223) >>> 0
    return s / 4294967296
  }
}

/** n rows, predictors in their own units (u around 100, v around 0.01), response by model. */
function data(model: RegressionModel, n: number, seed: number) {
  const rand = lcg(seed)
  const u: number[] = []
  const v: number[] = []
  const y: number[] = []
  for (let i = 0; i < n; i++) {
    const a = 100 + 20 * (rand() - 0.5)
    const b = 0.01 * rand()
    const eta = -0.3 + 0.02 * (a - 100) + 60 * (b - 0.005)
    u.push(a)
    v.push(b)
    if (model === 'linear') y.push(2 + 0.5 * a - 300 * b + (rand() - 0.5) * 4)
    else if (model === 'logistic') y.push(rand() < 1 / (1 + Math.exp(-eta)) ? 1 : 0)
    else {
      // Poisson draw by inversion.
      const mu = Math.exp(eta + 1)
      let k = 0
      let pk = Math.exp(-mu)
      let cdf = pk
      const r = rand()
      while (r > cdf && k < 100) {
        k++
        pk *= mu / k
        cdf += pk
      }
      y.push(k)
    }
  }
  return inMemoryDataset({ u, v, y })
}

describe.each(['linear', 'logistic', 'poisson'] as const)('gradient ascent, %s', (model) => {
  it('reaches the same optimum as Newton/QR on the training part', async () => {
    const dataset = data(model, 400, 11)
    const r = await fitRegression(dataset, {
      model,
      response: 'y',
      predictors: ['u', 'v'],
      method: 'gradient',
      options: { patience: 0, learningRate: 0.5, maxIterations: 20_000, tolerance: 1e-15 },
    })
    expect(r.method).toBe('gradient')
    const g = r.gradient
    if (!g) throw new Error('no gradient report')
    expect(g.trainSize + g.validationSize).toBe(400)
    expect(g.validationSize).toBe(80)
    // Total log-likelihood within 1e-9 of the exact optimum; coefficients within 1e-5 of their SE.
    expect(Math.abs(g.gapLogLikelihood)).toBeLessThan(1e-9)
    for (const c of r.coefficients) expect(Math.abs(g.gapParams[c.name])).toBeLessThan(1e-5 * c.standardError)
    // The trace has both curves, one point per epoch, and training log-likelihood never falls.
    expect(r.trace.length).toBeGreaterThan(10)
    for (let i = 1; i < r.trace.length; i++) {
      expect(r.trace[i].logLikelihood).toBeGreaterThanOrEqual(r.trace[i - 1].logLikelihood)
      expect(r.trace[i].validationLogLikelihood).not.toBeNull()
    }
    expect(r.n).toBe(g.trainSize)
  })
})

describe('gradient ascent options', () => {
  it('stops early when validation stops improving', async () => {
    const r = await fitRegression(data('logistic', 300, 5), {
      model: 'logistic',
      response: 'y',
      predictors: ['u', 'v'],
      method: 'gradient',
      options: { patience: 3, learningRate: 0.5, maxIterations: 5000, tolerance: 0, validationFraction: 0.5 },
    })
    const g = r.gradient
    if (!g) throw new Error('no gradient report')
    expect(g.stoppedEarly).toBe(true)
    expect(r.iterations).toBe(g.bestIteration + 3)
    expect(r.message).toMatch(/stopped early/)
  })

  it('halves a learning rate that overshoots and still converges', async () => {
    const r = await fitRegression(data('poisson', 300, 9), {
      model: 'poisson',
      response: 'y',
      predictors: ['u', 'v'],
      method: 'gradient',
      options: { patience: 0, learningRate: 50, maxIterations: 20_000, tolerance: 1e-15 },
    })
    expect(r.message).toMatch(/learning rate lowered/)
    expect(Math.abs(r.gradient?.gapLogLikelihood ?? NaN)).toBeLessThan(1e-8)
  })

  it('splits reproducibly by seed and differently for another seed', () => {
    const d = buildDesign(data('linear', 100, 1), { model: 'linear', response: 'y', predictors: ['u'] })
    const a = splitDesign(d, 0.3, 42)
    const b = splitDesign(d, 0.3, 42)
    const c = splitDesign(d, 0.3, 43)
    expect(a.validation?.n).toBe(30)
    expect(Array.from(a.validation?.rowNumbers ?? [])).toEqual(Array.from(b.validation?.rowNumbers ?? []))
    expect(Array.from(a.validation?.rowNumbers ?? [])).not.toEqual(Array.from(c.validation?.rowNumbers ?? []))
    const all = [...(a.train.rowNumbers ?? []), ...(a.validation?.rowNumbers ?? [])].sort((x, y) => x - y)
    expect(all).toEqual(Array.from({ length: 100 }, (_, i) => i + 1))
  })
})
