import { describe, expect, it } from 'vitest'
import { findDistribution } from '../distributions/registry'
import { diagnostics } from './explorer'

const normal = findDistribution('normal')!

describe('diagnostics bands', () => {
  // 20 sorted values; the band depends only on n and the fitted quantile function, not on the data.
  const sorted = Float64Array.from({ length: 20 }, (_, i) => i / 4 - 1)
  const d = diagnostics(normal, sorted, { mu: 1, sigma: 2 }, {})

  it('bounds F(X_(i)) by the Beta(i, n - i + 1) 2.5% and 97.5% points (scipy beta.ppf)', () => {
    // scipy.stats.beta.ppf(0.025 | 0.975, i + 1, n - i) for n = 20, i = 0, 9, 19 (0-based).
    const ref: [number, number, number][] = [
      [0, 0.0012650894979498038, 0.1684334709830853],
      [9, 0.27195784956079183, 0.6847218669594515],
      [19, 0.8315665290169146, 0.9987349105020502],
    ]
    for (const [i, lo, hi] of ref) {
      expect(d.pp.lower![i]).toBeCloseTo(lo, 10)
      expect(d.pp.upper![i]).toBeCloseTo(hi, 10)
    }
  })

  it('maps the band through the fitted quantile function on Q-Q (scipy norm.ppf(beta.ppf(...), 1, 2))', () => {
    expect(d.qq.lower![0]).toBeCloseTo(-5.03941741772394, 8)
    expect(d.qq.upper![0]).toBeCloseTo(-0.9207483052694827, 8)
    expect(d.qq.lower![9]).toBeCloseTo(-0.21380475833839085, 8)
    expect(d.qq.upper![19]).toBeCloseTo(7.039417417723946, 8)
  })

  it('gives the fitted density for the hazard, n and probability-paper ticks', () => {
    expect(d.cdf.density![0]).toBeCloseTo(
      Math.exp(-((sorted[0] - 1) ** 2) / 8) / (2 * Math.sqrt(2 * Math.PI)),
      12,
    )
    expect(d.n).toBe(20)
    const half = d.ticks!.p.indexOf(0.5)
    expect(d.ticks!.q[half]).toBeCloseTo(1, 12)
  })

  it('with frequency weights bounds each value at the middle rank of the observations it stands for', () => {
    // Values 0 and 1 with weights 1 and 3 (n = 4): 0 is rank 1 of 4, 1 covers ranks 2-4 (middle 3).
    // scipy.stats.beta.ppf(0.025, 1, 4), beta.ppf(0.025 | 0.975, 3, 2).
    const w = diagnostics(
      normal,
      Float64Array.from([0, 1]),
      { mu: 1, sigma: 2 },
      {},
      Float64Array.from([1, 3]),
    )
    expect(w.n).toBe(4)
    expect(w.pp.lower![0]).toBeCloseTo(0.006309463209709866, 10)
    expect(w.pp.lower![1]).toBeCloseTo(0.19412044968324338, 10)
    expect(w.pp.upper![1]).toBeCloseTo(0.932414013511457, 10)
    // Unit weights change nothing.
    const ones = diagnostics(normal, sorted, { mu: 1, sigma: 2 }, {}, new Float64Array(20).fill(1))
    expect(ones).toEqual(d)
  })
})
