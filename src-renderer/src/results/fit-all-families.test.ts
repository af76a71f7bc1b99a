import { describe, expect, it } from 'vitest'
import type { DistributionInfo } from '../../../src-shared/contract'
import { CATALOG } from '../../../test/support/renderer/catalog'
import { defaultFitAllFamilies, familyGroup, fitAllFamilies, isDefaultChoice } from './fit-all-families'

const normal = CATALOG.find((d) => d.id === 'normal')!
const mixture: DistributionInfo = {
  ...normal,
  id: 'normal_mixture',
  components: { default: 2, max: 5 },
  notInFitAll: 'opt in',
}
const weibull3: DistributionInfo = {
  ...normal,
  id: 'weibull3',
  params: [...normal.params, { name: 'threshold', symbol: 'θ', domain: 'real' }],
  notInFitAll: 'opt in',
}
const gpd: DistributionInfo = { ...normal, id: 'gpd', needsThreshold: true }
const catalog = [...CATALOG, mixture, weibull3, gpd]

describe('the Fit-all family choice', () => {
  it('groups families by what their info says: mixtures, threshold, discrete, continuous', () => {
    expect(familyGroup(mixture)).toBe('mixture')
    expect(familyGroup(weibull3)).toBe('threshold')
    expect(familyGroup(gpd)).toBe('threshold')
    expect(familyGroup(CATALOG.find((d) => d.id === 'poisson')!)).toBe('discrete')
    expect(familyGroup(normal)).toBe('continuous')
  })

  it('defaults to every family but the opt-in ones; a choice keeps catalog order and known ids', () => {
    const defaults = defaultFitAllFamilies(catalog)
    expect(defaults).not.toContain('normal_mixture')
    expect(defaults).not.toContain('weibull3')
    expect(defaults).toContain('gpd')
    expect(fitAllFamilies(catalog, null)).toEqual(defaults)
    expect(fitAllFamilies(catalog, null, true)).toEqual([...defaults, 'normal_mixture'])
    expect(fitAllFamilies(catalog, ['weibull3', 'gone', 'normal'])).toEqual(['normal', 'weibull3'])
    expect(isDefaultChoice(catalog, [...defaults].reverse())).toBe(true)
    expect(isDefaultChoice(catalog, defaults.slice(1))).toBe(false)
  })
})
