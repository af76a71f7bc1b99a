import { describe, expect, it } from 'vitest'
import type { PercentileTable } from '../../../src-shared/contract'
import { percentileDisplay } from './percentile-display'

const delta = { standardError: 0.5, ci95: [1, 3] as [number, number], method: 'delta' as const }
const plain: PercentileTable = {
  percentiles: [{ p: 0.5, estimate: 2, ...delta }],
  exceedances: [{ x: 10, estimate: 0.2, ...delta, ci95: [0.1, 0.3] }],
  note: 'Delta method.',
}
const fmt = (v: number) => v.toFixed(2)

describe('percentileDisplay', () => {
  it('shows only the delta-method column without bootstrap replicates', () => {
    const d = percentileDisplay(plain, fmt)
    expect(d.columns).toEqual(['95% interval'])
    expect(d.rows.map((r) => [r.name, ...r.intervals])).toEqual([
      ['P50', '1.00 – 3.00'],
      ['P(X > 10.00)', '0.10 – 0.30'],
    ])
    expect(d.source).toBeUndefined()
  })

  it('adds the bootstrap percentile and BCa columns when the fit has replicates with a jackknife', () => {
    const table: PercentileTable = {
      ...plain,
      percentiles: [{ ...plain.percentiles[0], bootstrap: { percentile: [1.2, 2.9], bca: [1.3, 3.1] } }],
      exceedances: [{ ...plain.exceedances[0], bootstrap: { percentile: null, bca: null } }],
      bootstrap: { method: 'nonparametric', level: 0.95, replicates: 999, bca: true },
    }
    const d = percentileDisplay(table, fmt, String)
    expect(d.columns).toEqual(['95% interval', '95% bootstrap (percentile)', '95% BCa'])
    expect(d.rows.map((r) => [r.name, ...r.intervals])).toEqual([
      ['P50', '1.00 – 3.00', '1.20 – 2.90', '1.30 – 3.10'],
      ['P(X > 10)', '0.10 – 0.30', '—', '—'],
    ])
    expect(d.source).toBe('999 nonparametric bootstrap replicates')
  })

  it('says "percentile only" and leaves BCa out when the bootstrap kept no jackknife', () => {
    const table: PercentileTable = {
      ...plain,
      percentiles: [{ ...plain.percentiles[0], bootstrap: { percentile: [1.2, 2.9], bca: null } }],
      exceedances: [{ ...plain.exceedances[0], bootstrap: { percentile: [0.15, 0.25], bca: null } }],
      bootstrap: { method: 'parametric', level: 0.9, replicates: 200, bca: false },
    }
    const d = percentileDisplay(table, fmt)
    expect(d.columns).toEqual(['95% interval', '90% bootstrap (percentile only)'])
    expect(d.rows.map((r) => r.intervals)).toEqual([
      ['1.00 – 3.00', '1.20 – 2.90'],
      ['0.10 – 0.30', '0.15 – 0.25'],
    ])
  })
})
