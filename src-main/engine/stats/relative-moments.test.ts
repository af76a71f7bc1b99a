import { describe, expect, it } from 'vitest'
import { log1pmx } from './relative-moments'

// log(1 + x) - x from mpmath at 40 digits (mp.log1p(x) - x), rounded to the nearest double.
const MPMATH: ReadonlyArray<readonly [number, number]> = [
  [-0.2499, -0.03764874800654644],
  [-0.1, -0.005360515657826301],
  [-1e-3, -5.003335835335002e-7],
  [-1e-8, -5.0000000333333335e-17],
  [1e-12, -4.999999999996667e-25],
  [3e-5, -4.4999100020249513e-10],
  [0.01, -4.966914683191715e-5],
  [0.2, -0.017678443206045374],
  [0.2499, -0.02683645188596092],
  [0.3, -0.03763573553250895],
  [-0.6, -0.3162907318741551],
  [5, -3.208240530771945],
]

describe('log1pmx', () => {
  it.each(MPMATH)('log1pmx(%s) matches mpmath to full relative precision', (x, exact) => {
    expect(Math.abs(log1pmx(x) - exact)).toBeLessThanOrEqual(1e-15 * Math.abs(exact))
  })

  it('is exactly 0 at 0', () => {
    expect(log1pmx(0)).toBe(0)
  })
})
