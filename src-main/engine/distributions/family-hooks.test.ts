import { describe, expect, it } from 'vitest'
import type { CullenFreyShape } from '../../../src-shared/contract'
import { familyCases, familyOf } from '../../../test/support/family-cases'
import { seededRandom } from '../random/seeded-random'
import { Sample } from '../stats/sample'
import { summarize } from '../stats/summary'
import { describeDistributions, distributions } from './registry'
import { complementText, inSupport, supportText } from './support'
import type { Distribution, FamilyContext, Params } from './types'

// The contract of the optional hooks, walked over every registry entry: generic code trusts them, so a new
// family that declares one wrongly fails here rather than in a fit.

const N = 3000

/** A sorted seeded sample of the family's first valid case, with its context and parameters. */
function firstCase(d: Distribution): { p: Params; ctx?: FamilyContext; data: Sample } {
  const c = familyCases.find((k) => k.id === d.id && !k.extreme)!
  const p = c.valid[0]
  return { p, ctx: c.ctx, data: Sample.sorted(d.sample(N, p, seededRandom(17), c.ctx).sort()) }
}

function logLikelihood(d: Distribution, data: Sample, p: Params, ctx?: FamilyContext): number {
  let s = 0
  for (const x of data.values) s += d.logPdf(x, p, ctx)
  return s
}

describe.each(distributions.map((d) => ({ id: d.id, d })))('$id declares itself consistently', ({ d }) => {
  it('support: draws are inside, listed outside points are not, the text and flags agree', () => {
    const { p, ctx, data } = firstCase(d)
    for (const x of data.values) {
      expect(inSupport(d, x, ctx), `${x}`).toBe(true)
      expect(d.logPdf(x, p, ctx), `${x}`).toBeGreaterThan(-Infinity)
    }
    for (const c of familyCases.filter((k) => k.id === d.id)) {
      for (const x of c.outside) expect(inSupport(d, x, c.ctx), `${x}`).toBe(false)
    }
    expect(inSupport(d, NaN, ctx)).toBe(false)
    expect(d.support.integer).toBe(d.discrete)
    expect(d.support.upperIsTrials).toBe(d.needsTrials === true)
    expect(supportText(d.support)).toMatch(/x/)
    expect(complementText(d.support)).toMatch(/^(<=? -?\d|outside it$)/)
    expect(describeDistributions().find((i) => i.id === d.id)).toMatchObject({
      support: supportText(d.support),
      supportRange: d.support,
      needsTrials: d.needsTrials === true,
      cullenFrey: d.cullenFrey ?? null,
    })
  })

  it('hooks name only its own parameters', () => {
    const names = d.params.map((s) => s.name)
    const { p, data } = firstCase(d)
    const special = d.nonRegular?.(p, data.n, names)
    if (special && 'boundary' in special) {
      for (const name of Object.keys(special.boundary)) expect(names).toContain(name)
    } else if (special && 'caution' in special) {
      expect(special.caution).toMatch(/\w/)
    } else if (special) {
      expect(special.covariance).toHaveLength(names.length)
      for (const [j, row] of special.covariance.entries()) expect(row[j]).toBeGreaterThan(0)
    }
    for (const a of d.limitAdvice ?? []) expect(names).toContain(a.param)
    expect(d.fitCost ?? 1).toBeGreaterThan(0)
  })

  // Only families with the hook get the test (a skipped test per family would read as missing coverage).
  if (d.profileShortcut)
    it('profile shortcut: the other parameter is at its maximum', () => {
      const { p, ctx, data } = firstCase(d)
      // A family may shortcut some parameters only (null: Newton does that inner fit), but at least one.
      const held = d.params.filter((h) => d.profileShortcut!(data, h.name, p[h.name], p) !== null)
      expect(held.length).toBeGreaterThan(0)
      for (const h of held) {
        const point = d.profileShortcut!(data, h.name, p[h.name], p)!
        const inner = point.params
        expect(inner[h.name]).toBe(p[h.name])
        const best = logLikelihood(d, data, inner, ctx)
        // A log-likelihood given with the point is the one at its parameters.
        if (point.logLikelihood !== undefined) {
          expect(Math.abs(point.logLikelihood - best)).toBeLessThan(1e-10 * Math.max(1, Math.abs(best)))
        }
        for (const other of d.params.filter((s) => s !== h)) {
          for (const f of [0.99, 1.01]) {
            const v = inner[other.name]
            const moved = { ...inner, [other.name]: v === 0 ? f - 1 : v * f }
            expect(logLikelihood(d, data, moved, ctx)).toBeLessThanOrEqual(best)
          }
        }
      }
    })

  if (d.epochKernel)
    it('epoch kernel: mean log-likelihood and its theta gradient', () => {
      const { p, ctx, data } = firstCase(d)
      const validation = Sample.unsorted(data.values.slice(0, 500).reverse())
      const kernel = d.epochKernel!(Sample.unsorted(data.values.slice(500)), validation, {})
      const toTheta = (v: number, domain: string) => (domain === 'positive' ? Math.log(v) : v)
      const fromTheta = (t: number, domain: string) => (domain === 'positive' ? Math.exp(t) : t)
      const theta = Float64Array.from(d.params, (s) => toTheta(p[s.name] * 1.1 + 0.1, s.domain))
      const params = (t: Float64Array) =>
        Object.fromEntries(d.params.map((s, j) => [s.name, fromTheta(t[j], s.domain)]))
      const mean = (part: Float64Array, t: Float64Array) =>
        logLikelihood(d, Sample.unsorted(part), params(t), ctx) / part.length
      const grad = new Float64Array(theta.length)
      const train = data.values.slice(500)
      expect(kernel.train(theta, grad)).toBeCloseTo(mean(train, theta), 10)
      expect(kernel.validation(theta)).toBeCloseTo(mean(validation.values, theta), 10)
      for (let j = 0; j < theta.length; j++) {
        const h = 1e-6
        const up = theta.slice()
        const down = theta.slice()
        up[j] += h
        down[j] -= h
        expect(grad[j]).toBeCloseTo((mean(train, up) - mean(train, down)) / (2 * h), 6)
      }
    })
})

/** Distance from a point to a polyline (Cullen-Frey curves). */
function distanceToCurve(points: [number, number][], x: number, y: number): number {
  let best = Infinity
  for (let i = 0; i + 1 < points.length; i++) {
    const [x0, y0] = points[i]
    const [x1, y1] = points[i + 1]
    const dx = x1 - x0
    const dy = y1 - y0
    const t = Math.min(1, Math.max(0, ((x - x0) * dx + (y - y0) * dy) / (dx * dx + dy * dy || 1)))
    best = Math.min(best, Math.hypot(x - x0 - t * dx, y - y0 - t * dy))
  }
  return best
}

/** Whether (x, y) is inside a polygon (ray casting). */
function insidePolygon(polygon: [number, number][], x: number, y: number): boolean {
  let inside = false
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [xi, yi] = polygon[i]
    const [xj, yj] = polygon[j]
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside
  }
  return inside
}

/** How far the sample's (skewness², kurtosis) is from the family's place, relative to the kurtosis. */
function miss(shape: CullenFreyShape, skew2: number, kurtosis: number): number {
  if (shape.kind === 'point') return Math.hypot(skew2 - shape.skewness2, kurtosis - shape.kurtosis) / kurtosis
  if (shape.kind === 'curve') return distanceToCurve(shape.points, skew2, kurtosis) / kurtosis
  return insidePolygon(shape.polygon, skew2, kurtosis) ? 0 : Infinity
}

const drawn = familyCases.flatMap((c) => {
  const d = familyOf(c)
  return d.cullenFrey
    ? c.valid.map((p) => ({ name: `${c.id} ${JSON.stringify(p)}`, d, p, shape: d.cullenFrey! }))
    : []
})

describe('Cullen-Frey places agree with the moments of a million draws', () => {
  it.each(drawn)('$name', ({ d, p, shape }) => {
    const data = d.sample(1_000_000, p, seededRandom(5)).sort()
    const s = summarize('x', data)
    const skew2 = s.skewness ** 2
    const kurtosis = s.kurtosis + 3
    // Sample kurtosis of very skewed shapes converges too slowly to check; those only must be finite.
    if (skew2 > 10) return
    expect(miss(shape, skew2, kurtosis), `(${skew2}, ${kurtosis})`).toBeLessThanOrEqual(0.1)
    if (shape.kind === 'curve') {
      for (const [x, y] of shape.points) expect(y).toBeGreaterThanOrEqual(x + 1)
      expect(Math.max(...shape.points.map(([x]) => x))).toBeLessThanOrEqual(101)
    }
  })
})
