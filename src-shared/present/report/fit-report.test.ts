import { describe, expect, it } from 'vitest'
import type { FitResult } from '../../../src-shared/contract'
import { syntheticNormalFit } from '../../../test/support/renderer/synthetic-fits'
import { buildFitReport, methods } from './fit-report'

const base = syntheticNormalFit()
const fit: FitResult = {
  ...base,
  column: 'loss <A&B>',
  method: 'newton',
  iterations: 4,
  goodnessOfFit: {
    ks: 0.05,
    ad: 1.2,
    cvm: 0.2,
    chiSquare: null,
    chiSquareDf: null,
    pValues: { ks: 0, ad: 1 / 1000, cvm: 0.25 },
    pValueMethod: 'bootstrap',
    note: 'Bootstrap with 999 replicates.',
  },
}
const input = {
  dataset: {
    fileName: 'fire "losses".csv',
    rows: 510,
    bytes: 4096,
    settings: {} as never,
    format: 'csv' as const,
  },
  summary: null,
  fit,
  fitAll: null,
  charts: [
    { caption: 'Density', svg: '<?xml version="1.0"?><svg viewBox="0 0 10 10"><path d="M0 0"/></svg>' },
  ],
  appVersion: '0.1.0',
  created: '2026-11-29T15:00:00Z',
}

describe('buildFitReport', () => {
  const html = buildFitReport(input)

  it('is one self-contained page: inline SVG and CSS, no script, no network', () => {
    expect(html).toMatch(/^<!doctype html>/)
    expect(html).toContain('<svg viewBox="0 0 10 10">')
    expect(html).not.toContain('<?xml')
    expect(html).not.toMatch(/<script|https?:\/\/|src=/i)
    expect(html).toContain("default-src 'none'")
  })

  it('writes a one-sided profile interval as its one end (Student t near normal: ν ≥ a)', () => {
    const estimates = base.estimates.map((e, i) =>
      i === 0 ? { ...e, profile95: null, profileOneSided: [6.4567, null] as [number, null] } : e,
    )
    const page = buildFitReport({ ...input, fit: { ...fit, estimates } })
    expect(page).toContain('<td>≥ 6.4567</td>')
    expect(page).not.toMatch(/null|undefined/)
    expect(page).toContain('95% profile-likelihood intervals invert the likelihood-ratio test')
  })

  it('escapes what comes from the data', () => {
    expect(html).toContain('loss &lt;A&amp;B&gt;')
    expect(html).toContain('fire &quot;losses&quot;.csv')
    expect(html).not.toContain('<A&B>')
  })

  it('follows the formatting policy: p-values with floors, criteria to 2 decimals, no undefined', () => {
    expect(html).toContain('p &lt; 1e-16')
    expect(html).toContain('p = 0.001')
    expect(html).toContain('p = 0.25')
    expect(html).toContain(`<td>${fit.aic.toFixed(2)}</td>`)
    expect(html).not.toMatch(/undefined|NaN/)
  })

  it('writes the methods paragraph from the actual settings', () => {
    const text = methods(fit)
    expect(text).toContain('by Newton-Raphson (4 iterations, converged)')
    expect(text).toContain('parametric bootstrap')
    expect(methods({ ...fit, method: 'closed-form', goodnessOfFit: null })).toContain('in closed form')
    // A mixture's auto fit says what ran: EM first, Newton only polished.
    const mixture = { ...fit, methodDetail: 'EM (20 starts) + Newton polish', iterations: 96 }
    expect(methods(mixture)).toContain('by EM (20 starts) + Newton polish (96 iterations, converged)')
  })

  it('adds the comparison table when fit all ran', () => {
    const other = { ...fit, dist: 'lognormal', distLabel: 'Lognormal' }
    const fitAll = {
      column: fit.column,
      fits: [fit, other],
      ranking: [
        {
          dist: fit.dist,
          group: 'continuous' as const,
          aic: fit.aic,
          deltaAic: 0,
          akaikeWeight: 0.7,
          bic: fit.bic,
        },
        {
          dist: 'lognormal',
          group: 'continuous' as const,
          aic: fit.aic + 1.7,
          deltaAic: 1.7,
          akaikeWeight: 0.3,
          bic: fit.bic + 1.7,
        },
      ],
      notApplicable: [{ dist: 'poisson', reason: 'Poisson needs whole numbers' }],
    }
    const withAll = buildFitReport({ ...input, fitAll })
    expect(withAll).toContain('Comparison of the fitted families (ranked by AIC)')
    expect(withAll).toContain('<td>1.70</td>')
    // GoF p-values per family, saying where they come from.
    const row = withAll.slice(
      withAll.indexOf('<tr><th>Lognormal'),
      withAll.indexOf('</tr>', withAll.indexOf('<tr><th>Lognormal')),
    )
    expect(row).toContain('<td>&lt; 1e-16</td><td>0.001</td><td>—</td>') // KS p = 0 (floor), AD p, no chi-square
    expect(row).toContain(`<td>${fit.goodnessOfFit!.pValueMethod}</td>`)
    expect(withAll).toContain('parametric bootstrap that re-estimates')
    const none = buildFitReport({
      ...input,
      fitAll: { ...fitAll, fits: [fit, { ...other, goodnessOfFit: null }] },
    })
    expect(none).toContain('<td>not computed</td>')
    expect(withAll).toContain('Poisson needs whole numbers')
  })
})

describe('buildFitReport with a fit by group', () => {
  const data = { rows: 10, used: 10 }
  const other = { ...fit, estimates: fit.estimates.map((e) => ({ ...e, estimate: e.estimate + 1 })) }
  const groups = {
    column: fit.column,
    by: 'site <x>',
    groups: [
      { group: 'north', data, fits: [fit], notApplicable: [] },
      {
        group: 'south',
        data: { rows: 3, used: 3 },
        fits: [],
        notApplicable: [{ dist: 'normal', reason: 'too few values' }],
      },
    ],
    pooled: { data, fits: [other], notApplicable: [] },
    tests: [
      {
        dist: 'normal',
        statistic: 3.2,
        df: 2,
        pValue: 0.2,
        groups: ['north'],
        pooledLogLikelihood: -10,
        separateLogLikelihood: -8.4,
        note: 'Likelihood-ratio test of one Normal for every group: 2ΔlogL = 3.2 on 2 df, p = 0.2.',
      },
    ],
    skipped: [{ group: 'east', used: 1, reason: 'one value' }],
    exclusions: [{ rule: 'rows without a group', rows: 4 }],
  }

  it('shows the family by group and pooled, with intervals, the test sentence and what was left out', () => {
    const html = buildFitReport({ ...input, groups })
    expect(html).toContain(`<h2>${fit.distLabel} by site &lt;x&gt;</h2>`)
    expect(html).toContain(
      '<p>Likelihood-ratio test of one Normal for every group: 2ΔlogL = 3.2 on 2 df, p = 0.2.</p>',
    )
    const table = html.slice(html.indexOf('by site'), html.indexOf('</table>', html.indexOf('by site')))
    expect(table.match(/<th>(north|south|pooled)<\/th>/g)).toEqual([
      '<th>north</th>',
      '<th>south</th>',
      '<th>pooled</th>',
    ])
    expect(table).toContain('too few values')
    expect(table).toMatch(/<td>[-0-9.]+ – [-0-9.]+<\/td>/)
    expect(html).toContain('Group “east” not fitted: one value')
    expect(html).toContain('Excluded rows without a group: 4 rows')
  })

  it('leaves it out for another column or a family not fitted by group', () => {
    expect(buildFitReport({ ...input, groups: { ...groups, column: 'other' } })).not.toContain('by site')
    expect(buildFitReport({ ...input, fit: { ...fit, dist: 'gamma' }, groups })).not.toContain('by site')
    expect(buildFitReport(input)).not.toContain('by site')
  })
})
