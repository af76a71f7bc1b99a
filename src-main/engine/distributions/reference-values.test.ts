import { describe, expect, it } from 'vitest'
import reference from './fixtures/reference-values.json'
import gammaln from '@stdlib/math-base-special-gammaln'
import { findDistribution } from './registry'

const EPS = Number.EPSILON

interface Row {
  dist: string
  params: Record<string, number>
  x: number
  logPdf: number
  cdf: number
  trials?: number
}

/**
 * Allowed error in multiples of EPS * |expected| (log densities: EPS * max(|expected|, 1), since a log
 * density near 0 is a difference of O(1) terms). Most kernels land within a few ulp; the looser ones are
 * the stdlib incomplete beta behind the t, beta, binomial and negative binomial CDFs and the large-shape
 * incomplete gamma, where ~1e-13 relative is the state of the art in double precision.
 */
const ULPS: Record<string, { logPdf: number; cdf: number }> = {
  default: { logPdf: 64, cdf: 64 },
  poisson: { logPdf: 64, cdf: 256 },
}

/**
 * Size of the terms that cancel in a log density with a large shape (gamma) or mean (Poisson): the
 * result inherits EPS times this, not EPS times itself (e.g. 30000 log 30000 - 30000 - lgamma(30000)).
 */
function termSize(r: Row): number {
  const { params: p, x } = r
  if (r.dist === 'gamma')
    return p.shape * Math.abs(Math.log(p.rate * x)) + p.rate * x + Math.abs(gammaln(p.shape))
  if (r.dist === 'poisson') return x * Math.abs(Math.log(p.lambda)) + p.lambda + gammaln(x + 1)
  return 1
}

const rows = (reference as unknown as Row[]).map((r) => ({
  ...r,
  name: `${r.dist} ${JSON.stringify(r.params)} x=${r.x}`,
}))

describe('log density and CDF match independent mpmath values', () => {
  it.each(rows)('$name', (r) => {
    const d = findDistribution(r.dist)!
    const ctx = r.trials !== undefined ? { trials: r.trials } : undefined
    const k = ULPS[r.dist] ?? ULPS.default
    const lp = d.logPdf(r.x, r.params, ctx)
    const c = d.cdf(r.x, r.params, ctx)
    const lpUlps = Math.abs(lp - r.logPdf) / (EPS * Math.max(Math.abs(r.logPdf), termSize(r)))
    const cUlps = Math.abs(c - r.cdf) / (EPS * Math.abs(r.cdf))
    expect(lpUlps, `logPdf ${lp} vs ${r.logPdf}`).toBeLessThanOrEqual(k.logPdf)
    expect(cUlps, `cdf ${c} vs ${r.cdf}`).toBeLessThanOrEqual(k.cdf)
  })
})
