import { describe, expect, it } from 'vitest'
import { findDistribution } from '../distributions/registry'
import { RequestError } from '../errors'
import fixture from './fixtures/percentiles.json'
import { percentileTable } from './percentiles'

interface Expected {
  estimate: number
  standardError: number | null
  ci95: [number, number] | null
}

interface Case {
  dist: string
  params: Record<string, number>
  free: string[]
  covariance: number[][]
  probabilities: number[]
  exceed: number[]
  percentiles: Expected[]
  exceedances: Expected[]
}

const reference = fixture as unknown as { cases: Case[] }

function close(actual: number | null | undefined, expected: number | null, rel: number) {
  if (expected === null) return expect(actual ?? null).toBeNull()
  expect(actual).not.toBeNull()
  expect(Math.abs(actual! - expected)).toBeLessThanOrEqual(rel * Math.max(Math.abs(expected), 1e-12))
}

function expectRow(
  actual: { estimate: number; standardError: number | null; ci95: [number, number] | null },
  expected: Expected,
) {
  close(actual.estimate, expected.estimate, 1e-8)
  close(actual.standardError, expected.standardError, 1e-5)
  close(actual.ci95?.[0], expected.ci95?.[0] ?? null, 1e-5)
  close(actual.ci95?.[1], expected.ci95?.[1] ?? null, 1e-5)
}

describe('percentileTable against SciPy ppf/sf and the delta method (fixtures/make-percentiles.py)', () => {
  for (const c of reference.cases) {
    it(`${c.dist} (free: ${c.free.join(', ')})`, () => {
      const dist = findDistribution(c.dist)!
      const table = percentileTable(
        { dist, params: c.params, ctx: {}, covariance: c.covariance, free: c.free },
        c.probabilities,
        c.exceed,
      )
      table.percentiles.forEach((row, i) => {
        expect(row.p).toBe(c.probabilities[i])
        expectRow(row, c.percentiles[i])
        expect(row.method).toBe(c.percentiles[i].standardError === null ? 'none' : 'delta')
      })
      table.exceedances.forEach((row, i) => {
        expect(row.x).toBe(c.exceed[i])
        expectRow(row, c.exceedances[i])
      })
    })
  }
})

describe('percentileTable edges', () => {
  const gamma = findDistribution('gamma')!
  const params = { shape: 2.5, rate: 0.5 }

  it('gives estimates without intervals when the fit has no covariance, and says why', () => {
    const table = percentileTable(
      { dist: gamma, params, ctx: {}, covariance: null, free: ['shape', 'rate'] },
      [0.5],
      [3],
    )
    expect(table.percentiles[0]).toMatchObject({ standardError: null, ci95: null, method: 'none' })
    expect(table.percentiles[0].estimate).toBeCloseTo(4.35146, 4)
    expect(table.exceedances[0].method).toBe('none')
    expect(table.note).toMatch(/no usable covariance/)
  })

  it('keeps quantile intervals of a positive family above 0 and probability intervals inside (0, 1)', () => {
    const covariance = [
      [4, 0],
      [0, 0.5],
    ]
    const table = percentileTable(
      { dist: gamma, params, ctx: {}, covariance, free: ['shape', 'rate'] },
      [0.01],
      [0.01, 60],
    )
    expect(table.percentiles[0].ci95![0]).toBeGreaterThan(0)
    for (const row of table.exceedances) {
      expect(row.ci95![0]).toBeGreaterThan(0)
      expect(row.ci95![1]).toBeLessThanOrEqual(1)
      expect(row.ci95![0]).toBeLessThan(row.estimate)
    }
  })

  it('gives no interval where the probability is exactly 0 or 1 (outside the support)', () => {
    const table = percentileTable(
      {
        dist: gamma,
        params,
        ctx: {},
        covariance: [
          [0.09, 0.016],
          [0.016, 0.0036],
        ],
        free: ['shape', 'rate'],
      },
      [],
      [-1],
    )
    expect(table.exceedances[0]).toMatchObject({ estimate: 1, ci95: null, method: 'none' })
  })

  it('rejects a covariance of the wrong size and unknown parameter names', () => {
    expect(() =>
      percentileTable(
        { dist: gamma, params, ctx: {}, covariance: [[1]], free: ['shape', 'rate'] },
        [0.5],
        [],
      ),
    ).toThrow(RequestError)
    expect(() =>
      percentileTable({ dist: gamma, params, ctx: {}, covariance: [[1]], free: ['nu'] }, [0.5], []),
    ).toThrow(/no parameter "nu"/)
  })

  it('describes a peaks-over-threshold fit as conditional on the threshold', () => {
    const gpd = findDistribution('gpd')!
    const table = percentileTable(
      {
        dist: gpd,
        params: { sigma: 2, xi: 0.1 },
        ctx: { threshold: 10 },
        covariance: [
          [0.04, 0],
          [0, 0.01],
        ],
        free: ['sigma', 'xi'],
      },
      [0.5],
      [15],
    )
    expect(table.percentiles[0].estimate).toBeGreaterThan(10)
    expect(table.note).toMatch(/threshold 10/)
  })
})
