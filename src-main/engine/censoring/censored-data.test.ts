import { describe, expect, it } from 'vitest'
import { readCensored } from './censored-data'

const col = (name: string, values: number[], extra = {}) => ({
  name,
  values: Float64Array.from(values),
  ...extra,
})

describe('readCensored', () => {
  it('reads the status form and says what it read', () => {
    const d = readCensored(col('t', [5, 3, NaN, 8, 2]), col('s', [1, 0, 1, 1, 0], { boolean: true }), {
      status: 's',
    })
    expect([...d.exact]).toEqual([5, 8])
    expect([...d.right]).toEqual([2, 3])
    expect(d.n).toBe(4)
    expect(d.info.note).toContain('4 observations: 2 exact, 2 right-censored.')
    expect(d.info.note).toContain('1 (true, yes) = observed, 0 (false, no) = right-censored')
  })

  it('names the row of a status that is not a code, or missing', () => {
    expect(() => readCensored(col('t', [1, 2, 3]), col('s', [1, 2, 0]), { status: 's' })).toThrow(
      /Status column "s" has 2 in data row 2, where "t" is 2/,
    )
    expect(() => readCensored(col('t', [1, 2, 3]), col('s', [1, 0, NaN]), { status: 's' })).toThrow(
      /has no value in data row 3/,
    )
  })

  it('reads the interval form: left, right, exact and interval-censored rows', () => {
    const d = readCensored(col('lo', [NaN, 4, 2, 1, NaN]), col('hi', [3, NaN, 2, 5, NaN]), { upper: 'hi' })
    expect([...d.left]).toEqual([3])
    expect([...d.right]).toEqual([4])
    expect([...d.exact]).toEqual([2])
    expect([...d.lower, ...d.upper]).toEqual([1, 5])
    expect(d.info.note).toMatch(
      /^4 observations: 1 exact, 1 right-censored, 1 left-censored, 1 interval-censored\./,
    )
  })

  it('names a row whose lower bound is above its upper bound, and text in a bound column', () => {
    expect(() => readCensored(col('lo', [1, 6]), col('hi', [2, 5]), { upper: 'hi' })).toThrow(
      /Data row 2 has lower bound 6 \("lo"\) above its upper bound 5 \("hi"\)/,
    )
    expect(() =>
      readCensored(col('lo', [1, NaN], { firstText: { row: 2, value: '<0.5' } }), col('hi', [2, 0.5]), {
        upper: 'hi',
      }),
    ).toThrow(/Lower-bound column "lo" has the text "<0.5" in data row 2/)
  })

  it('refuses data with nothing to fit', () => {
    expect(() => readCensored(col('t', [NaN]), col('s', [1]), { status: 's' })).toThrow(/no observations/)
    expect(() => readCensored(col('t', [4, 4]), col('s', [0, 0]), { status: 's' })).toThrow(/right-censored/)
    expect(() => readCensored(col('lo', [1, 3]), col('hi', [1, 3]), { upper: 'hi' })).not.toThrow()
  })

  // The likelihood rises towards 1 past the bounds: an optimizer stops on the slope (Weibull's shape 109,
  // log-likelihood -0.000 "converged" before), so the data are refused with the reason.
  it('refuses data censored all on one side, which has no maximum', () => {
    const right = () => readCensored(col('t', [5, 7, 9]), col('s', [0, 0, 0]), { status: 's' })
    expect(right).toThrow(/Every observation of "t" is right-censored \(3 of them\).*no maximum/)
    const left = () => readCensored(col('lo', [NaN, NaN]), col('hi', [2, 6]), { upper: 'hi' })
    expect(left).toThrow(/is left-censored \(2 of them\).*below the smallest bound/)
    const both = () => readCensored(col('lo', [NaN, 9]), col('hi', [2, NaN]), { upper: 'hi' })
    expect(both).not.toThrow()
  })
})

describe('readCensored with the value that marks an observed time', () => {
  // A text status column as the import keeps it: sorted levels and one code per row (-1 empty).
  const words = (levels: string[], codes: number[]) =>
    col(
      's',
      codes.map(() => NaN),
      { text: true, categories: { levels, codes: Int32Array.from(codes) } },
    )
  const LEVELS = ['censored', 'failed', 'n/a']

  it('reads the event value as observed and the one other value as right-censored', () => {
    const d = readCensored(col('t', [5, 3, 8, 2]), words(LEVELS, [1, 0, 1, 0]), {
      status: 's',
      event: 'failed',
    })
    expect([...d.exact]).toEqual([5, 8])
    expect([...d.right]).toEqual([2, 3])
    expect(d.info).toMatchObject({ status: 's', event: 'failed' })
    expect(d.info.note).toContain('Status "s" read as "failed" = observed, "censored" = right-censored.')
  })

  it('gives the same data as 1/0 coding, and reads numbers coded otherwise (2 = dead, 1 = alive)', () => {
    const t = col('t', [5, 3, 8, 2, 9])
    const oneZero = readCensored(t, col('s', [1, 0, 1, 0, 0]), { status: 's' })
    const text = readCensored(t, words(['alive', 'dead'], [1, 0, 1, 0, 0]), { status: 's', event: 'dead' })
    const twoOne = readCensored(t, col('s', [2, 1, 2, 1, 1]), { status: 's', event: '2' })
    for (const d of [text, twoOne]) {
      expect([...d.exact, ...d.right, ...d.exactRows]).toEqual([
        ...oneZero.exact,
        ...oneZero.right,
        ...oneZero.exactRows,
      ])
    }
    expect(twoOne.info.note).toContain('"2" = observed, "1" = right-censored')
  })

  it('refuses a third value or an empty status naming its row, and skips rows without a time', () => {
    const third = () =>
      readCensored(col('t', [5, 3, 8, 2]), words(LEVELS, [1, 0, 2, 0]), { status: 's', event: 'failed' })
    expect(third).toThrow(
      /Status column "s" has "n\/a" in data row 3, besides "censored" \(data row 2\), where "t" is 8: with "failed" = observed, every other row must hold one value/,
    )
    const empty = () =>
      readCensored(col('t', [5, 3]), words(LEVELS, [1, -1]), { status: 's', event: 'failed' })
    expect(empty).toThrow(/has no value in data row 2 where "t" is 3/)
    const noTime = readCensored(col('t', [5, NaN, 3]), words(LEVELS, [1, 2, 0]), {
      status: 's',
      event: 'failed',
    })
    expect(noTime.n).toBe(2)
  })

  it('refuses an event value the column does not hold, and a text event for a numeric column', () => {
    expect(() =>
      readCensored(col('t', [5, 3]), words(LEVELS, [1, 0]), { status: 's', event: 'Failed' }),
    ).toThrow(/has no value "Failed" \(its values: "censored", "failed", "n\/a"\)/)
    expect(() => readCensored(col('t', [5, 3]), col('s', [1, 0]), { status: 's', event: 'yes' })).toThrow(
      /holds numbers: the value that marks an observed time must be one of them, not "yes"/,
    )
    expect(() =>
      readCensored(col('t', [5, 3]), col('s', [NaN, NaN], { text: true, categories: null }), {
        status: 's',
        event: 'x',
      }),
    ).toThrow(/too many distinct values to be a status/)
  })

  it('says which value is needed when every time is censored', () => {
    const all = () => readCensored(col('t', [5, 3]), words(LEVELS, [0, 0]), { status: 's', event: 'failed' })
    expect(all).toThrow(/at least one observed value \(status "failed"\)/)
  })
})
