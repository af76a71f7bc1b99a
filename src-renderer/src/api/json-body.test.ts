import { describe, expect, it } from 'vitest'
import { jsonBody, unchangingResults, writeOneResult } from './json-body'

const trace = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    iteration: i + 1,
    logLikelihood: -1 - 1 / (i + 1),
    params: { a: i / 3 },
  }))

const text = async (body: string | Blob) => (typeof body === 'string' ? body : body.text())

describe('request bodies with finished results written once', () => {
  it('is exactly JSON.stringify of the payload, marked or not', async () => {
    const results = [
      { dist: 'weibull', trace: trace(50), note: 'a "quoted" \u2028 text, \u00e9, \u0001x:0\u0001' },
      { dist: 'gamma', trace: trace(3), bootstrapCi: null },
    ]
    const body = { column: 'hours \u0001', results, ui: { inputs: JSON.stringify({ a: [1, 2] }) }, n: 1e-300 }
    const plain = JSON.stringify(body)
    expect(jsonBody(body)).toBe(plain)
    unchangingResults(results)
    expect(jsonBody(body)).toBeInstanceOf(Blob)
    expect(await text(jsonBody(body))).toBe(plain)
    expect(await text(jsonBody(body))).toBe(plain)
    expect(await text(jsonBody({ only: results[1], again: results[1] }))).toBe(
      JSON.stringify({ only: results[1], again: results[1] }),
    )
    expect(jsonBody(null)).toBe('null')
    expect(jsonBody(undefined)).toBe('null')
  })

  it('writes a marked result once: a later body reuses its text', async () => {
    const fit = { dist: 'weibull', trace: trace(10) }
    unchangingResults([fit])
    expect(writeOneResult([fit])).toBe(true)
    expect(writeOneResult([fit])).toBe(false)
    // The stored text is what is sent: a result is never changed in place (a change makes a new object),
    // which this shows by changing one in place.
    fit.dist = 'gamma'
    expect(await text(jsonBody({ results: [fit] }))).toContain('"dist":"weibull"')
  })

  it('writes one new result per call, and none that is not marked', async () => {
    const [a, b, c] = [{ k: 1 }, { k: 2 }, { k: 3 }]
    unchangingResults([a, b])
    expect(writeOneResult([c, a, b])).toBe(true)
    expect(writeOneResult([c, a, b])).toBe(true)
    expect(writeOneResult([c, a, b])).toBe(false)
    expect(await text(jsonBody([a, b, c]))).toBe('[{"k":1},{"k":2},{"k":3}]')
  })
})
