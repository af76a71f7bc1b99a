import type { DistributionInfo } from '../../../src-shared/contract'
import type { Distribution } from './types'
import { exponential } from './exponential'
import { normal } from './normal'

/** Every family the engine offers, in the order the model picker lists them. */
export const distributions: readonly Distribution[] = [normal, exponential]

export function findDistribution(id: string): Distribution | undefined {
  return distributions.find((d) => d.id === id)
}

/** The picker's view of the registry. */
export function describeDistributions(): DistributionInfo[] {
  return distributions.map((d) => ({
    id: d.id,
    label: d.label,
    discrete: d.discrete,
    support: d.supportText,
    params: d.params.map((p) => ({ name: p.name, symbol: p.symbol })),
  }))
}
