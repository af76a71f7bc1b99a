import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readCensored, type CensoringColumn } from '../censoring/censored-data'
import { findDistribution } from '../distributions/registry'
import { fitDistribution } from './fit-distribution'

// fitdistrplus::fitdistcens (and survival::survreg) on public datasets: make-censored-references.R.
const DIR = join(__dirname, '../../../test/fixtures/censoring')

interface Reference {
  dataset: string
  form: 'status' | 'interval'
  dist: string
  n: number
  counts: { exact: number; left: number; right: number; interval: number }
  params: Record<string, number>
  sd: Record<string, number>
  loglik: number
  aic: number
  bic: number
  survregLoglik?: number
}

const references = (
  JSON.parse(readFileSync(join(DIR, 'censored-references.json'), 'utf8')) as { fits: Reference[] }
).fits

/** The two columns of a fixture CSV (empty cells NaN). */
function columns(dataset: string): [CensoringColumn, CensoringColumn] {
  const lines = readFileSync(join(DIR, `${dataset}.csv`), 'utf8')
    .trim()
    .split(/\r?\n/)
  const names = lines[0].split(',').map((h) => h.replace(/"/g, ''))
  const rows = lines.slice(1).map((l) => l.split(',').map((c) => (c === '' ? NaN : Number(c))))
  return [0, 1].map((k) => ({ name: names[k], values: Float64Array.from(rows, (r) => r[k]) })) as [
    CensoringColumn,
    CensoringColumn,
  ]
}

function censoredFit(ref: Reference) {
  const [a, b] = columns(ref.dataset)
  const spec = ref.form === 'status' ? { status: b.name } : { upper: b.name }
  const censored = readCensored(a, b, spec)
  return fitDistribution({
    column: a.name,
    dist: findDistribution(ref.dist)!,
    sorted: censored.exact,
    censored,
  })
}

describe('censored fits against fitdistrplus fitdistcens', () => {
  it.each(references.map((r) => [`${r.dataset} ${r.dist}`, r] as const))('%s', async (_, ref) => {
    const fit = await censoredFit(ref)
    expect(fit.converged).toBe(true)
    expect(fit.n).toBe(ref.n)
    const { exact, left, right, interval } = fit.censoring!
    expect({ exact, left, right, interval }).toEqual(ref.counts)
    // R's optimizer stops a little short of the maximum: ours is at least as high, and within 1e-6.
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(ref.loglik - 1e-9 * Math.abs(ref.loglik))
    expect(Math.abs(fit.logLikelihood - ref.loglik) / Math.abs(ref.loglik)).toBeLessThan(1e-6)
    if (ref.survregLoglik !== undefined)
      expect(Math.abs(fit.logLikelihood - ref.survregLoglik) / Math.abs(ref.survregLoglik)).toBeLessThan(1e-9)
    // Criteria: the same penalties (k, n = every observation) on the same log-likelihood.
    const k = fit.estimates.length
    expect(fit.aic - (-2 * fit.logLikelihood + 2 * k)).toBeCloseTo(0, 9)
    expect(fit.aic - ref.aic - -2 * (fit.logLikelihood - ref.loglik)).toBeCloseTo(0, 6)
    expect(fit.bic - ref.bic - -2 * (fit.logLikelihood - ref.loglik)).toBeCloseTo(0, 6)
    for (const e of fit.estimates) {
      // Nelder-Mead/BFGS in R stop within ~1e-4 of the optimum (lung's exponential: survreg agrees with us).
      expect(Math.abs(e.estimate / ref.params[e.name] - 1)).toBeLessThan(1e-3)
      // Standard errors from the observed information (R: numDeriv's Richardson Hessian of the same likelihood).
      expect(Math.abs(e.standardError! / ref.sd[e.name] - 1)).toBeLessThan(2e-3)
    }
    expect(fit.goodnessOfFit).toBeNull()
  })
})
