import { describe, expect, it } from 'vitest'
import { fitDistribution } from '../fit/fit-distribution'
import { seededRandom } from '../random/seeded-random'
import { findDistribution } from './registry'
import type { Params } from './types'

// Fit health gives one code per note; a likelihood that is not regular for more than one reason (a
// threshold at the sample minimum with the family's own note, or the GEV's caution beside its local-
// maximum note) is one finding: one `non-regular` entry whose note says all of it.

const cases: { id: string; truth: Params; says: RegExp[] }[] = [
  {
    id: 'weibull3',
    truth: { shape: 0.8, scale: 2, threshold: 5 },
    says: [/grows without bound/, /estimated by the sample minimum/],
  },
  { id: 'gev', truth: { mu: 0, sigma: 1, xi: -0.7 }, says: [/not regular here/, /local maximum/] },
]

describe('a non-regular likelihood is one health entry', () => {
  it.each(cases)('$id $truth', async ({ id, truth, says }) => {
    const dist = findDistribution(id)!
    const sorted = dist.sample(500, truth, seededRandom(3)).sort()
    const fit = await fitDistribution({ dist, column: 'x', sorted })
    const codes = fit.health.codes!
    expect(codes.length).toBe(fit.health.notes.length)
    expect(codes.filter((c) => c === 'non-regular')).toHaveLength(1)
    const note = fit.health.notes[codes.indexOf('non-regular')]
    for (const words of says) expect(note).toMatch(words)
  })
})
