import { describe, expect, it } from 'vitest'
import { FAMILY_CODE } from './family-code'
import { distributions } from './registry'

describe('FAMILY_CODE ("Reproduce this fit")', () => {
  it('names only registry families and maps exactly each family parameter', () => {
    for (const [id, code] of Object.entries(FAMILY_CODE)) {
      const dist = distributions.find((d) => d.id === id)
      expect(dist, id).toBeDefined()
      const names = dist!.params.map((p) => p.name).sort()
      if (code.r) expect(Object.keys(code.r.estimate).sort(), `${id} R`).toEqual(names)
      if (code.python) expect(Object.keys(code.python.estimate).sort(), `${id} Python`).toEqual(names)
    }
  })

  it('covers the common families in both languages', () => {
    for (const id of [
      'normal',
      'lognormal',
      'exponential',
      'gamma',
      'weibull',
      'poisson',
      'negative_binomial',
    ]) {
      expect(FAMILY_CODE[id].r, id).not.toBeNull()
      expect(FAMILY_CODE[id].python, id).not.toBeNull()
    }
  })
})
