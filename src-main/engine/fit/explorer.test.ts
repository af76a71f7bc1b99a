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
})
