import { describe, expect, it } from 'vitest'
import { referenceDataPath } from '../../../test/helpers/reference'
import { findDistribution } from '../distributions/registry'
import { fitDistribution } from '../fit/fit-distribution'
import { importCsv } from '../import/csv-import'
import { finiteSorted } from '../import/dataset'
import {
  andersonDarlingPValue,
  chiSquarePValue,
  cramerVonMisesPValue,
  kolmogorovPValue,
} from './asymptotic-p-values'
import { groupedChiSquare } from './chi-square'
import { discreteKs, edfStatistics } from './edf-statistics'

const relative = (a: number, b: number) => Math.abs(a - b) / Math.abs(b)

async function column(file: string, name: string) {
  const data = await importCsv(referenceDataPath(file))
  return finiteSorted(data.columns.find((c) => c.info.name === name)!)
}

describe('asymptotic p-values at published critical values', () => {
  // Upper-tail critical values of the limiting distributions (Stephens 1974 / Marsaglia & Marsaglia 2004).
  const table: [string, (x: number) => number, number, number, number][] = [
    ['Cramér-von Mises 10%', cramerVonMisesPValue, 0.3473, 0.1, 1e-4],
    ['Cramér-von Mises 5%', cramerVonMisesPValue, 0.46136, 0.05, 1e-4],
    ['Cramér-von Mises 1%', cramerVonMisesPValue, 0.74346, 0.01, 1e-4],
    ['Cramér-von Mises 0.1%', cramerVonMisesPValue, 1.16786, 0.001, 1e-4],
    ['Anderson-Darling 10%', andersonDarlingPValue, 1.933, 0.1, 1e-3],
    ['Anderson-Darling 5%', andersonDarlingPValue, 2.4924, 0.05, 1e-3],
    ['Anderson-Darling 1%', andersonDarlingPValue, 3.8781, 0.01, 1e-3],
  ]
  for (const [name, p, x, expected, tol] of table) {
    it(name, () => expect(relative(p(x), expected)).toBeLessThan(tol))
  }
  it('Kolmogorov: sqrt(n) D = 1.3581 is the 5% point for large n', () => {
    expect(relative(kolmogorovPValue(1.3581 / 1e4, 1e8), 0.05)).toBeLessThan(1e-3)
  })
  it('Kolmogorov: both series forms agree (lambda just below and above 1)', () => {
    const n = 100
    const d = (lambda: number) => lambda / (10 + 0.12 + 0.011)
    expect(Math.abs(kolmogorovPValue(d(0.999999999), n) - kolmogorovPValue(d(1.000000001), n))).toBeLessThan(
      1e-8,
    )
  })
  it('chi-square: df = 2 upper tail is exp(-x/2)', () => {
    expect(relative(chiSquarePValue(3, 2)!, Math.exp(-1.5))).toBeLessThan(1e-12)
    expect(chiSquarePValue(3, 0)).toBeNull()
  })
})

describe('statistics against an independent Python computation (math.erfc, same formulas)', () => {
  it('precip, normal MLE: KS, A², W² and the KS p-value', async () => {
    const sorted = await column('precip.csv', 'precip')
    const fit = await fitDistribution({ dist: findDistribution('normal')!, column: 'precip', sorted })
    const g = fit.goodnessOfFit!
    expect(relative(g.ks, 0.10815796737983774)).toBeLessThan(1e-12)
    expect(relative(g.ad!, 1.0076264465335072)).toBeLessThan(1e-11)
    expect(relative(g.cvm!, 0.17374828946265214)).toBeLessThan(1e-11)
    expect(relative(g.pValues.ks!, 0.3666197271642763)).toBeLessThan(1e-10)
    expect(g.pValueMethod).toBe('asymptotic')
    expect(g.note).toMatch(/ignore that the parameters were estimated/)
    expect(g.chiSquare).toBeNull()
  })

  it('discoveries, poisson MLE: grouped chi-square (6 groups, df 4)', async () => {
    const sorted = await column('discoveries.csv', 'discoveries')
    const fit = await fitDistribution({ dist: findDistribution('poisson')!, column: 'discoveries', sorted })
    const g = fit.goodnessOfFit!
    expect(relative(g.chiSquare!, 6.632181443258989)).toBeLessThan(1e-10)
    expect(g.chiSquareDf).toBe(4)
    expect(g.ad).toBeNull()
    expect(g.pValues.chiSquare).toBeGreaterThan(0.1)
  })
})

describe('statistic kernels', () => {
  it('EDF statistics of a perfect uniform grid are the known minima', () => {
    const n = 10
    const sorted = Float64Array.from({ length: n }, (_, i) => (i + 0.5) / n)
    const s = edfStatistics(sorted, (x) => x)
    expect(s.ks).toBeCloseTo(0.5 / n, 14)
    expect(s.cvm).toBeCloseTo(1 / (12 * n), 14)
  })
  it('discrete KS sees the gap below the first observed value', () => {
    // All data at 2 while the model puts half its mass at 0..1: D = 0.5 at x = 1.
    const d = discreteKs(new Float64Array([2, 2, 2]), (x) => (x < 0 ? 0 : x < 2 ? 0.5 : 1))
    expect(d).toBe(0.5)
  })
  it('chi-square merges cells until each expects at least 5', () => {
    const sorted = Float64Array.from({ length: 40 }, (_, i) => i % 4).sort()
    const uniform = { pmf: () => 0.25, cdf: (k: number) => Math.min(1, Math.max(0, (Math.floor(k) + 1) / 4)) }
    const r = groupedChiSquare(sorted, uniform)!
    expect(r.groups).toBe(4)
    expect(r.statistic).toBe(0)
  })
})

describe('parametric bootstrap', () => {
  it('is seeded, re-fits each replicate, reports progress and gives p-values in (0, 1]', async () => {
    const sorted = await column('precip.csv', 'precip')
    const progress: number[] = []
    const control = {
      live: false,
      checkpoint: () => Promise.resolve(),
      trace: () => undefined,
      report: (p: { fraction: number | null }) => progress.push(p.fraction ?? -1),
      flush: () => undefined,
    }
    const run = () =>
      fitDistribution(
        { dist: findDistribution('gamma')!, column: 'precip', sorted, bootstrap: 40, options: { seed: 7 } },
        control,
      )
    const a = (await run()).goodnessOfFit!
    const b = (await run()).goodnessOfFit!
    expect(a.pValueMethod).toBe('bootstrap')
    expect(a.pValues).toEqual(b.pValues)
    for (const key of ['ks', 'ad', 'cvm']) {
      expect(a.pValues[key]).toBeGreaterThan(0)
      expect(a.pValues[key]).toBeLessThanOrEqual(1)
      // Resolution 1/(N+1).
      expect(Math.abs(a.pValues[key]! * 41 - Math.round(a.pValues[key]! * 41))).toBeLessThan(1e-9)
    }
    expect(progress.at(-1)).toBe(1)
    expect(a.note).toMatch(/40 replicates/)
  })
})
