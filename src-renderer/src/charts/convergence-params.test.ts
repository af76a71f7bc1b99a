import { describe, expect, it } from 'vitest'
import type { DistributionInfo } from '../../../src-shared/contract'
import { movedParams } from './convergence-params'

const param = (name: string, symbol: string, derived?: true) => ({
  name,
  symbol,
  domain: 'real' as const,
  ...(derived ? { derived } : {}),
})
/** The registry's normal mixture: its parameters are those of the default K = 2. */
const mixture = {
  id: 'normal_mixture',
  params: [
    param('w1', 'w1'),
    param('w2', 'w2', true),
    param('mu1', 'μ1'),
    param('mu2', 'μ2'),
    param('sigma1', 'σ1'),
    param('sigma2', 'σ2'),
  ],
  components: { default: 2, max: 10 },
} as unknown as DistributionInfo

const traceNames = (k: number) =>
  ['w', 'mu', 'sigma'].flatMap((b) => Array.from({ length: k }, (_, i) => `${b}${i + 1}`))

describe('movedParams', () => {
  it("names a K = 3 mixture's free parameters, not the default K's", () => {
    expect(movedParams(mixture, traceNames(3))).toEqual([
      { name: 'w1', symbol: 'w1' },
      { name: 'w2', symbol: 'w2' },
      { name: 'mu1', symbol: 'μ1' },
      { name: 'mu2', symbol: 'μ2' },
      { name: 'mu3', symbol: 'μ3' },
      { name: 'sigma1', symbol: 'σ1' },
      { name: 'sigma2', symbol: 'σ2' },
      { name: 'sigma3', symbol: 'σ3' },
    ])
  })

  it('gives one component a single mean and sd (no free weight), and the default K its registry list', () => {
    expect(movedParams(mixture, traceNames(1)).map((p) => p.name)).toEqual(['mu1', 'sigma1'])
    expect(movedParams(mixture, traceNames(2)).map((p) => p.name)).toEqual([
      'w1',
      'mu1',
      'mu2',
      'sigma1',
      'sigma2',
    ])
  })

  it('leaves a family without components as the registry lists it', () => {
    const gamma = {
      id: 'gamma',
      params: [param('shape', 'k'), param('rate', 'β')],
    } as unknown as DistributionInfo
    expect(movedParams(gamma, ['shape', 'rate'])).toEqual([
      { name: 'shape', symbol: 'k' },
      { name: 'rate', symbol: 'β' },
    ])
  })
})
