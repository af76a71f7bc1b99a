import { describe, expect, it } from 'vitest'
import { FAMILY_CODE } from '../../../test/support/family-code'
import { syntheticNormalFit } from '../../../test/support/renderer/synthetic-fits'
import comparison from '../../../test/fixtures/reproduce/comparison.json'
import { reproduceSnippets } from './reproduce-snippet'

const source = { fileName: 'plant "A".csv', settings: {} }

describe('reproduceSnippets', () => {
  it('reads the same column of the same file and maps the estimates to the app names', () => {
    const fit = syntheticNormalFit('weight')
    const s = reproduceSnippets(fit, { code: FAMILY_CODE.normal }, source)
    expect(s.r).toContain('read.csv("plant \\"A\\".csv", check.names = FALSE)')
    expect(s.r).toContain('x <- suppressWarnings(as.numeric(data[["weight"]]))')
    expect(s.r).toContain('fit <- fitdist(x, "norm")')
    expect(s.r).toContain('print(c(mu = e[["mean"]], sigma = e[["sd"]]))')
    expect(s.python).toContain('est = stats.norm.fit(x)')
    expect(s.python).toContain(`# MLE Studio: mu = ${fit.params.mu}`)
  })

  it('keeps the value range and weights, holds fixed parameters in R, and reads spreadsheets and CSV settings', () => {
    const base = syntheticNormalFit('x')
    const fit = {
      ...base,
      dist: 'gamma',
      estimates: [
        { ...base.estimates[0], name: 'shape', fixed: true, estimate: 2 },
        { ...base.estimates[1], name: 'rate' },
      ],
      weights: { column: 'n', total: 10, rows: 3, zero: 0, integer: true, note: '' },
      exclusions: [{ rule: 'x in [0, 100]', rows: 2, range: { min: 0, max: 100 } }],
    }
    const sheet = { fileName: 'f.xlsx', format: 'xlsx' as const, sheet: 'S1', settings: {} }
    const s = reproduceSnippets(fit, { code: FAMILY_CODE.gamma }, sheet)
    expect(s.r).toContain('readxl::read_excel("f.xlsx", sheet = "S1")')
    expect(s.r).toContain('keep <- !is.na(x) & !is.na(w) & w > 0 & x >= 0 & x <= 100')
    expect(s.r).toContain('fitdist(x, "gamma", weights = w, fix.arg = list(shape = 2))')
    expect(s.python).toContain('x = np.repeat(x[keep], np.round(w[keep]).astype(int))')
    expect(s.python).toContain('"rate": 1 / est[2]')
    expect(s.notes.join(' ')).toMatch(/f-arguments/)
    const csv = reproduceSnippets(
      fit,
      { code: FAMILY_CODE.gamma },
      { fileName: 'a.csv', settings: { delimiter: ';', decimal: 'comma' } },
    )
    expect(csv.r).toContain('sep = ";", dec = ","')
    expect(csv.python).toContain('sep=";", decimal=","')
  })

  it('says when a tool has no such family', () => {
    const s = reproduceSnippets(
      { ...syntheticNormalFit('x'), distLabel: 'Gumbel' },
      { code: FAMILY_CODE.gumbel },
      source,
    )
    expect(s.r).toBeNull()
    expect(s.notes).toContain('R: fitdistrplus has no built-in Gumbel.')
    expect(reproduceSnippets(syntheticNormalFit('x'), undefined, source)).toMatchObject({
      r: null,
      python: null,
    })
  })

  it('the committed run of the snippets (run-snippets.ts) agrees with the app', () => {
    for (const c of comparison) {
      for (const [name, value] of Object.entries(c.app)) {
        const py = new RegExp(`'${name}': ([-0-9.e]+)`).exec(c.python ?? '')
        if (c.python)
          expect(
            Math.abs(Number(py![1]) - value) / Math.abs(value),
            `${c.request.dist} ${name}`,
          ).toBeLessThan(2e-4)
      }
      if (c.r) expect(c.r).toContain(`[1] ${c.appLogLikelihood.toPrecision(7).replace(/0+$/, '')}`)
    }
  })
})
