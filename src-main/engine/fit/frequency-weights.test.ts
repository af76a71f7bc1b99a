import { describe, expect, it } from 'vitest'
import { familyCases } from '../../../test/support/family-cases'
import { distributions } from '../distributions/registry'
import type { Distribution, FamilyContext, Params } from '../distributions/types'
import { RequestError } from '../errors'
import { seededRandom } from '../random/seeded-random'
import { weightedColumn, weightsInfo } from '../stats/frequency-weights'
import { Sample } from '../stats/sample'
import { sampleMad, sampleMedian, sampleQuantile } from '../stats/weighted'
import { sortedMad, sortedMedian, sortedQuantile } from '../stats/order-statistics'
import { fitDistribution } from './fit-distribution'

/** An ordinary parameter set of a family (not one of the extreme cases). */
function caseOf(dist: Distribution): { params: Params; ctx?: FamilyContext } {
  const c = familyCases.find((x) => x.id === dist.id && !x.extreme)
  if (!c) throw new Error(`family-cases.ts has no ordinary case for ${dist.id}: add one`)
  return { params: c.valid[0], ctx: c.ctx }
}

/**
 * 80 seeded draws rounded to two significant digits (ties, as a frequency table has), where the rounded
 * value stays in the support; returned sorted, with the table of distinct values and counts.
 */
function tiedData(dist: Distribution, params: Params, ctx: FamilyContext | undefined) {
  const draws = dist.sample(80, params, seededRandom(7), ctx)
  const rounded = Array.from(draws, (x) => {
    const r = Number(x.toPrecision(2))
    return Number.isFinite(dist.logPdf(r, params, ctx)) ? r : x
  })
  const expanded = Float64Array.from(rounded).sort()
  const values: number[] = []
  const counts: number[] = []
  for (const x of expanded) {
    if (values.length > 0 && values[values.length - 1] === x) counts[counts.length - 1]++
    else {
      values.push(x)
      counts.push(1)
    }
  }
  return { expanded, values: Float64Array.from(values), counts: Float64Array.from(counts) }
}

function close(a: number, b: number, rel: number, abs = 0): void {
  if (a === b) return
  expect(Math.abs(a - b)).toBeLessThanOrEqual(Math.max(rel * Math.max(Math.abs(a), Math.abs(b)), abs))
}

describe('a value/count table fits exactly as its expanded data, for every family', () => {
  it.each(distributions.map((d) => [d.id, d] as const))('%s', async (_, dist) => {
    const { params, ctx } = caseOf(dist)
    const { expanded, values, counts } = tiedData(dist, params, ctx)
    expect(values.length).toBeLessThan(expanded.length)
    const common = { column: 'x', dist, trials: ctx?.trials, threshold: ctx?.threshold }
    const plain = await fitDistribution({ ...common, sorted: expanded })
    const paired = weightedColumn(values, counts, { column: 'x', weights: 'n' })
    const weighted = await fitDistribution({
      ...common,
      sorted: paired.sorted,
      rows: paired.rows,
      sortedWeights: paired.weights,
      weightsInfo: weightsInfo(paired, 'n'),
    })
    // The same n: every value (or, for a threshold family, every exceedance) counted as often as it occurs.
    expect(weighted.n).toBe(plain.n)
    expect(weighted.converged).toBe(plain.converged)
    close(weighted.logLikelihood, plain.logLikelihood, 1e-10)
    close(weighted.aic, plain.aic, 1e-10)
    close(weighted.bic, plain.bic, 1e-10)
    for (const p of dist.params) close(weighted.params[p.name], plain.params[p.name], 2e-6, 1e-9)
    weighted.estimates.forEach((e, j) => {
      const se = plain.estimates[j].standardError
      if (se === null) expect(e.standardError).toBeNull()
      else close(e.standardError!, se, 1e-4)
    })
    const [g, h] = [weighted.goodnessOfFit!, plain.goodnessOfFit!]
    close(g.ks, h.ks, 1e-5, 1e-9)
    for (const key of ['ad', 'cvm', 'chiSquare'] as const) {
      if (h[key] === null) expect(g[key]).toBeNull()
      else close(g[key]!, h[key]!, 1e-5, 1e-9)
    }
    expect(g.chiSquareDf).toBe(h.chiSquareDf)
    for (const [key, p] of Object.entries(h.pValues)) {
      if (p === null) expect(g.pValues[key]).toBeNull()
      else close(g.pValues[key]!, p, 1e-4, 1e-9)
    }
    expect(weighted.histogram.map((b) => b.count)).toEqual(plain.histogram.map((b) => b.count))
    expect(weighted.weights).toMatchObject({ column: 'n', total: expanded.length, integer: true })
    expect(plain.weights).toBeUndefined()
  })
})

describe('weights beyond the exact tables', () => {
  const dist = distributions.find((d) => d.id === 'gamma')!
  const { expanded, values, counts } = tiedData(dist, { shape: 2, rate: 1 }, undefined)
  const fit = (weights: Float64Array, bootstrap?: number) => {
    const paired = weightedColumn(values, weights, { column: 'x', weights: 'n' })
    return fitDistribution({
      column: 'x',
      dist,
      bootstrap,
      sorted: paired.sorted,
      sortedWeights: paired.weights,
      weightsInfo: weightsInfo(paired, 'n'),
    })
  }
  it('bootstrap p-values draw replicates of the expanded size: the same as the expanded data', async () => {
    const plain = await fitDistribution({ column: 'x', dist, sorted: expanded, bootstrap: 19 })
    const weighted = await fit(counts, 19)
    expect(weighted.goodnessOfFit!.pValues).toEqual(plain.goodnessOfFit!.pValues)
  })
  it('fractional weights: the estimate of proportional weights, n their total, and a note saying so', async () => {
    const whole = await fit(counts)
    const half = await fit(counts.map((c) => c / 2))
    for (const name of ['shape', 'rate']) close(half.params[name], whole.params[name], 1e-7)
    expect(half.n).toBe(expanded.length / 2)
    close(half.logLikelihood, whole.logLikelihood / 2, 1e-10)
    expect(half.weights!.integer).toBe(false)
    expect(half.weights!.note).toMatch(/not all whole numbers/)
  })
})

describe('weighted order statistics equal those of the expanded data', () => {
  const values = Float64Array.from([1, 2, 2.5, 4, 7, 11])
  const counts = Float64Array.from([3, 1, 4, 2, 1, 5])
  const expanded = Float64Array.from(Array.from(values).flatMap((x, i) => Array<number>(counts[i]).fill(x)))
  const weighted = Sample.sorted(values, counts)
  it.each([0, 0.1, 0.25, 0.5, 0.75, 0.9, 1])('quantile %s', (q) => {
    expect(sampleQuantile(weighted, q)).toBe(sortedQuantile(expanded, q))
  })
  it('median, MAD and n', () => {
    expect(sampleMedian(weighted)).toBe(sortedMedian(expanded))
    expect(sampleMad(weighted)).toBe(sortedMad(expanded))
    expect(weighted.n).toBe(expanded.length)
  })
  it('an unsorted weighted sample sorts its weights with its values', () => {
    const s = Sample.unsorted(Float64Array.from([3, 1, 2]), Float64Array.from([30, 10, 20]))
    expect(Array.from(s.sorted)).toEqual([1, 2, 3])
    expect(Array.from(s.sortedWeights!)).toEqual([10, 20, 30])
    expect(s.n).toBe(60)
  })
})

describe('pairing a column with its weights', () => {
  const names = { column: 'x', weights: 'n' }
  it('skips rows without a value, leaves weight-0 rows out and counts them', () => {
    const w = weightedColumn(Float64Array.from([5, NaN, 1, 3]), Float64Array.from([2, NaN, 0, 1.5]), names)
    expect(Array.from(w.sorted)).toEqual([3, 5])
    expect(Array.from(w.weights)).toEqual([1.5, 2])
    expect(w).toMatchObject({ total: 3.5, used: 2, zero: 1, integer: false })
    expect(Number.isNaN(w.rows[2])).toBe(true)
    expect(weightsInfo(w, 'n').note).toMatch(/not all whole numbers.*n = 3\.5.*1 rows weighted 0/)
  })
  it.each([
    [NaN, /"n" has no number in data row 2, where "x" is 4/],
    [-1, /"n" has -1 in data row 2, where "x" is 4: frequency weights must be numbers >= 0/],
    [Infinity, /"n" has Infinity in data row 2/],
  ])('a weight of %s is an error naming the row', (bad, message) => {
    const run = () => weightedColumn(Float64Array.from([1, 4]), Float64Array.from([1, bad]), names)
    expect(run).toThrow(RequestError)
    expect(run).toThrow(message)
  })
  it('all weights 0: nothing to fit', () => {
    expect(() => weightedColumn(Float64Array.from([1]), Float64Array.from([0]), names)).toThrow(
      /no value with a positive weight/,
    )
  })
})
