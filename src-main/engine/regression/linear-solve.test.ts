import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { FitError } from '../errors'
import { importCsv } from '../import/csv-import'
import { buildDesign } from './design'
import { fitRegression } from './fit-regression'
import { inMemoryDataset } from '../../../test/support/in-memory-dataset'
import { solveLeastSquares } from './linear-solve'

const EPS = Number.EPSILON

/** Deterministic pseudo-random numbers in [0, 1) (LCG), so the tests need no seed plumbing. */
function lcg(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (Math.imul(1664525, s) + 1013904223) >>> 0
    return s / 4294967296
  }
}

describe('degree-10 polynomial (ill-conditioned design)', () => {
  const ref = JSON.parse(readFileSync(join(__dirname, 'fixtures/polynomial-degree10.json'), 'utf8')) as {
    predictors: string[]
    coefficients: Record<string, number>
    rss: number
    loglik: number
  }
  it('agrees with exact rational least squares', async () => {
    const dataset = await importCsv(join(__dirname, 'fixtures/polynomial-degree10.csv'))
    const r = await fitRegression(dataset, { model: 'linear', response: 'y', predictors: ref.predictors })
    expect(r.method).toBe('qr')
    // Columns x^k on [0, 2] make X ill-conditioned; QR's forward error is about cond(X) * EPS, and the
    // normal equations (cond^2) would lose every digit. Stated bound 1e-8 relative (measured 1.6e-10).
    let worst = 0
    for (const c of r.coefficients) {
      const e = ref.coefficients[c.name]
      worst = Math.max(worst, Math.abs(c.estimate - e) / Math.abs(e))
    }
    expect(worst).toBeLessThan(1e-8)
    expect(Math.abs(r.deviance - ref.rss) / ref.rss).toBeLessThan(1e-9)
    expect(Math.abs(r.logLikelihood - ref.loglik) / Math.abs(ref.loglik)).toBeLessThan(1e-9)
  })

  it('refuses the normal equations there and falls back to QR', async () => {
    const dataset = await importCsv(join(__dirname, 'fixtures/polynomial-degree10.csv'))
    const d = buildDesign(dataset, { model: 'linear', response: 'y', predictors: ref.predictors })
    expect(solveLeastSquares(d, 'normal').path).toBe('qr')
  })

  it('says the design is rank deficient when the powers of calendar years are collinear', async () => {
    const cols: Record<string, number[]> = { y: [] }
    for (let k = 1; k <= 10; k++) cols[`x${k}`] = []
    const rand = lcg(7)
    for (let year = 1990; year <= 2020; year++) {
      cols.y.push(rand())
      for (let k = 1; k <= 10; k++) cols[`x${k}`].push(year ** k)
    }
    const predictors = Object.keys(cols).filter((c) => c !== 'y')
    const run = fitRegression(inMemoryDataset(cols), { model: 'linear', response: 'y', predictors })
    await expect(run).rejects.toThrow(FitError)
    await expect(run).rejects.toThrow(/rank deficient: "x\d+" is \(numerically\) a linear combination of/)
  })
})

describe('rank deficiency names the collinear columns', () => {
  const rand = lcg(3)
  const n = 50
  const a = Array.from({ length: n }, () => rand())
  const b = Array.from({ length: n }, () => rand())
  const y = Array.from({ length: n }, () => rand())
  it.each([
    {
      name: 'sum of two columns',
      extra: a.map((v, i) => v + 2 * b[i]),
      message: /"c" is \(numerically\) a linear combination of "a" and "b"/,
    },
    {
      name: 'constant column',
      extra: a.map(() => 3),
      message: /"c" is constant, so it duplicates the intercept/,
    },
    { name: 'all zeros', extra: a.map(() => 0), message: /"c" is \(numerically\) all zeros/ },
  ])('$name', async ({ extra, message }) => {
    for (const model of ['linear', 'logistic', 'poisson'] as const) {
      const response = model === 'linear' ? y : y.map((v) => (v > 0.5 ? 1 : 0))
      const run = fitRegression(inMemoryDataset({ y: response, a, b, c: extra }), {
        model,
        response: 'y',
        predictors: ['a', 'b', 'c'],
      })
      await expect(run).rejects.toThrow(message)
    }
  })
})

describe('normal equations with refinement match Householder QR', () => {
  it.each([
    { n: 2000, p: 4, shift: 0 },
    { n: 5000, p: 8, shift: 50 },
  ])('n = $n, p = $p, predictors centred at $shift', ({ n, p, shift }) => {
    const rand = lcg(n + p)
    const cols: Record<string, number[]> = { y: [] }
    const names = Array.from({ length: p - 1 }, (_, j) => `x${j + 1}`)
    for (const name of names) cols[name] = []
    for (let i = 0; i < n; i++) {
      let y = 1
      for (let j = 0; j < p - 1; j++) {
        const v = shift + rand() * 10
        cols[names[j]].push(v)
        y += (j + 1) * 0.5 * v
      }
      cols.y.push(y + (rand() - 0.5) * 3)
    }
    const d = buildDesign(inMemoryDataset(cols), { model: 'linear', response: 'y', predictors: names })
    const qr = solveLeastSquares(d, 'qr')
    const ne = solveLeastSquares(d, 'normal')
    expect(qr.path).toBe('qr')
    expect(ne.path).toBe('normal')
    for (let j = 0; j < p; j++) {
      // Both are backward stable here (cond(X D^-1) < 1e5 after refinement): agree to ~cond * EPS.
      expect(Math.abs(ne.beta[j] - qr.beta[j])).toBeLessThan(1e5 * EPS * Math.abs(qr.beta[j]) + 1e-12)
      for (let k = 0; k < p; k++) {
        const e = qr.unscaledCovariance[j * p + k]
        expect(Math.abs(ne.unscaledCovariance[j * p + k] - e)).toBeLessThan(
          1e-8 * Math.sqrt(qr.unscaledCovariance[j * p + j] * qr.unscaledCovariance[k * p + k]),
        )
      }
    }
    expect(Math.abs(ne.rss - qr.rss) / qr.rss).toBeLessThan(1e3 * EPS)
  })
})
