import type { FitResult, GroupFit, GroupTest } from '../../../src-shared/contract'
import { gammaQ } from '../distributions/incomplete-gamma'

/** Health codes under which the chi-square reference of a likelihood-ratio test does not hold. */
const IRREGULAR = new Set(['non-regular', 'domain-edge', 'unit-edge', 'limit'])

const show = (x: number) =>
  Math.abs(x) >= 1e-3 || x === 0 ? Number(x.toPrecision(4)).toString() : x.toExponential(2)
const showP = (p: number) => (p < 1e-4 ? 'p < 0.0001' : `p = ${show(p)}`)

/**
 * The likelihood-ratio test of "every group follows one distribution of this family": 2 (sum of the group
 * log-likelihoods - the pooled log-likelihood), against chi-square with (groups - 1) k degrees of freedom
 * (k: the family's free parameters). Groups whose fit of this family failed are left out, and the pooled
 * fit is then refitted on the others (`refit`), so both sides use the same rows. No p-value unless every
 * fit is at a confirmed maximum; the note says why, and when the chi-square reference is doubtful.
 */
export async function groupTest(
  pooled: FitResult,
  groups: readonly GroupFit[],
  kept: readonly { code: number }[],
  refit: (codes: number[]) => Promise<FitResult | null>,
): Promise<GroupTest> {
  const dist = pooled.dist
  const members = groups.flatMap((g, i) => {
    const fit = g.fits.find((f) => f.dist === dist)
    return fit ? [{ label: g.group, code: kept[i].code, fit }] : []
  })
  const left = groups.filter((g) => !members.some((m) => m.label === g.group)).map((g) => `"${g.group}"`)
  const k = pooled.estimates.filter((e) => !e.fixed).length
  const base = { dist, groups: members.map((m) => m.label), separateLogLikelihood: NaN }
  if (members.length < 2) {
    return {
      ...base,
      statistic: NaN,
      df: 0,
      pValue: null,
      pooledLogLikelihood: pooled.logLikelihood,
      note: `No test: ${pooled.distLabel} could be fitted in ${members.length === 1 ? 'only one group' : 'no group'}.`,
    }
  }
  const together = left.length === 0 ? pooled : await refit(members.map((m) => m.code))
  const separate = members.reduce((sum, m) => sum + m.fit.logLikelihood, 0)
  const pooledLl = together?.logLikelihood ?? NaN
  const statistic = Math.max(0, 2 * (separate - pooledLl))
  const df = (members.length - 1) * k
  const fits = together ? [together, ...members.map((m) => m.fit)] : []
  const atMaximum = together !== null && fits.every((f) => f.converged)
  // The upper tail itself (not 1 - CDF), so a decisive test keeps its p-value (iris: 1e-34), not 0.
  const pValue = atMaximum && df > 0 ? gammaQ(df / 2, statistic / 2) : null
  const notes: string[] = []
  if (pValue !== null) notes.push(verdict(statistic, df, pValue, members.length))
  else if (!together) notes.push(`No test: the pooled ${pooled.distLabel} fit of the tested groups failed.`)
  else
    notes.push(
      'No p-value: some of these fits are not at a confirmed maximum, so the statistic is not a likelihood ratio.',
    )
  if (left.length > 0)
    notes.push(`Left out (${pooled.distLabel} could not be fitted there): ${left.join(', ')}.`)
  if (fits.some((f) => f.health.codes?.some((c) => IRREGULAR.has(c))))
    notes.push('Some fit is at a boundary or not regular: the chi-square reference is only approximate.')
  return {
    ...base,
    separateLogLikelihood: separate,
    pooledLogLikelihood: pooledLl,
    statistic,
    df,
    pValue,
    note: notes.join(' '),
  }
}

function verdict(statistic: number, df: number, p: number, groups: number): string {
  const lr = `LR = ${show(statistic)} on ${df} df, ${showP(p)}`
  return p < 0.05
    ? `The ${groups} groups differ: one distribution for all of them is rejected at the 5% level (${lr}).`
    : `No evidence that the ${groups} groups differ: one distribution for all of them fits about as well (${lr}).`
}
