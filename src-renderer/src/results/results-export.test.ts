import { describe, expect, it } from 'vitest'
import { syntheticNormalFit, syntheticPoissonFit } from '../../../test/support/renderer/synthetic-fits'
import { resultsCsv, resultsJson, resultsMarkdown } from './results-export'

const ctx = { fileName: 'plant, "A".csv' }

describe('results exports', () => {
  it('writes tidy CSV with full precision and quotes fields that need it', () => {
    const fit = syntheticNormalFit()
    const out = resultsCsv([fit], ctx)
    const lines = out.text.trimEnd().split('\n')
    expect(lines).toHaveLength(1 + fit.estimates.length)
    expect(lines[1].startsWith('"plant, ""A"".csv",weight,normal,mu,')).toBe(true)
    const cells = lines[1].split(',')
    // The file name field holds one comma, so the estimate is the 6th cell.
    expect(Number(cells[5])).toBe(fit.params.mu)
    expect(out.suggestedName).toBe('plant, "A"-weight-results.csv')
    expect(out.mimeType).toBe('text/csv')
  })

  it('writes Markdown with a comparison when there are several fits', () => {
    const md = resultsMarkdown([syntheticNormalFit('x'), syntheticPoissonFit('x')], ctx).text
    expect(md).toContain('| Family | k | Log-lik | AIC | ΔAIC |')
    expect(md).toContain('### Normal (closed-form, converged)')
    expect(md).toContain('| μ (mu) |')
    expect(md.split('\n').filter((l) => l.startsWith('| Normal |'))).toHaveLength(1)
  })

  it('names what ran when the method alone does not say it (a mixture: EM, then the polish)', () => {
    const fit = {
      ...syntheticNormalFit('x'),
      method: 'newton' as const,
      methodDetail: 'EM (20 starts) + Newton polish',
    }
    expect(resultsMarkdown([fit], ctx).text).toContain(
      '### Normal (EM (20 starts) + Newton polish, converged)',
    )
    const json = JSON.parse(resultsJson([fit], ctx).text) as {
      fits: { method: string; methodDetail?: string }[]
    }
    expect(json.fits[0]).toMatchObject({ method: 'newton', methodDetail: 'EM (20 starts) + Newton polish' })
    const plain = JSON.parse(resultsJson([syntheticNormalFit('x')], ctx).text) as { fits: object[] }
    expect(plain.fits[0]).not.toHaveProperty('methodDetail')
  })

  it('writes a one-sided profile interval in Markdown as its one end', () => {
    const fit = syntheticNormalFit()
    fit.estimates = fit.estimates.map((e, i) =>
      i === 1 ? { ...e, profile95: null, profileOneSided: [null, 2.5] as [null, number] } : e,
    )
    const md = resultsMarkdown([fit], ctx).text
    const row = md.split('\n').find((l) => l.startsWith(`| ${fit.estimates[1].symbol} (`))!
    expect(row.split(' | ')[4]).toBe('≤ 2.5')
    expect(md).toContain('≥ a / ≤ b: a one-sided 95% profile interval')
    // A fit without one has no such line.
    expect(resultsMarkdown([syntheticNormalFit()], ctx).text).not.toContain('one-sided')
    expect(md).not.toMatch(/null|undefined/)
  })

  it('writes JSON that parses back to the same numbers, without the plot series', () => {
    const fit = syntheticNormalFit()
    const parsed = JSON.parse(resultsJson([fit], ctx).text) as {
      fits: Record<string, unknown>[]
      comparison: unknown
    }
    expect(parsed.fits[0].params).toEqual(fit.params)
    expect(parsed.fits[0].logLikelihood).toBe(fit.logLikelihood)
    expect(parsed.fits[0]).not.toHaveProperty('histogram')
    expect(parsed.comparison).toBeNull()
  })
})
