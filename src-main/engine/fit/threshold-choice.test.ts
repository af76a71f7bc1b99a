import { describe, expect, it } from 'vitest'
import { SILENT_CONTROL } from '../control/work-control'
import { gpd } from '../distributions/gpd'
import { normal } from '../distributions/normal'
import { seededRandom } from '../random/seeded-random'
import { thresholdChoice } from './threshold-choice'

// Exact GPD data above 0 (sigma 2, xi 0.2): by threshold stability, every threshold u >= 0 has the
// same xi and sigma* = sigma - xi u = 2, and the mean excess is (sigma + xi u) / (1 - xi), linear in u.
const sorted = gpd.sample(3000, { sigma: 2, xi: 0.2 }, seededRandom(7), { threshold: 0 }).sort()

describe('threshold choice (mean excess and parameter stability)', () => {
  it('is stable on exact GPD data: xi and sigma* inside their intervals, mean excess linear', async () => {
    const r = await thresholdChoice({ column: 'x', dist: gpd, sorted }, SILENT_CONTROL)
    expect(r.meanExcess.length).toBeGreaterThan(20)
    expect(r.stability.length).toBe(r.meanExcess.length)
    const low = r.stability.filter((p) => p.n > 300)
    for (const p of low) {
      expect(p.converged).toBe(true)
      expect(p.xiLower).toBeLessThan(0.2 + 0.05)
      expect(p.xiUpper).toBeGreaterThan(0.2 - 0.05)
      expect(Math.abs(p.sigmaStar - 2)).toBeLessThan(3 * (p.sigmaStarUpper - p.sigmaStar))
    }
    for (const m of r.meanExcess.filter((m) => m.n > 300)) {
      const expected = (2 + 0.2 * m.u) / 0.8
      expect(Math.abs(m.mean - expected)).toBeLessThan(2 * (m.upper - m.mean))
    }
    // Thresholds increase and the exceedances fall.
    for (let i = 1; i < r.meanExcess.length; i++) {
      expect(r.meanExcess[i].u).toBeGreaterThan(r.meanExcess[i - 1].u)
      expect(r.meanExcess[i].n).toBeLessThan(r.meanExcess[i - 1].n)
    }
  })

  it('the mean excess counts frequency weights as repeated values', async () => {
    const values = Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15])
    const weights = Float64Array.from(values, (_, i) => 1 + (i % 3))
    const expanded = Float64Array.from(
      Array.from(values).flatMap((x, i) => new Array<number>(weights[i]).fill(x)),
    )
    const a = await thresholdChoice(
      { column: 'x', dist: gpd, sorted: values, sortedWeights: weights },
      SILENT_CONTROL,
    )
    const b = await thresholdChoice({ column: 'x', dist: gpd, sorted: expanded }, SILENT_CONTROL)
    const at = (r: typeof a, u: number) => r.meanExcess.find((m) => m.u === u)
    for (const m of a.meanExcess) if (at(b, m.u)) expect(m.mean).toBeCloseTo(at(b, m.u)!.mean, 12)
  })

  it('refuses a family without a threshold and a column too short', async () => {
    await expect(thresholdChoice({ column: 'x', dist: normal, sorted }, SILENT_CONTROL)).rejects.toThrow(
      /peaks-over-threshold/,
    )
    await expect(
      thresholdChoice({ column: 'x', dist: gpd, sorted: Float64Array.from([1, 2, 3]) }, SILENT_CONTROL),
    ).rejects.toThrow(/too few values/)
  })
})
