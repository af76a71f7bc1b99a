import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { newtonMle } from '../../../test/support/test-newton'
import { Sample } from '../stats/sample'
import { findDistribution } from './registry'
import type { Params } from './types'

// The shared reference fits (SciPy, checked against R's fitdistrplus) on public datasets.
const REFERENCE = join(__dirname, '../../../../shared/reference')

interface ReferenceFit {
  dataset: string
  column: string
  dist: string
  n: number
  params: Params
  loglik: number
}

/** The column's numeric values, sorted, with NA cells left out (a minimal reader for these plain files). */
function column(dataset: string, name: string): Float64Array {
  const lines = readFileSync(join(REFERENCE, 'data', dataset), 'utf8')
    .trim()
    .split(/\r?\n/)
  const header = lines[0].split(',').map((h) => h.replace(/"/g, ''))
  const k = header.indexOf(name)
  const values = lines
    .slice(1)
    .map((l) => l.split(',')[k])
    .filter((v) => v !== 'NA')
    .map(Number)
  return Float64Array.from(values).sort()
}

const fits: ReferenceFit[] = existsSync(REFERENCE)
  ? JSON.parse(readFileSync(join(REFERENCE, 'distribution_fits.json'), 'utf8'))
  : []
const cases = fits.map((f) => ({ name: `${f.dataset} ${f.column} ${f.dist}`, f }))

describe.skipIf(fits.length === 0)('shared reference fits', () => {
  it.each(cases)('$name', ({ f }) => {
    const d = findDistribution(f.dist)!
    const data = column(f.dataset, f.column)
    const sample = Sample.sorted(data)
    expect(data.length).toBe(f.n)
    let plain = 0
    for (let i = 0; i < data.length; i++) plain += d.logPdf(data[i], f.params)
    // At the reference parameters (10 significant digits) the log-likelihood matches to ~1e-9.
    expect(Math.abs(plain - f.loglik)).toBeLessThanOrEqual(1e-9 * Math.abs(f.loglik))
    if (d.logLikelihood)
      expect(Math.abs(d.logLikelihood(sample, f.params) - plain)).toBeLessThanOrEqual(1e-12 * Math.abs(plain))
    if (d.closedFormMle) {
      // Closed forms match the reference parameters to the reference's own accuracy: its normal sigma
      // for precip is 1.31e-8 below the exact population sd (checked in exact rational arithmetic), so
      // 2e-8; its gamma shape for precip is 2.8e-8 below the exact root (mpmath: 4.71707972654), so 4e-8;
      // and the closed form's log-likelihood is at least the reference's.
      const mle = d.closedFormMle(sample)
      for (const spec of d.params) {
        const ref = f.params[spec.name]
        expect(Math.abs(mle[spec.name] - ref)).toBeLessThanOrEqual(4e-8 * Math.abs(ref))
      }
      let best = 0
      for (let i = 0; i < data.length; i++) best += d.logPdf(data[i], mle)
      expect(best).toBeGreaterThanOrEqual(f.loglik - 1e-9 * Math.abs(f.loglik))
    } else {
      // From the family's start values, its analytic derivatives climb to at least the reference optimum.
      const mle = newtonMle(d, sample, d.startValues(sample))
      expect(d.logLikelihood!(sample, mle)).toBeGreaterThanOrEqual(f.loglik - 1e-9 * Math.abs(f.loglik))
    }
  })
})
