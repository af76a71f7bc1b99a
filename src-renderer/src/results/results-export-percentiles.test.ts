import { describe, expect, it } from 'vitest'
import type { PercentileTable } from '../../../src-shared/contract'
import { syntheticNormalFit, syntheticPoissonFit } from '../../../test/support/renderer/synthetic-fits'
import { buildFitReport } from '../../../src-shared/present/report/fit-report'
import { resultsCsv, resultsJson, resultsMarkdown } from './results-export'

const table: PercentileTable = {
  percentiles: [
    { p: 0.5, estimate: 10, standardError: 0.2, ci95: [9.6, 10.4], method: 'delta' },
    { p: 0.999, estimate: 16.18, standardError: 0.61, ci95: [14.98, 17.38], method: 'delta' },
  ],
  exceedances: [{ x: 14, estimate: 0.0228, standardError: 0.004, ci95: [0.016, 0.032], method: 'delta' }],
  note: 'Delta method <note>.',
}

/** The HTML report of a fit with a percentile table. */
function reportOf(fit: ReturnType<typeof syntheticNormalFit>, percentiles: PercentileTable): string {
  return buildFitReport({
    dataset: { fileName: 'a.csv', rows: 100, bytes: 1000, settings: {}, format: 'csv' } as never,
    summary: null,
    fit,
    fitAll: null,
    charts: [],
    percentiles,
    appVersion: '1.0',
    created: '2026-11-29T18:00:00Z',
  })
}

describe('the percentile table in results exports and the report', () => {
  const normal = syntheticNormalFit('x')
  const poisson = syntheticPoissonFit('x')
  const ctx = { fileName: 'a.csv', percentiles: { dist: normal.dist, table } }

  it('CSV: one row per quantity of the shown fit, in the parameter columns', () => {
    const lines = resultsCsv([normal, poisson], ctx).text.trimEnd().split('\n')
    expect(lines).toHaveLength(1 + normal.estimates.length + 3 + poisson.estimates.length)
    const rows = lines.filter((l) => /,normal,(P50|P99\.9|P\(X > 14\)),/.test(l))
    expect(rows).toHaveLength(3)
    expect(rows[1].split(',').slice(3, 8)).toEqual(['P99.9', '16.18', '0.61', '14.98', '17.38'])
  })

  it('Markdown: a quantity table with the note under the shown fit only', () => {
    const md = resultsMarkdown([normal, poisson], ctx).text
    expect(md).toContain('| P50 | 10 | 0.2 | 9.6 – 10.4 |')
    expect(md).toContain('| P(X > 14) | 0.0228 | 0.004 | 0.016 – 0.032 |')
    expect(md.match(/\| Quantity \|/g)).toHaveLength(1)
    expect(md.indexOf('| P50 |')).toBeLessThan(md.indexOf('### Poisson'))
  })

  it('JSON: the table on the shown fit', () => {
    const doc = JSON.parse(resultsJson([normal, poisson], ctx).text) as { fits: { percentiles?: unknown }[] }
    expect(doc.fits[0].percentiles).toEqual(table)
    expect(doc.fits[1].percentiles).toBeUndefined()
    expect(resultsCsv([normal], { fileName: 'a.csv' }).text).not.toContain('P50')
  })

  it('the report: a section with each quantity and the escaped note', () => {
    const html = reportOf(normal, table)
    expect(html).toContain('Percentiles and exceedance probabilities')
    expect(html).toContain('<th>P99.9</th><td>16.18</td><td>0.61</td><td>14.98 – 17.38</td>')
    expect(html).toContain('<th>P(X &gt; 14)</th>')
    expect(html).toContain('Delta method &lt;note&gt;.')
  })
})

describe('bootstrap intervals of the percentile table in the exports and the report', () => {
  const normal = syntheticNormalFit('x')
  const boot: PercentileTable = {
    ...table,
    percentiles: table.percentiles.map((r, i) => ({
      ...r,
      bootstrap: { percentile: [9.5 + i, 10.5 + i], bca: i === 0 ? [9.55, 10.6] : null },
    })),
    exceedances: table.exceedances.map((r) => ({ ...r, bootstrap: { percentile: [0.01, 0.03], bca: null } })),
    bootstrap: { method: 'nonparametric', level: 0.95, replicates: 999, bca: true },
  }
  const ctx = { fileName: 'a.csv', percentiles: { dist: normal.dist, table: boot } }

  it('CSV: level, percentile and BCa ends in the bootstrap columns', () => {
    const lines = resultsCsv([normal], ctx).text.trimEnd().split('\n')
    expect(lines[0].endsWith(',bootstrap_level,bootstrap_low,bootstrap_high,bca_low,bca_high')).toBe(true)
    const p50 = lines.find((l) => l.includes(',P50,'))!.split(',')
    expect(p50.slice(-5)).toEqual(['0.95', '9.5', '10.5', '9.55', '10.6'])
    const p999 = lines.find((l) => l.includes(',P99.9,'))!.split(',')
    expect(p999.slice(-5)).toEqual(['0.95', '10.5', '11.5', '', ''])
  })

  it('Markdown and the report: a bootstrap and a BCa column', () => {
    const md = resultsMarkdown([normal], ctx).text
    expect(md).toContain('| Quantity | Estimate | SE | 95% interval | 95% bootstrap (percentile) | 95% BCa |')
    expect(md).toContain('| P50 | 10 | 0.2 | 9.6 – 10.4 | 9.5 – 10.5 | 9.55 – 10.6 |')
    const html = reportOf(normal, boot)
    expect(html).toContain('<th>95% bootstrap (percentile)</th><th>95% BCa</th>')
    expect(html).toContain(
      '<th>P(X &gt; 14)</th><td>0.0228</td><td>0.004</td><td>0.016 – 0.032</td><td>0.01 – 0.03</td><td>—</td>',
    )
  })
})

describe('the report\'s "Reproduce this fit"', () => {
  it('shows both snippets escaped, and the notes', () => {
    const html = buildFitReport({
      dataset: { fileName: 'a.csv', rows: 100, bytes: 1000, settings: {}, format: 'csv' } as never,
      summary: null,
      fit: syntheticNormalFit('x'),
      fitAll: null,
      charts: [],
      reproduce: { r: 'x <- data[["a<b"]]', python: 'est = stats.norm.fit(x)', notes: ['No <R>.'] },
      appVersion: '1.0',
      created: '2026-11-29T18:00:00Z',
    })
    expect(html).toContain('<h2>Reproduce this fit</h2>')
    expect(html).toContain('<pre>x &lt;- data[[&quot;a&lt;b&quot;]]</pre>')
    expect(html).toContain('<pre>est = stats.norm.fit(x)</pre>')
    expect(html).toContain('No &lt;R&gt;.')
  })
})

describe('comparison p-values in the exports', () => {
  it('Markdown and CSV carry the GoF statistics, their p-values and how they were made', () => {
    const normal = syntheticNormalFit('x')
    const boot = {
      ...syntheticPoissonFit('x'),
      goodnessOfFit: {
        ks: 0.1,
        ad: null,
        cvm: null,
        chiSquare: 3.2,
        chiSquareDf: 4,
        pValues: { ks: 0.2, chiSquare: 0.52 },
        pValueMethod: 'bootstrap' as const,
        note: '',
      },
    }
    const md = resultsMarkdown([normal, boot], { fileName: 'a.csv' }).text
    expect(md).toContain('| p (KS) | p (AD) | p (χ²) | p-values |')
    expect(md).toMatch(/\| 0\.2 \| — \| 0\.52 \| bootstrap \|/)
    const csv = resultsCsv([normal, boot], { fileName: 'a.csv' }).text.trimEnd().split('\n')
    expect(csv[0]).toContain('delta_aic,akaike_weight,ks,ad,p_ks,p_ad,p_chisq,p_method,')
    const poissonRow = csv.find((l) => l.includes(',poisson,'))!.split(',')
    expect(poissonRow.slice(-9, -5)).toEqual(['0.2', '', '0.52', 'bootstrap'])
  })
})
