import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { importCsv } from '../import/csv-import'
import { buildDesign } from './design'
import { fitDesign, fitRegression } from './fit-regression'
import {
  crossKernel,
  crossLoops,
  glmKernel,
  glmLoops,
  glmScoresKernel,
  MAX_UNROLLED_P,
  predictKernel,
  predictLoops,
  residualKernel,
  residualLoops,
  residualsKernel,
  residualsLoops,
} from './fused-kernels'
import { glmNewton, glmNewtonBatch, glmStart } from './glm-newton'
import { FitError } from '../errors'
import { inMemoryDataset } from '../../../test/support/in-memory-dataset'

const EPS = Number.EPSILON

function lcg(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (Math.imul(1664525, s) + 1013904223) >>> 0
    return s / 4294967296
  }
}

/** Columns of a random design (the intercept's ones implicit when `intercept`), responses, an offset. */
function randomDesign(n: number, p: number, seed: number, intercept: boolean) {
  const rand = lcg(seed)
  const first = intercept ? 1 : 0
  const cols = Array.from({ length: p - first }, () => new Float64Array(n))
  const y = new Float64Array(n)
  const counts = new Float64Array(n)
  const offset = new Float64Array(n)
  const beta = new Float64Array(p)
  for (let j = 0; j < p; j++) beta[j] = (rand() - 0.5) / p
  for (let i = 0; i < n; i++) {
    for (const c of cols) c[i] = rand() * 4 - 2
    y[i] = rand() < 0.4 ? 1 : 0
    counts[i] = Math.floor(rand() * 6)
    offset[i] = Math.log(0.5 + rand())
  }
  return { cols, y, counts, offset, beta }
}

/** |a - b| within k * EPS * (sum of |terms|) bound: both sum the same products in a different order. */
function close(a: Float64Array, b: Float64Array, scale: number): void {
  for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThanOrEqual(64 * EPS * scale)
}

describe.each(
  [1, 3, 11, MAX_UNROLLED_P, MAX_UNROLLED_P + 2].flatMap((p) => [
    [p, true],
    [p, false],
  ]),
)('fused kernels equal the plain loops, p = %i, intercept %s', (p, intercept) => {
  // 997 rows: several of the plain loops' row blocks and a partial last one.
  const n = 997
  const { cols: x, y, counts, offset, beta } = randomDesign(n, p, p, intercept)
  const scale = n * 4 * 4 * 8

  it("X'X and X'y", () => {
    const [g1, c1, g2, c2] = [p * p, p, p * p, p].map((k) => new Float64Array(k))
    crossKernel(p, intercept)(x, y, n, g1, c1)
    crossLoops(x, intercept, y, n, p, g2, c2)
    for (let j = 0; j < p; j++) for (let k = j + 1; k < p; k++) g1[j * p + k] = g2[j * p + k]
    close(g1, g2, scale)
    close(c1, c2, scale)
  })

  it('residual pass', () => {
    const [c1, c2] = [new Float64Array(p), new Float64Array(p)]
    const r1 = residualKernel(p, intercept)(x, y, n, beta, c1)
    const r2 = residualLoops(x, intercept, y, n, p, beta, c2)
    expect(Math.abs(r1 - r2)).toBeLessThanOrEqual(64 * EPS * r2)
    close(c1, c2, scale)
  })

  it('residual sums of several coefficient vectors in one pass = one residual pass each', () => {
    const m = 13
    const rand = lcg(p + 100)
    const betas = Float64Array.from({ length: m * p }, () => rand() - 0.5)
    const [fused, loops] = [new Float64Array(m), new Float64Array(m)]
    residualsKernel(p, intercept, m)(x, y, n, betas, fused)
    residualsLoops(x, intercept, y, n, p, betas, loops)
    for (let k = 0; k < m; k++) {
      const one = residualKernel(p, intercept)(x, y, n, betas.subarray(k * p, k * p + p), new Float64Array(p))
      expect(fused[k]).toBe(one)
      expect(Math.abs(loops[k] - one)).toBeLessThanOrEqual(64 * EPS * one)
    }
  })

  it.each([true, false])('linear predictor, offset %s', (withOffset) => {
    const off = withOffset ? offset : null
    const [a, b] = [new Float64Array(n), new Float64Array(n)]
    predictKernel(p, intercept)(x, off, n, beta, a)
    predictLoops(x, intercept, off, n, beta, b)
    // Both add offset, x0 b0, x1 b1, ... in that order: the same numbers.
    expect(Array.from(a)).toEqual(Array.from(b))
  })

  it.each(['logistic', 'poisson'] as const)(
    '%s scores of several coefficient vectors in one pass',
    (family) => {
      const m = 17 // more than one compiled group for p >= 11
      const yy = family === 'logistic' ? y : counts
      const rand = lcg(p + 200)
      const betas = Float64Array.from({ length: m * p }, () => (rand() - 0.5) / p)
      const [scores, lls] = [new Float64Array(m * p), new Float64Array(m)]
      glmScoresKernel(family, p, intercept, m)(x, yy, offset, n, betas, scores, lls)
      for (let k = 0; k < m; k++) {
        const one = new Float64Array(p)
        const single = glmKernel(family, p, intercept, false)
        const ll = single(x, yy, offset, n, betas.subarray(k * p, k * p + p), one, null)
        expect(lls[k]).toBe(ll)
        expect(Array.from(scores.subarray(k * p, k * p + p))).toEqual(Array.from(one))
      }
    },
  )

  it.each([
    ['logistic', false],
    ['logistic', true],
    ['poisson', false],
    ['poisson', true],
  ] as const)('%s pass, offset %s', (family, withOffset) => {
    const yy = family === 'logistic' ? y : counts
    const off = withOffset ? offset : null
    const [s1, h1, s2, h2] = [p, p * p, p, p * p].map((k) => new Float64Array(k))
    const l1 = glmKernel(family, p, intercept, true)(x, yy, off, n, beta, s1, h1)
    const l2 = glmLoops(family, x, intercept, yy, off, n, p, beta, s2, h2)
    expect(Math.abs(l1 - l2)).toBeLessThanOrEqual(64 * EPS * Math.abs(l2) * 10)
    close(s1, s2, scale * 10)
    for (let j = 0; j < p; j++)
      for (let k = 0; k <= j; k++) {
        expect(Math.abs(h1[j * p + k] - h2[j * p + k])).toBeLessThanOrEqual(64 * EPS * scale * 10)
      }
    const s3 = new Float64Array(p)
    const l3 = glmKernel(family, p, intercept, false)(x, yy, off, n, beta, s3, null)
    expect(l3).toBe(l1)
    expect(Array.from(s3)).toEqual(Array.from(s1))
  })
})

describe('large-design fast paths give the straightforward answer', () => {
  it('logistic from a subsample warm start with information reuse = plain Newton', async () => {
    const n = 240_000
    const rand = lcg(99)
    const a = new Float64Array(n)
    const b = new Float64Array(n)
    const y = new Float64Array(n)
    for (let i = 0; i < n; i++) {
      a[i] = rand() * 2
      b[i] = rand() - 0.5
      y[i] = rand() < 1 / (1 + Math.exp(0.5 - a[i] + 2 * b[i])) ? 1 : 0
    }
    const request = { model: 'logistic' as const, response: 'y', predictors: ['a', 'b'] }
    const design = buildDesign(inMemoryDataset({ a, b, y }), request)
    const fast = await fitDesign(design, request)
    // Plain Newton from the intercept-only start with fresh information every iteration (the kernels
    // themselves are checked against the plain loops above; here the iteration scheme differs).
    const plain = await glmNewton(
      'logistic',
      design,
      { maxIterations: 100, tolerance: 1e-10, constant: 0, reuseInformation: false },
      null,
      glmStart('logistic', design),
    )
    expect(fast.converged).toBe(true)
    for (let j = 0; j < 3; j++) {
      const c = fast.coefficients[j]
      expect(Math.abs(c.estimate - plain.beta[j])).toBeLessThan(1e-9 * c.standardError)
      const se = Math.sqrt(plain.covariance?.[j * 3 + j] ?? NaN)
      expect(Math.abs(c.standardError - se)).toBeLessThan(1e-9 * se)
    }
  })
})

describe('drop-one refits that stop once the likelihood settles = explicit refits', () => {
  // The LR refit (full fit's information reused, stopped when half the Newton decrement is below the
  // tolerance, before the step that would only settle the coefficients) against a full Newton fit of the
  // design without the term: the statistic may differ by the likelihood still to gain, 2 * 1e-10 * |logLik|.
  it.each(['logistic', 'poisson'] as const)(
    '%s with a factor and an interaction on 210,000 rows',
    async (model) => {
      const n = 210_000
      const rand = lcg(model === 'logistic' ? 5 : 6)
      const lines = ['a,b,g,y']
      for (let i = 0; i < n; i++) {
        const a = rand() * 2 - 1
        const b = rand() - 0.5
        const g = ['p', 'q', 'r'][Math.floor(rand() * 3)]
        const eta =
          0.3 + 0.8 * a - 0.05 * b + (g === 'q' ? 0.4 : g === 'r' ? -0.3 : 0) + (g === 'q' ? 0.5 * a : 0)
        const y =
          model === 'logistic'
            ? rand() < 1 / (1 + Math.exp(-eta))
              ? 1
              : 0
            : poissonDraw(Math.exp(eta), rand)
        lines.push(`${a},${b},${g},${y}`)
      }
      const dir = mkdtempSync(join(tmpdir(), 'lr-refit-'))
      const file = join(dir, 'design.csv')
      writeFileSync(file, lines.join('\n'))
      const dataset = await importCsv(file)
      rmSync(dir, { recursive: true })
      const predictors = ['a', 'b', 'g', 'a:g']
      const full = await fitRegression(dataset, { model, response: 'y', predictors })
      const tested = full.termTests!.filter((t) => t.containedIn === null)
      expect(tested.map((t) => t.term)).toEqual(['b', 'a:g'])
      for (const test of tested) {
        const without = await fitRegression(dataset, {
          model,
          response: 'y',
          predictors: predictors.filter((t) => t !== test.term),
        })
        expect(without.converged).toBe(true)
        const expected = 2 * (full.logLikelihood - without.logLikelihood)
        const bound = 2 * 1e-10 * (Math.abs(without.logLikelihood) + 1) + 1e-9 * expected
        expect(Math.abs(test.statistic - expected)).toBeLessThanOrEqual(bound)
      }
    },
  )
})

function poissonDraw(mean: number, rand: () => number): number {
  let k = 0
  let p = Math.exp(-mean)
  let s = p
  const u = rand()
  while (u > s && k < 100) {
    k++
    p *= mean / k
    s += p
  }
  return k
}

describe('Newton runs in lockstep = the same runs one by one', () => {
  it.each(['logistic', 'poisson'] as const)('%s, with a run that cannot be fitted', async (family) => {
    const n = 3000
    const rand = lcg(family === 'logistic' ? 11 : 12)
    const a = Float64Array.from({ length: n }, () => rand() * 2 - 1)
    const b = Float64Array.from({ length: n }, () => rand() - 0.5)
    const twice = a.map((v) => 2 * v) // collinear with a: a run holding only b at 0 is rank deficient
    const y = a.map((v, i) => {
      const mean = Math.exp(0.2 + v - 0.5 * b[i])
      return family === 'logistic' ? (rand() < mean / (1 + mean) ? 1 : 0) : poissonDraw(mean, rand)
    })
    const request = { model: family, response: 'y', predictors: ['a', 'b', 'twice'] }
    const design = buildDesign(inMemoryDataset({ a, b, twice, y }), request)
    const options = (fixed: number[]) => ({ maxIterations: 50, tolerance: 1e-10, constant: 0, fixed })
    const runs = [[2], [1, 3], [3], [2, 3]].map((fixed) => ({
      options: options(fixed),
      start: glmStart(family, design),
    }))
    const batch = await glmNewtonBatch(family, design, runs, null)
    expect(batch[0]).toBeNull()
    for (let k = 1; k < runs.length; k++) {
      const alone = await glmNewton(family, design, runs[k].options, null, runs[k].start, false)
      expect(alone.converged).toBe(true)
      expect(batch[k]?.kernelLogLikelihood).toBe(alone.kernelLogLikelihood)
      expect(Array.from(batch[k]?.beta ?? [])).toEqual(Array.from(alone.beta))
      expect(batch[k]?.iterations).toBe(alone.iterations)
    }
    await expect(glmNewton(family, design, runs[0].options, null, runs[0].start)).rejects.toThrow(FitError)
  })
})
