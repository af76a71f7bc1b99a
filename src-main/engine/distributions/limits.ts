import type { Sample } from '../stats/sample'
import type { Distribution, LimitAdvice, Params } from './types'

/** The family's limits these parameters are past. */
export function limitsPassed(dist: Distribution, sample: Sample, params: Params): LimitAdvice[] {
  return (dist.limitAdvice ?? []).filter((a) => {
    const above = typeof a.above === 'number' ? a.above : a.above(sample)
    return params[a.param] > above
  })
}
