import { describe, expect, it } from 'vitest'
import { parseProbabilities, parseValues } from './percentile-input'

describe('percentile table input', () => {
  it('reads probabilities and percentages, sorted without duplicates', () => {
    expect(parseProbabilities('0.995, 99.9%  0.001;0.995')).toEqual({
      ok: true,
      values: [0.001, 0.995, 0.999],
    })
    expect(parseProbabilities('  ')).toEqual({ ok: true, values: [] })
  })

  it('names the value that is not a probability', () => {
    for (const bad of ['1', '0', '100%', '-0.1', 'abc', '%', '50']) {
      const r = parseProbabilities(`0.5 ${bad}`)
      expect(r.ok).toBe(false)
      if (!r.ok) expect(r.message).toContain(`"${bad}"`)
    }
  })

  it('reads exceedance values in the order given and rejects what is not a number', () => {
    expect(parseValues('100, -3 1e3 100')).toEqual({ ok: true, values: [100, -3, 1000] })
    expect(parseValues('10 ten')).toEqual({ ok: false, message: '"ten" is not a number.' })
    expect(parseValues(Array.from({ length: 51 }, (_, i) => i).join(' ')).ok).toBe(false)
  })
})
