import { countTable } from '../stats/count-table'
import { moments } from '../stats/sample-moments'
import { searchDiscreteQuantile } from './discrete-quantile'
import { param } from './param'
import { clampUnit } from './start-guards'
import { COUNTS, isCount } from './support'
import type { Distribution, Params } from './types'

/** A count family on 0, 1, 2, ... that extra zeros inflate (poisson, negative binomial). */
type Base = Pick<Distribution, 'params' | 'logPdf' | 'cdf' | 'quantile' | 'startValues' | 'sample'>

const validPi = (pi: number) => pi >= 0 && pi <= 1

function baseParams(base: Base, p: Params): Params {
  const out: Params = {}
  for (const s of base.params) out[s.name] = p[s.name]
  return out
}

/** log(e^a + e^b) without overflow. */
function logAddExp(a: number, b: number): number {
  const m = Math.max(a, b)
  return m === -Infinity ? -Infinity : m + Math.log(Math.exp(a - m) + Math.exp(b - m))
}

/**
 * The zero-inflated form of a count family: a structural zero with probability pi, else a draw from the
 * base, so P(0) = pi + (1 - pi) P_base(0) and P(x) = (1 - pi) P_base(x) for x >= 1. The log-likelihood
 * sums over the count table (each distinct value once, times its count).
 */
export function zeroInflated(
  base: Base & Pick<Distribution, 'id'>,
  id: string,
  label: string,
): Omit<Distribution, 'fitCost'> {
  const logPdf = (x: number, p: Params) => {
    const bp = baseParams(base, p)
    const lb = base.logPdf(x, bp)
    if (Number.isNaN(lb) || !validPi(p.pi)) return NaN
    if (!isCount(x)) return -Infinity
    if (x > 0) return Math.log1p(-p.pi) + lb
    return logAddExp(Math.log(p.pi), Math.log1p(-p.pi) + lb)
  }
  const cdf = (x: number, p: Params) => {
    const c = base.cdf(x, baseParams(base, p))
    if (Number.isNaN(c) || !validPi(p.pi)) return NaN
    return x < 0 ? 0 : p.pi + (1 - p.pi) * c
  }
  return {
    id,
    label,
    discrete: true,
    params: [...base.params, param('pi', 'π', 'unit-interval')],
    support: COUNTS,
    logPdf,
    cdf,
    quantile(q, p) {
      if (!(q >= 0 && q <= 1) || Number.isNaN(cdf(0, p))) return NaN
      if (q <= cdf(0, p)) return 0
      if (q === 1) return Infinity
      const guess = base.quantile((q - p.pi) / (1 - p.pi), baseParams(base, p))
      return searchDiscreteQuantile((k) => cdf(k, p), q, guess, Infinity)
    },
    // The base family's moments, and pi from the zeros the base does not explain.
    startValues(data) {
      const bp = base.startValues(data)
      const t = countTable(data)
      const zeros = t.values[0] === 0 ? t.counts[0] / t.n : 0
      const baseZero = Math.exp(base.logPdf(0, bp))
      return { ...bp, pi: clampUnit((zeros - baseZero) / (1 - baseZero), moments(data).n) }
    },
    startIsMoments: false,
    nestedAt: { param: 'pi', value: 0, family: base.id, onBoundary: true },
    logLikelihood(data, p) {
      const { values, counts } = countTable(data)
      let ll = 0
      for (let i = 0; i < values.length; i++) ll += counts[i] * logPdf(values[i], p)
      return ll
    },
    sample(n, p, random) {
      const out = base.sample(n, baseParams(base, p), random)
      for (let i = 0; i < n; i++) if (random.uniform() < p.pi) out[i] = 0
      return out
    },
  }
}
