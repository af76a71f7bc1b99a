import { describe, expect, it } from 'vitest'
import { temporaryInfoExtras } from './distribution-info-temporary'

// Temporary with the file it tests: the engine branch's family hooks replace both.
const curve = (id: string) => {
  const shape = temporaryInfoExtras(id).cullenFrey
  if (shape?.kind !== 'curve') throw new Error(`${id} has no curve`)
  return shape.points
}

describe('Cullen-Frey shapes (temporary mapping)', () => {
  it('matches the lognormal moments at σ = 0.5 (exact formula, computed in Python)', () => {
    // σ = 0.5 is the 50th point (σ = 0.01, 0.02, ...); the accumulated step adds rounding of ~1e-15 to σ.
    const [b1, b2] = curve('lognormal')[49]
    expect(Math.abs(b1 - 3.0631638287130576)).toBeLessThan(1e-12 * 3.06)
    expect(Math.abs(b2 - 8.898445673784778)).toBeLessThan(1e-12 * 8.9)
    expect(curve('lognormal').every(([x]) => x <= 100)).toBe(true)
  })

  it('passes the Weibull curve through the exponential (shape 1) and the gamma line through both', () => {
    const nearest = curve('weibull').reduce((best, p) =>
      Math.hypot(p[0] - 4, p[1] - 9) < Math.hypot(best[0] - 4, best[1] - 9) ? p : best,
    )
    expect(Math.hypot(nearest[0] - 4, nearest[1] - 9)).toBeLessThan(0.4)
    const [a, b] = curve('gamma')
    expect(a).toEqual([0, 3])
    // β2 = 3 + 1.5 β1 runs through the exponential (4, 9).
    expect(a[1] + ((b[1] - a[1]) / (b[0] - a[0])) * 4).toBe(9)
  })

  it('gives the beta region between β2 = β1 + 1 and the gamma line; families off the plot give null', () => {
    expect(temporaryInfoExtras('beta').cullenFrey).toEqual({
      kind: 'region',
      polygon: [
        [0, 1],
        [100, 101],
        [100, 153],
        [0, 3],
      ],
    })
    expect(temporaryInfoExtras('cauchy').cullenFrey).toBeNull()
    expect(temporaryInfoExtras('binomial')).toMatchObject({
      needsTrials: true,
      supportRange: { upperIsTrials: true },
    })
  })
})
