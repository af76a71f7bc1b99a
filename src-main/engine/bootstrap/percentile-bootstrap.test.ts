import { describe, expect, it } from 'vitest'
import { findDistribution } from '../distributions/registry'
import { RequestError } from '../errors'
import { percentileTable } from '../inference/percentiles'
import fixture from './fixtures/percentile-bootstrap.json'
import { withBootstrapIntervals } from './percentile-bootstrap'

interface Expected {
  percentile: [number, number]
  bca: [number, number] | null
}

interface Case {
  dist: string
  params: Record<string, number>
  names: string[]
  level: number
  estimates: number[][]
  jackknife: number[][] | null
  probabilities: number[]
  exceed: number[]
  percentiles: Expected[]
  exceedances: Expected[]
}

const reference = fixture as unknown as { cases: Case[] }

function tableFor(c: Case, jackknife = c.jackknife) {
  const dist = findDistribution(c.dist)!
  const model = { dist, params: c.params, ctx: {} }
  const table = percentileTable({ ...model, covariance: null, free: c.names }, c.probabilities, c.exceed)
  const stored = {
    method: 'nonparametric' as const,
    level: c.level,
    names: c.names,
    estimates: c.estimates,
    jackknife: jackknife && {
      kind: 'full' as const,
      refits: jackknife.length,
      estimates: jackknife,
      weights: jackknife.map(() => 1),
    },
  }
  return withBootstrapIntervals(table, model, stored)
}

function expectInterval(actual: [number, number] | null | undefined, expected: [number, number] | null) {
  if (expected === null) return expect(actual ?? null).toBeNull()
  expect(actual).toBeTruthy()
  expected.forEach((e, i) =>
    expect(Math.abs(actual![i] - e)).toBeLessThanOrEqual(1e-9 * Math.max(Math.abs(e), 1e-12)),
  )
}

describe('bootstrap intervals of percentiles and exceedances (numpy/SciPy reference)', () => {
  for (const c of reference.cases) {
    it(`${c.dist} over ${c.names.join(', ')}: percentile${c.jackknife ? ' and BCa' : ''} intervals`, () => {
      const table = tableFor(c)
      c.percentiles.forEach((e, i) => {
        expectInterval(table.percentiles[i].bootstrap?.percentile, e.percentile)
        expectInterval(table.percentiles[i].bootstrap?.bca, e.bca)
      })
      c.exceedances.forEach((e, i) => {
        expectInterval(table.exceedances[i].bootstrap?.percentile, e.percentile)
        expectInterval(table.exceedances[i].bootstrap?.bca, e.bca)
      })
      expect(table.bootstrap).toEqual({
        method: 'nonparametric',
        level: 0.95,
        replicates: c.estimates.length,
        bca: c.jackknife !== null,
      })
      expect(table.note).toMatch(c.jackknife ? /and BCa/ : /percentile interval only/)
    })
  }

  it('keeps the delta-method columns as they were', () => {
    const c = reference.cases[0]
    const plain = percentileTable(
      { dist: findDistribution(c.dist)!, params: c.params, ctx: {}, covariance: null, free: c.names },
      c.probabilities,
      c.exceed,
    )
    const table = tableFor(c)
    table.percentiles.forEach((r, i) =>
      expect({ ...r, bootstrap: undefined }).toEqual({ ...plain.percentiles[i], bootstrap: undefined }),
    )
    expect(table.note.startsWith(plain.note)).toBe(true)
  })

  it('rounds a discrete quantile outward to whole numbers', () => {
    const dist = findDistribution('poisson')!
    const model = { dist, params: { lambda: 3.5 }, ctx: {} }
    const table = percentileTable({ ...model, covariance: null, free: ['lambda'] }, [0.5, 0.9], [])
    const estimates = [2.9, 3.1, 3.3, 3.5, 3.6, 3.8, 4.1, 4.4].map((l) => [l])
    const stored = {
      method: 'parametric' as const,
      level: 0.9,
      names: ['lambda'],
      estimates,
      jackknife: null,
    }
    const out = withBootstrapIntervals(table, model, stored)
    for (const row of out.percentiles) {
      const [lo, hi] = row.bootstrap!.percentile!
      expect(Number.isInteger(lo) && Number.isInteger(hi) && lo <= row.estimate && row.estimate <= hi).toBe(
        true,
      )
    }
    expect(out.note).toMatch(/rounded outward/)
  })

  it('refuses replicates that do not match the fit', () => {
    const c = reference.cases[0]
    const dist = findDistribution(c.dist)!
    const model = { dist, params: c.params, ctx: {} }
    const table = percentileTable({ ...model, covariance: null, free: c.names }, [0.5], [])
    const base = { method: 'nonparametric' as const, level: 0.95, jackknife: null }
    expect(() =>
      withBootstrapIntervals(table, model, { ...base, names: ['rate'], estimates: [[1]] }),
    ).toThrow(RequestError)
    expect(() =>
      withBootstrapIntervals(table, model, { ...base, names: c.names, estimates: [[1.7]] }),
    ).toThrow(/2 values/)
  })
})
