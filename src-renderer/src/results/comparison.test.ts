import { describe, expect, it } from 'vitest'
import {
  syntheticGradientFit,
  syntheticNormalFit,
  syntheticPoissonFit,
} from '../../../test/support/renderer/synthetic-fits'
import { compareFits, sortRows } from './comparison'

const withAic = (aic: number, dist: string) => ({ ...syntheticNormalFit(), aic, dist, distLabel: dist })

describe('compareFits', () => {
  it('computes ΔAIC and Akaike weights (reference values from Python math.exp)', () => {
    const rows = compareFits([withAic(104, 'c'), withAic(100, 'a'), withAic(101.5, 'b')])
    expect(rows.map((r) => r.dist)).toEqual(['a', 'b', 'c'])
    expect(rows.map((r) => r.deltaAic)).toEqual([0, 1.5, 4])
    const expected = [0.6220058829452726, 0.2938147747114895, 0.08417934234323783]
    rows.forEach((r, i) =>
      expect(Math.abs(r.akaikeWeight - expected[i])).toBeLessThan(4 * Number.EPSILON * expected[i]),
    )
  })

  it('gives a non-finite AIC weight 0 and ranks it last', () => {
    const rows = compareFits([withAic(NaN, 'bad'), withAic(10, 'good')])
    expect(rows.map((r) => [r.dist, r.akaikeWeight])).toEqual([
      ['good', 1],
      ['bad', 0],
    ])
  })

  it('carries KS and AD when computed and null otherwise', () => {
    const rows = compareFits([syntheticNormalFit(), syntheticGradientFit(10)])
    expect(rows.find((r) => r.dist === 'normal')?.ks).toBe(0.021)
    expect(rows.find((r) => r.dist === 'gamma')?.ks).toBeNull()
    expect(rows.find((r) => r.dist === 'gamma')?.k).toBe(2)
  })
})

describe('sortRows', () => {
  it('sorts either way within groups (discrete first) and keeps missing values last', () => {
    const rows = compareFits([syntheticNormalFit(), syntheticGradientFit(10), syntheticPoissonFit()])
    expect(sortRows(rows, 'ks', 'desc').map((r) => r.ks)).toEqual([0.03, 0.021, null])
    expect(sortRows(rows, 'ks', 'asc').map((r) => r.ks)).toEqual([0.03, 0.021, null])
    expect(sortRows(rows, 'label', 'asc').map((r) => r.label)).toEqual(['Poisson', 'Gamma', 'Normal'])
    expect(sortRows(rows, 'label', 'desc').map((r) => r.label)).toEqual(['Poisson', 'Normal', 'Gamma'])
  })

  it('never sorts a fit that did not converge above one that did (issue 11)', () => {
    const stuck = { ...withAic(-1e4, 'stuck'), converged: false }
    const rows = compareFits([stuck, withAic(100, 'fine')])
    expect(rows.map((r) => r.dist)).toEqual(['fine', 'stuck'])
    expect(sortRows(rows, 'aic', 'asc').map((r) => r.dist)).toEqual(['fine', 'stuck'])
    expect(rows[1].akaikeWeight).toBe(0)
  })
})
