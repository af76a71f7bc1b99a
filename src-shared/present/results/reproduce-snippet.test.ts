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
    expect(s.python).toContain('"rate": float(1 / est[2])')
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

describe('reproduceSnippets with censoring and exclusion rules', () => {
  const counts = { exact: 3, right: 2, left: 0, interval: 0, note: '', goodnessOfFit: '' }
  const weibull = (censoring: NonNullable<ReturnType<typeof syntheticNormalFit>['censoring']>) => ({
    ...syntheticNormalFit('days'),
    dist: 'weibull',
    distLabel: 'Weibull',
    estimates: syntheticNormalFit('days').estimates.map((e, i) => ({ ...e, name: ['shape', 'scale'][i] })),
    censoring,
  })

  it('status form: right-censored at the time where status is 0, with fitdistcens and CensoredData', () => {
    const fit = weibull({ form: 'status', column: 'days', status: 'died', ...counts })
    const s = reproduceSnippets(fit, { code: FAMILY_CODE.weibull }, source)
    expect(s.r).toContain('t <- suppressWarnings(as.numeric(data[["days"]]))')
    expect(s.r).toContain('s <- tolower(trimws(as.character(data[["died"]])))')
    expect(s.r).toContain('d <- data.frame(left = t[keep], right = ifelse(s[keep] == 1, t[keep], NA))')
    expect(s.r).toContain('fit <- fitdistcens(d, "weibull")')
    expect(s.r).not.toContain('fitdist(x')
    expect(s.python).toContain(
      'cx = stats.CensoredData(uncensored=t[keep & (s == 1)], right=t[keep & (s == 0)])',
    )
    expect(s.python).toContain('est = stats.weibull_min.fit(cx, floc=0)')
    expect(s.notes.join(' ')).toMatch(/SciPy \(1\.11 or later\)/)
  })

  it('status form with an event value: observed where the status is that value (text or number)', () => {
    const text = reproduceSnippets(
      weibull({ form: 'status', column: 'days', status: 'vital', event: 'dead', ...counts }),
      { code: FAMILY_CODE.weibull },
      source,
    )
    expect(text.r).toContain('s <- ifelse(is.na(s) | s == "", NA, ifelse(s == "dead", 1, 0))')
    expect(text.python).toContain(
      's = np.where(raw.isna(), np.nan, (raw.astype(str).str.strip() == "dead") * 1.0)',
    )
    const coded = reproduceSnippets(
      weibull({ form: 'status', column: 'days', status: 'coded', event: '2', ...counts }),
      { code: FAMILY_CODE.weibull },
      source,
    )
    expect(coded.r).toContain('s <- ifelse(s == 2, 1, 0)')
    expect(coded.python).toContain('s = np.where(np.isnan(s), np.nan, (s == 2) * 1.0)')
  })

  it('interval form: empty ends are NA (R) and split into left/right/interval (Python)', () => {
    const fit = weibull({ form: 'interval', column: 'lo', upper: 'hi', ...counts })
    const s = reproduceSnippets(fit, { code: FAMILY_CODE.weibull }, source)
    expect(s.r).toContain('hi <- suppressWarnings(as.numeric(data[["hi"]]))')
    expect(s.r).toContain('keep <- !is.na(lo) | !is.na(hi)')
    expect(s.r).toContain('d <- data.frame(left = lo[keep], right = hi[keep])')
    expect(s.python).toContain('left=hi[np.isnan(lo) & ~np.isnan(hi)],')
    expect(s.python).toContain('interval=np.column_stack([lo[both & (lo < hi)], hi[both & (lo < hi)]]),')
  })

  it('says so, instead of wrong code, where a tool has no censored fit of the family', () => {
    const fit = weibull({ form: 'status', column: 'days', status: 'died', ...counts })
    const code = { r: { call: 'other(x)', estimate: {} }, python: { call: '(np.mean(x),)', estimate: {} } }
    const s = reproduceSnippets({ ...fit, distLabel: 'Odd' }, { code }, source)
    expect(s).toMatchObject({ r: null, python: null })
    expect(s.notes).toContain("R: fitdistrplus' fitdistcens has no censored Odd fit.")
    expect(s.notes).toContain('Python: SciPy has no censored Odd fit.')
  })

  it('drops the rows the exclusion rules dropped: by row numbers and by a category (text or number)', () => {
    const fit = {
      ...syntheticNormalFit('x'),
      exclusions: [
        {
          rule: 'rows 1-5, 9',
          rows: 6,
          exclude: {
            kind: 'rows' as const,
            rows: [
              [1, 5],
              [9, 9],
            ] as [number, number][],
          },
        },
        { rule: 'line B', rows: 2, exclude: { kind: 'category' as const, column: 'line', value: 'B' } },
        { rule: 'lot 7', rows: 1, exclude: { kind: 'category' as const, column: 'lot', value: '7' } },
      ],
    }
    const s = reproduceSnippets(fit, { code: FAMILY_CODE.normal }, source)
    expect(s.r).toContain('keep <- keep & !(seq_along(x) %in% c(1:5, 9))')
    expect(s.r).toContain('keep <- keep & !(trimws(as.character(data[["line"]])) %in% "B")')
    expect(s.r).toContain(
      'keep <- keep & !(if (is.numeric(data[["lot"]])) data[["lot"]] %in% 7 else trimws(as.character(data[["lot"]])) %in% "7")',
    )
    expect(s.python).toContain('keep &= ~np.isin(np.arange(1, len(x) + 1), np.r_[1:6, 9:10])')
    expect(s.python).toContain('keep &= ~(data["line"].astype(str).str.strip() == "B").to_numpy()')
    expect(s.python).toContain('if pd.api.types.is_numeric_dtype(data["lot"])')
    // The rules come after the missing values and before the values are taken.
    expect(s.r!.indexOf('keep <- !is.na(x)')).toBeLessThan(s.r!.indexOf('seq_along'))
    expect(s.r!.indexOf('seq_along')).toBeLessThan(s.r!.indexOf('x <- x[keep]'))
  })
})
