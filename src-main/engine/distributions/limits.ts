import type { Sample } from '../stats/sample'
import type { Distribution, LimitAdvice, Params } from './types'

/**
 * A unit-interval parameter this close to 0 or 1 is at the edge: no data set a demanding user has can tell
 * it from the edge itself (fit health's note, and a nested family's boundary in confirm-maximum.ts).
 */
export const UNIT_EDGE = 1e-8

/** The family's limits these parameters are past. */
export function limitsPassed(dist: Distribution, sample: Sample, params: Params): LimitAdvice[] {
  return (dist.limitAdvice ?? []).filter((a) => {
    const above = typeof a.above === 'number' ? a.above : a.above(sample)
    return params[a.param] > above
  })
}
