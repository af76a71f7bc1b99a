import { describe, expect, it } from 'vitest'
import { fitDistribution } from '../fit/fit-distribution'
import { seededRandom } from '../random/seeded-random'
import { Sample } from '../stats/sample'
import { findDistribution } from './registry'
import type { Distribution, Params } from './types'

// Weibull's fast fit: `auto` starts from `nearStart` (the MLE of the compressed sample), and the passes
// share one array of logs (the first pass over a sample takes them). Neither may change an answer.

const weibull = findDistribution('weibull')!
const relative = (a: number, b: number) => Math.abs(a - b) / Math.abs(b)

/** The family without its near start: `auto` from the moment estimate, as before it existed. */
const fromMoments: Distribution = { ...weibull, nearStart: undefined }

/** The family counting its derivative passes (the likelihood model asks again only at new points). */
function counted(): { dist: Distribution; passes: () => number } {
  let passes = 0
  const dist: Distribution = {
    ...weibull,
    derivatives: (s, p) => {
      passes++
      return weibull.derivatives!(s, p)
    },
    logLikelihood: (s, p) => {
      passes++
      return weibull.logLikelihood!(s, p)
    },
  }
  return { dist, passes: () => passes }
}

const draw = (n: number, shape: number, seed: number) =>
  weibull.sample(n, { shape, scale: 3 }, seededRandom(seed)).sort()

interface Case {
  name: string
  sorted: Float64Array
  weights?: Float64Array
  fixed?: Params
}

const cases: Case[] = [
  ...[0.3, 0.7, 1, 1.7, 5, 20].flatMap((shape) =>
    [5, 50, 2000, 100_000].map((n) => ({ name: `shape ${shape}, n ${n}`, sorted: draw(n, shape, n + 7) })),
  ),
  {
    name: 'frequency weights',
    sorted: draw(500, 2.2, 8),
    weights: Float64Array.from({ length: 500 }, (_, i) => 1 + (i % 7)),
  },
  { name: 'whole numbers with ties', sorted: draw(3000, 2, 10).map(Math.ceil) },
  {
    name: 'lognormal data',
    sorted: draw(5000, 1, 3)
      .map((x, i) => Math.exp(2 * Math.sin(i) + x))
      .sort(),
  },
  { name: 'shape held', sorted: draw(10_000, 1.7, 14), fixed: { shape: 2 } },
  { name: 'scale held', sorted: draw(10_000, 1.7, 14), fixed: { scale: 2.5 } },
  { name: 'values near 1e250 (a rescaled copy)', sorted: draw(3000, 1.3, 6).map((x) => x * 1e250) },
  {
    name: 'values near 1e9 with spread 1',
    sorted: draw(5000, 3, 5)
      .map((x) => 1e9 + x)
      .sort(),
  },
]

describe('weibull auto from the near start', () => {
  it.each(cases)('$name: the same maximum as from the moment start', async (c) => {
    const input = { column: 'x', sorted: c.sorted, sortedWeights: c.weights, fixed: c.fixed, lean: true }
    const near = await fitDistribution({ ...input, dist: weibull })
    const moments = await fitDistribution({ ...input, dist: fromMoments })
    expect(near.converged).toBe(true)
    expect(moments.converged).toBe(true)
    // Both within Newton's tolerance of the maximum: equal log-likelihoods to rounding, estimates to the
    // tolerance's 1e-5 / sqrt(n) (seen: 6e-8 at n = 5, 1e-8 at 1e9 + x, 1e-10 or less elsewhere).
    expect(Math.abs(near.logLikelihood - moments.logLikelihood)).toBeLessThan(
      1e-9 * Math.abs(moments.logLikelihood) + 1e-12,
    )
    for (const name of ['shape', 'scale']) {
      expect(relative(near.params[name], moments.params[name])).toBeLessThan(1e-6)
    }
    expect(near.health.codes).toEqual(moments.health.codes)
    expect(near.methodDetail).toBeUndefined()
    expect(near.method).toBe('newton')
  })

  it('makes two passes over the data: the start, whose decrement is negligible, and the polished step', async () => {
    for (const shape of [0.3, 1.7, 20]) {
      const { dist, passes } = counted()
      const fit = await fitDistribution({ dist, column: 'x', sorted: draw(200_000, shape, 1), lean: true })
      expect(fit.iterations).toBe(1)
      expect(passes()).toBe(2)
    }
  })

  it("starts where the user's start values are (the trace's first point), at the same maximum", async () => {
    const sorted = draw(5000, 1.7, 21)
    const plain = await fitDistribution({ dist: weibull, column: 'x', sorted })
    const start = { shape: 4, scale: 1 }
    const fit = await fitDistribution({ dist: weibull, column: 'x', sorted, options: { start } })
    // The trace holds the parameters from their log scale: the start to rounding.
    expect(fit.trace[0].params.shape).toBeCloseTo(start.shape, 12)
    expect(fit.trace[0].params.scale).toBeCloseTo(start.scale, 12)
    expect(plain.trace[0].params.shape).not.toBeCloseTo(start.shape, 1)
    expect(fit.converged).toBe(true)
    expect(relative(fit.params.shape, plain.params.shape)).toBeLessThan(1e-6)
    expect(relative(fit.params.scale, plain.params.scale)).toBeLessThan(1e-6)
  })

  it('starts from the moments when it cannot compress the data (no near start), as before', () => {
    const values = Float64Array.from({ length: 20_000 }, (_, i) => 10 ** (-200 + i / 50))
    const sample = Sample.sorted(values)
    expect(weibull.nearStart!(sample, weibull.startValues(sample), {})).toBeNull()
    expect(
      weibull.nearStart!(
        Sample.sorted(Float64Array.from([1, 2])),
        { shape: 1, scale: 1 },
        { shape: 1, scale: 1 },
      ),
    ).toBeNull()
  })
})

describe("weibull passes that take the logs and passes that read them (the shared logs' owner)", () => {
  it('give the same numbers to the last bit, weighted or not, whichever sample took them last', () => {
    const random = seededRandom(5)
    const columns = [
      draw(20_000, 1.7, 2),
      Float64Array.from({ length: 3000 }, () => 1e9 + random.normal()).sort(),
    ]
    const points: Params[] = [
      { shape: 1.7, scale: 3 },
      { shape: 0.4, scale: 10 },
      { shape: 2e9, scale: 1e9 + 0.5 },
    ]
    for (const sorted of columns) {
      for (const weights of [undefined, Float64Array.from(sorted, (_, i) => 1 + (i % 4))]) {
        const other = Sample.sorted(draw(500, 3, 9))
        for (const p of points) {
          const sample = Sample.sorted(sorted, weights)
          const taking = weibull.derivatives!(sample, p)
          expect(weibull.derivatives!(sample, p)).toEqual(taking)
          expect(weibull.logLikelihood!(sample, p)).toBe(taking.logLikelihood)
          // Another sample takes the shared logs; this one takes them back.
          weibull.logLikelihood!(other, p)
          expect(weibull.derivatives!(sample, p)).toEqual(taking)
          // A fresh sample of the same values: its first pass also sums the logs' mean.
          expect(weibull.derivatives!(Sample.sorted(sorted, weights), p)).toEqual(taking)
        }
      }
    }
  })
})
