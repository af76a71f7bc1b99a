import { describe, expect, it } from 'vitest'
import { fitDistribution } from '../fit/fit-distribution'
import { supportProblem } from '../likelihood/support-check'
import { sumLogPdf } from '../likelihood/likelihood-model'
import { seededRandom } from '../random/seeded-random'
import { CompensatedSum } from '../stats/compensated-sum'
import { countTable } from '../stats/count-table'
import { integerHistogram } from '../stats/histogram'
import { log1pmx, relativeInverseMoments, relativeMoments } from '../stats/relative-moments'
import { Sample, weightAt } from '../stats/sample'
import { moments } from '../stats/sample-moments'
import { findDistribution } from './registry'

/**
 * Issue 17's fast paths give what the straightforward code gives: relative moments with the sums written
 * out on locals, the weibull and student t passes without a call per value, the count table by runs, the
 * support check's shortcut for whole numbers, integer histogram bars by bisection. Each is compared with a
 * plain per-value loop (CompensatedSum, weightAt, logPdf) on ordinary and adversarial columns; the families
 * whose passes read weights as w[i & mask] against summed log densities and the column with repeated values.
 */

const relative = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300)

/** Columns the statistics must keep their digits on, each with and without frequency weights. */
function positiveColumns(): { name: string; sample: Sample }[] {
  const random = seededRandom(17)
  const gamma = findDistribution('gamma')!.sample(20_000, { shape: 2.5, rate: 0.6 }, random).sort()
  const nearlyConstant = Float64Array.from({ length: 5000 }, () => 1e8 + random.normal()).sort()
  const wide = Float64Array.from({ length: 2000 }, () => 10 ** (600 * random.uniform() - 300)).sort()
  const tied = Float64Array.from([1 - 2 ** -53, 1, 1, 1 + 2 ** -52])
  const columns = { gamma, nearlyConstant, wide, tied }
  return Object.entries(columns).flatMap(([name, values]) => [
    { name, sample: Sample.sorted(values) },
    {
      name: `${name}, weighted`,
      sample: Sample.sorted(
        values,
        Float64Array.from(values, (_, i) => 1 + (i % 3)),
      ),
    },
  ])
}

/** The straightforward relative moments: CompensatedSum objects, weightAt and log1pmx per value. */
function plainRelativeMoments(sample: Sample) {
  const { n, mean: centre } = moments(sample)
  const [diff, log, inverse] = [new CompensatedSum(), new CompensatedSum(), new CompensatedSum()]
  sample.values.forEach((x, i) => {
    const w = weightAt(sample.weights, i)
    const delta = (x - centre) / centre
    diff.add(w * (x - centre))
    log.add(w * (delta > -0.5 ? log1pmx(delta) : Math.log(x) - Math.log(centre) - delta))
    inverse.add((w * delta * delta) / x)
  })
  return {
    meanDelta: diff.value / centre / n,
    meanLog1pmx: log.value / n,
    meanInverseExcess: inverse.value / n,
  }
}

describe('relative moments on locals equal the CompensatedSum loop', () => {
  it.each(positiveColumns())('$name', ({ sample }) => {
    const plain = plainRelativeMoments(sample)
    const fast = relativeMoments(sample)
    const inverse = relativeInverseMoments(sample)
    expect(fast.meanDelta).toBe(plain.meanDelta)
    expect(inverse.meanDelta).toBe(plain.meanDelta)
    expect(inverse.meanInverseExcess).toBe(plain.meanInverseExcess)
    // log(x / m) instead of log1p((x - m) / m) for |delta| >= 1/4: each rounds the ratio once.
    expect(relative(fast.meanLog1pmx, plain.meanLog1pmx)).toBeLessThan(1e-13)
  })
})

describe('weibull and student t passes equal the sum of log densities', () => {
  const random = seededRandom(5)
  const cases = [
    {
      dist: 'weibull',
      values: findDistribution('weibull')!.sample(20_000, { shape: 1.7, scale: 3 }, random),
      at: [
        { shape: 1.7, scale: 3 },
        { shape: 0.4, scale: 10 },
      ],
    },
    {
      dist: 'weibull',
      values: Float64Array.from({ length: 3000 }, () => 1e9 + random.normal()),
      at: [{ shape: 2e9, scale: 1e9 + 0.5 }],
    },
    {
      dist: 'student_t',
      values: findDistribution('student_t')!.sample(20_000, { mu: 3, sigma: 2, nu: 5 }, random),
      at: [
        { mu: 3, sigma: 2, nu: 5 },
        { mu: -1, sigma: 0.3, nu: 0.7 },
      ],
    },
  ]
  it.each(
    cases.flatMap((c) =>
      c.at.map((params) => ({ ...c, params, label: `${c.dist} ${JSON.stringify(params)}` })),
    ),
  )('$label', ({ dist: id, values, params }) => {
    const dist = findDistribution(id)!
    const sorted = values.slice().sort()
    const weights = Float64Array.from(sorted, (_, i) => 1 + (i % 4))
    for (const sample of [Sample.sorted(sorted), Sample.sorted(sorted, weights)]) {
      const plain = sumLogPdf(dist, sample, params)
      expect(relative(dist.derivatives!(sample, params).logLikelihood, plain)).toBeLessThan(1e-12)
      expect(relative(dist.logLikelihood!(sample, params), plain)).toBeLessThan(1e-12)
    }
  })
})

describe("weibull's profile shortcut from the centred logs", () => {
  it('is (mean of x^k)^(1/k), weighted as the expanded data', () => {
    const weibull = findDistribution('weibull')!
    const sorted = weibull.sample(5000, { shape: 1.7, scale: 3 }, seededRandom(21)).sort()
    const weights = Float64Array.from(sorted, (_, i) => 1 + (i % 3))
    const expanded = Float64Array.from(
      [...sorted].flatMap((x, i) => Array<number>(weights[i]).fill(x)),
    ).sort()
    for (const k of [0.3, 1.7, 40]) {
      const plain = Math.pow(expanded.reduce((s, x) => s + x ** k, 0) / expanded.length, 1 / k)
      const held = { shape: k, scale: 1 }
      const weighted = weibull.profileShortcut!(Sample.sorted(sorted, weights), 'shape', k, held)!.params
      const unweighted = weibull.profileShortcut!(Sample.sorted(expanded), 'shape', k, held)!.params
      expect(relative(weighted.scale, plain)).toBeLessThan(1e-12)
      expect(relative(unweighted.scale, plain)).toBeLessThan(1e-12)
    }
  })
})

describe('count table by runs equals the per-value loop', () => {
  it.each([false, true])('weighted: %s', (weighted) => {
    const random = seededRandom(9)
    const sorted = findDistribution('negative_binomial')!.sample(30_000, { size: 0.8, mu: 40 }, random).sort()
    const weights = weighted ? Float64Array.from(sorted, (_, i) => 0.5 + (i % 5)) : undefined
    const table = countTable(Sample.sorted(sorted, weights))
    const plain = new Map<number, number>()
    sorted.forEach((x, i) => plain.set(x, (plain.get(x) ?? 0) + (weights ? weights[i] : 1)))
    expect([...table.values]).toEqual([...plain.keys()])
    expect([...table.counts]).toEqual([...plain.values()])
    const sum = [...plain].reduce((s, [v, c]) => s + v * c, 0)
    expect(relative(table.sum, sum)).toBeLessThan(1e-14)
  })

  it('integer histogram bars by bisection equal the counts', () => {
    const sorted = findDistribution('poisson')!.sample(10_000, { lambda: 6 }, seededRandom(3)).sort()
    const bars = integerHistogram(sorted)!
    const table = countTable(Sample.sorted(sorted))
    const counted = new Map([...table.values].map((v, i) => [v, table.counts[i]]))
    for (const bar of bars) expect(bar.count).toBe(counted.get(bar.x0 + 0.5) ?? 0)
    expect(bars.reduce((s, b) => s + b.count, 0)).toBe(sorted.length)
  })
})

describe("the support check's shortcut still finds the first offending row", () => {
  const nb = findDistribution('negative_binomial')!
  it('a fraction between whole ends', () => {
    const rows = Float64Array.from([3, 0, 2.5, 7, 1.5])
    const sorted = rows.slice().sort()
    expect(supportProblem(nb, rows, {}, sorted)).toMatch(/2 values are not whole, first at row 3 \(2.5\)/)
  })
  it('whole numbers inside the support pass', () => {
    const rows = Float64Array.from([3, 0, 2, 7, 1])
    expect(supportProblem(nb, rows, {}, rows.slice().sort())).toBeNull()
  })
  it('a negative count', () => {
    const rows = Float64Array.from([3, -1, 2])
    expect(supportProblem(nb, rows, {}, rows.slice().sort())).toMatch(/first at row 2 \(-1\)/)
  })
})

describe('the rounding check still fires on the fast statistics', () => {
  it('gamma on nearly constant data is too sharp for double precision, and its log-likelihood is the true one', async () => {
    const sorted = Float64Array.from([1 - 2 ** -53, 1, 1, 1 + 2 ** -52])
    const dist = findDistribution('gamma')!
    const fit = await fitDistribution({ column: 'x', dist, sorted, lean: true })
    expect(fit.converged).toBe(false)
    expect(fit.message).toMatch(/too sharp for double precision/)
    expect(relative(fit.logLikelihood, sumLogPdf(dist, Sample.sorted(sorted), fit.params))).toBeLessThan(
      1e-12,
    )
  })

  it('gamma on W2-like data: the closed form is converged and its log-likelihood the sum of log densities', async () => {
    const dist = findDistribution('gamma')!
    const sorted = dist.sample(50_000, { shape: 2.5, rate: 0.6 }, seededRandom(11)).sort()
    const fit = await fitDistribution({ column: 'x', dist, sorted, lean: true })
    expect(fit.converged, fit.message).toBe(true)
    expect(relative(fit.logLikelihood, sumLogPdf(dist, Sample.sorted(sorted), fit.params))).toBeLessThan(
      1e-12,
    )
  })
})

describe('passes reading weights as w[i & mask] equal the plain sums, with and without weights', () => {
  const families = ['burr', 'gev', 'logistic', 'loglogistic', 'cauchy', 'gumbel', 'laplace', 'pareto', 'beta']
  const expand = (values: Float64Array, weights: Float64Array) =>
    Float64Array.from(Array.from(values).flatMap((v, i) => Array<number>(weights[i]).fill(v)))
  // The weighted sample against the same column with each value repeated as often as its weight.
  const columns = positiveColumns().filter((c) => !c.name.endsWith('weighted'))
  // The beta sums mean logs times n (its sufficient statistics, summed naively): on nearly tied columns
  // its start values are ~1e8 and the closed form cancels ~1e4 of the sum's rounding; a misread weight
  // moves any of these by O(1) relative.
  const tolerance = (id: string) => (id === 'beta' ? 1e-8 : 1e-12)
  const close = (a: number, b: number, scale: number, tol: number) =>
    a === b || Math.abs(a - b) <= tol * Math.max(scale, Math.abs(b), 1e-300)
  it.each(families.flatMap((id) => columns.map(({ name, sample }) => ({ id, name, sample }))))(
    '$id on $name',
    ({ id, sample: positive }) => {
      const dist = findDistribution(id)!
      // The beta's columns in (0, 1): x / (1 + x) keeps each column's order, ties and decades below 1
      // (the values it rounds to 1 are dropped).
      const inUnit = () => positive.values.map((x) => x / (1 + x)).filter((x) => x < 1)
      const sample = id === 'beta' ? Sample.sorted(inUnit()) : positive
      const values = sample.values
      const weights = Float64Array.from(values, (_, i) => 1 + (i % 3))
      const weighted = Sample.sorted(values, weights)
      const expanded = Sample.sorted(expand(values, weights))
      const params = dist.startValues(sample)
      for (const s of [sample, weighted]) {
        const plain = sumLogPdf(dist, s, params)
        let scale = 0
        for (let i = 0; i < s.values.length; i++)
          scale += Math.abs(weightAt(s.weights, i) * dist.logPdf(s.values[i], params))
        expect(close(dist.logLikelihood!(s, params), plain, scale, tolerance(id))).toBe(true)
        if (!dist.derivatives) continue
        expect(close(dist.derivatives(s, params).logLikelihood, plain, scale, tolerance(id))).toBe(true)
      }
      if (!dist.derivatives) return
      const a = dist.derivatives(weighted, params)
      const b = dist.derivatives(expanded, params)
      const flat = (d: typeof a) => [...d.score, ...d.hessian.flat()]
      const fa = flat(a)
      const fb = flat(b)
      const scale = Math.max(...fb.map(Math.abs))
      fa.forEach((v, i) => expect(close(v, fb[i], scale * 1e-2, tolerance(id))).toBe(true))
    },
  )
})
