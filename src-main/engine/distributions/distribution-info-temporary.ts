import gammaln from '@stdlib/math-base-special-gammaln'
import type { CullenFreyShape, SupportRange } from '../../../src-shared/contract'

/*
 * TEMPORARY (phase 1, renderer branch): the structured support, the trials flag and the Cullen-Frey shape
 * of each family, keyed by id, so that describeDistributions() can hand the renderer the fields of
 * SPEC-phase1.md before the engine branch lands. The engine branch replaces this file with family hooks
 * (`Distribution.support`, `needsTrials`, `cullenFrey`); delete it then.
 */

/** Largest skewness² the curves and the region reach (the chart clips them to its own range). */
const MAX_SKEWNESS2 = 100

const range = (lower: number, upper: number, extra: Partial<SupportRange> = {}): SupportRange => ({
  lower,
  upper,
  lowerClosed: false,
  upperClosed: false,
  integer: false,
  upperIsTrials: false,
  estimatedEnds: false,
  ...extra,
})
const REAL = range(-Infinity, Infinity)
const POSITIVE = range(0, Infinity)
const COUNTS = range(0, Infinity, { lowerClosed: true, integer: true })

/** Lognormal(σ): β1 = (w + 2)²(w − 1), β2 = w⁴ + 2w³ + 3w² − 3 with w = exp(σ²). */
function lognormalCurve(): [number, number][] {
  const out: [number, number][] = []
  for (let s = 0.01; s < 3; s += 0.01) {
    const w = Math.exp(s * s)
    const b1 = (w + 2) ** 2 * (w - 1)
    if (b1 > MAX_SKEWNESS2) break
    out.push([b1, w ** 4 + 2 * w ** 3 + 3 * w ** 2 - 3])
  }
  return out
}

/** Weibull(shape k), Γi = Γ(1 + i/k): skewness and kurtosis from the raw moments, k from 20 down to 0.5. */
function weibullCurve(): [number, number][] {
  const out: [number, number][] = []
  for (let k = 20; k >= 0.5; k *= 0.97) {
    const g = (i: number) => Math.exp(gammaln(1 + i / k))
    const [g1, g2, g3, g4] = [g(1), g(2), g(3), g(4)]
    const v = g2 - g1 * g1
    const skew = (g3 - 3 * g1 * g2 + 2 * g1 ** 3) / v ** 1.5
    const kurt = (g4 - 4 * g1 * g3 + 6 * g1 * g1 * g2 - 3 * g1 ** 4) / (v * v)
    if (skew * skew > MAX_SKEWNESS2) break
    out.push([skew * skew, kurt])
  }
  return out
}

const point = (skewness2: number, kurtosis: number): CullenFreyShape => ({
  kind: 'point',
  skewness2,
  kurtosis,
})
/** Gamma(shape k): β1 = 4/k, β2 = 3 + 6/k, the line β2 = 3 + 1.5 β1. */
const GAMMA_LINE: [number, number][] = [
  [0, 3],
  [MAX_SKEWNESS2, 3 + 1.5 * MAX_SKEWNESS2],
]

interface InfoExtras {
  supportRange: SupportRange
  needsTrials?: boolean
  cullenFrey?: () => CullenFreyShape
}

const EXTRAS: Record<string, InfoExtras> = {
  normal: { supportRange: REAL, cullenFrey: () => point(0, 3) },
  lognormal: { supportRange: POSITIVE, cullenFrey: () => ({ kind: 'curve', points: lognormalCurve() }) },
  exponential: { supportRange: range(0, Infinity, { lowerClosed: true }), cullenFrey: () => point(4, 9) },
  gamma: { supportRange: POSITIVE, cullenFrey: () => ({ kind: 'curve', points: GAMMA_LINE }) },
  weibull: { supportRange: POSITIVE, cullenFrey: () => ({ kind: 'curve', points: weibullCurve() }) },
  beta: {
    supportRange: range(0, 1),
    // Between the bound no distribution crosses (β2 = β1 + 1) and the gamma line.
    cullenFrey: () => ({
      kind: 'region',
      polygon: [[0, 1], [MAX_SKEWNESS2, MAX_SKEWNESS2 + 1], ...GAMMA_LINE.slice().reverse()],
    }),
  },
  logistic: { supportRange: REAL, cullenFrey: () => point(0, 4.2) },
  laplace: { supportRange: REAL },
  cauchy: { supportRange: REAL },
  gumbel: { supportRange: REAL },
  student_t: { supportRange: REAL },
  pareto: { supportRange: range(0, Infinity, { estimatedEnds: true }) },
  inverse_gaussian: { supportRange: POSITIVE },
  rayleigh: { supportRange: POSITIVE },
  uniform: {
    supportRange: range(-Infinity, Infinity, { estimatedEnds: true }),
    cullenFrey: () => point(0, 1.8),
  },
  poisson: { supportRange: COUNTS },
  bernoulli: { supportRange: range(0, 1, { lowerClosed: true, upperClosed: true, integer: true }) },
  binomial: { supportRange: { ...COUNTS, upperIsTrials: true }, needsTrials: true },
  geometric: { supportRange: COUNTS },
  negative_binomial: { supportRange: COUNTS },
}

/** The SPEC-phase1 fields of DistributionInfo for family `id` (temporary: see the top of this file). */
export function temporaryInfoExtras(id: string): {
  supportRange: SupportRange
  needsTrials: boolean
  cullenFrey: CullenFreyShape | null
} {
  const extras = EXTRAS[id] ?? { supportRange: REAL }
  return {
    supportRange: extras.supportRange,
    needsTrials: extras.needsTrials ?? false,
    cullenFrey: extras.cullenFrey?.() ?? null,
  }
}
