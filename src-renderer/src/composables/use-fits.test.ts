import { describe, expect, it } from 'vitest'
import type { FitRequest } from '../../../src-shared/contract'
import { syntheticNewtonFit } from '../../../test/support/renderer/synthetic-fits'
import { outOfDateFits, type FitInputs } from './use-fits'

describe('outOfDateFits', () => {
  const gamma = { ...syntheticNewtonFit(), dist: 'gamma' }
  const normal = { ...syntheticNewtonFit(), dist: 'normal' }
  const weibull = { ...syntheticNewtonFit(), dist: 'weibull' }
  const made = (dist: string): FitRequest => ({ column: 'x', dist, method: 'newton', bins: 'fd' })

  it('says what changed for each fit whose inputs differ from what the controls would ask now', () => {
    const inputs: Record<string, FitInputs> = {
      gamma: { all: false, request: made('gamma') },
      normal: { all: true, request: { column: 'x', bootstrap: 99 } },
      // weibull has no known inputs (opened from a session): never out of date.
    }
    const now = (m: FitInputs, dist: string) =>
      m.all ? { column: 'x' } : { ...made(dist), method: 'lbfgs' as const }
    expect(outOfDateFits([gamma, normal, weibull], inputs, now)).toEqual({
      gamma: 'fitted with method newton; the controls now say method lbfgs',
      normal: 'fitted with bootstrap 99; the controls now say bootstrap (default)',
    })
  })

  it('leaves out fits made with the inputs the controls describe now', () => {
    const inputs: Record<string, FitInputs> = { gamma: { all: false, request: made('gamma') } }
    expect(outOfDateFits([gamma], inputs, (_, dist) => made(dist))).toEqual({})
  })
})
