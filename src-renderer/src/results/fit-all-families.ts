import type { DistributionInfo } from '../../../src-shared/contract'

/** The groups of the Fit-all family choice, in the order they are listed. */
export type FamilyGroup = 'continuous' | 'discrete' | 'threshold' | 'mixture'

export const FAMILY_GROUPS: { group: FamilyGroup; label: string }[] = [
  { group: 'continuous', label: 'Continuous' },
  { group: 'discrete', label: 'Discrete' },
  { group: 'threshold', label: 'Threshold' },
  { group: 'mixture', label: 'Mixtures' },
]

/**
 * A family's group, read from its info (never its id): a mixture has components; a threshold family needs
 * the user's threshold (gpd) or estimates one (a `threshold` parameter: weibull3, lognormal3, gamma3).
 */
export function familyGroup(d: DistributionInfo): FamilyGroup {
  if (d.components) return 'mixture'
  if (d.needsThreshold || d.params.some((p) => p.name === 'threshold')) return 'threshold'
  return d.discrete ? 'discrete' : 'continuous'
}

/** What Fit all tries when the user has not chosen: every family but the opt-in ones (mixtures, ...). */
export function defaultFitAllFamilies(catalog: readonly DistributionInfo[]): string[] {
  return catalog.filter((d) => !d.notInFitAll).map((d) => d.id)
}

/**
 * The families Fit all tries: the user's choice (in catalog order, ids the catalog no longer lists
 * dropped), else the default, with the mixtures when the user opted them in (sessions before the choice).
 */
export function fitAllFamilies(
  catalog: readonly DistributionInfo[],
  chosen: readonly string[] | null,
  withMixtures = false,
): string[] {
  if (chosen) return catalog.filter((d) => chosen.includes(d.id)).map((d) => d.id)
  const mixtures = withMixtures ? catalog.filter((d) => d.components).map((d) => d.id) : []
  return [...defaultFitAllFamilies(catalog), ...mixtures]
}

/** Whether `ids` are exactly the default choice (then the request names no families: today's Fit all). */
export function isDefaultChoice(catalog: readonly DistributionInfo[], ids: readonly string[]): boolean {
  const defaults = defaultFitAllFamilies(catalog)
  return defaults.length === ids.length && defaults.every((id) => ids.includes(id))
}
