import type {
  Exclusion,
  FitResult,
  GroupFit,
  GroupFitRequest,
  GroupFitResult,
} from '../../../src-shared/contract'
import { rankOrder } from '../../../src-shared/ranking'
import type { WorkControl } from '../control/work-control'
import type { Distribution } from '../distributions/types'
import { FitError, RequestError } from '../errors'
import { fitAll } from '../fit/fit-all'
import { fitDistribution } from '../fit/fit-distribution'
import { groupData, withoutUngrouped, type GroupData, type GroupSource } from './group-data'
import { groupTest } from './group-test'

/** A group with fewer values than this is not fitted at all (one value has no spread to estimate). */
export const MIN_GROUP_VALUES = 2

export interface GroupFitInput {
  request: GroupFitRequest
  /** The fitted column after the value range and the other exclusion rules, with the By codes. */
  source: GroupSource
  /** The rules already applied to `source.rows`, with their counts. */
  exclusions: Exclusion[]
  /** Every family (for `dists: 'all'`) and the look-up of one by id (a RequestError when unknown). */
  families: readonly Distribution[]
  family: (id: string) => Distribution
}

/** What one set of rows (a group or the pool) gave: its fits in rank order and the families not fitted. */
interface FitSet {
  fits: FitResult[]
  notApplicable: { dist: string; reason: string }[]
}

/**
 * Fits the chosen families in each group of a By column, the same families to every group together
 * (pooled), and for each family the likelihood-ratio test of "one distribution for every group". Each
 * group's fit is exactly the fit of its rows alone (the same pipeline on the same sorted values and
 * weights). Groups with fewer than MIN_GROUP_VALUES values are skipped with a note, and left out of the
 * pooled fit so the test compares the same data.
 */
export async function fitGroups(input: GroupFitInput, control: WorkControl): Promise<GroupFitResult> {
  const { request } = input
  const { source, exclusion } = withoutUngrouped(input.source, request.by)
  const exclusions = exclusion ? [...input.exclusions, exclusion] : input.exclusions
  const labels = source.groups.labels
  const kept: { code: number; data: GroupData }[] = []
  const skipped: GroupFitResult['skipped'] = []
  labels.forEach((label, code) => {
    const data = groupData(source, new Set([code]))
    const used = data?.used ?? 0
    if (data && used >= MIN_GROUP_VALUES) kept.push({ code, data })
    else skipped.push({ group: label, used, reason: tooFew(used) })
  })
  if (kept.length === 0)
    throw new RequestError(
      `No group of "${request.by}" has ${MIN_GROUP_VALUES} or more values of "${request.column}" to fit.`,
    )
  const pooledData = groupData(source, new Set(kept.map((k) => k.code)))!
  const pooled = await fitSet(input, pooledData, control)
  const groups: GroupFit[] = []
  for (const { code, data } of kept) {
    const set = await fitSet(input, data, control)
    groups.push({ group: labels[code], data: dataOf(data), ...set })
  }
  const tests = []
  for (const fit of pooled.fits) {
    const refit = (codes: number[]) => refitPooled(input, source, codes, fit.dist, control)
    tests.push(await groupTest(fit, groups, kept, refit))
  }
  return {
    column: request.column,
    by: request.by,
    groups,
    pooled: { data: dataOf(pooledData), ...pooled },
    tests,
    skipped,
    exclusions,
    ...(pooledData.weightsInfo ? { weights: pooledData.weightsInfo } : {}),
  }
}

function tooFew(used: number): string {
  if (used === 0) return 'no values to fit (all missing or excluded).'
  const values = used === 1 ? 'only 1 value' : `only ${used} values`
  return `${values} to fit (a group needs at least ${MIN_GROUP_VALUES}); left out of the pooled fit and the test.`
}

function dataOf(data: GroupData): GroupFit['data'] {
  return { rows: data.rowCount, used: data.used, ...(data.total !== undefined ? { total: data.total } : {}) }
}

/** The request's fit settings, without what only the group request has. */
function fitSettings(request: GroupFitRequest) {
  const {
    by: _by,
    dists: _dists,
    fixed: _fixed,
    range: _range,
    exclude: _exclude,
    weights,
    ...settings
  } = request
  return { ...settings, ...(weights !== undefined ? { weights } : {}) }
}

/** The chosen families fitted to one set of rows; a family that does not apply is listed with why. */
async function fitSet(input: GroupFitInput, data: GroupData, control: WorkControl): Promise<FitSet> {
  const settings = fitSettings(input.request)
  const { rowCount: _rows, used: _used, total: _total, ...fitData } = data
  if (input.request.dists === 'all') {
    const all = await fitAll({ ...settings, families: input.families, ...fitData }, control)
    return { fits: all.fits, notApplicable: all.notApplicable }
  }
  const fits: FitResult[] = []
  const notApplicable: FitSet['notApplicable'] = []
  for (const id of input.request.dists) {
    const dist = input.family(id)
    const fixed = input.request.fixed
    const free = dist.params.filter((p) => fixed?.[p.name] === undefined).length
    if (data.used <= free) {
      notApplicable.push({ dist: id, reason: `too small: ${data.used} values for ${free} free parameters` })
      continue
    }
    try {
      fits.push(
        await fitDistribution({ ...settings, dist, ...(fixed ? { fixed } : {}), ...fitData }, control),
      )
    } catch (e) {
      if (!(e instanceof FitError || e instanceof RequestError)) throw e
      notApplicable.push({ dist: id, reason: e.message })
    }
  }
  return { fits: fits.sort(rankOrder), notApplicable }
}

/** The pooled fit of some groups only (the test leaves out a group whose fit failed), lean. */
async function refitPooled(
  input: GroupFitInput,
  source: GroupSource,
  codes: number[],
  dist: string,
  control: WorkControl,
): Promise<FitResult | null> {
  const data = groupData(source, new Set(codes))
  if (!data) return null
  const { rowCount: _rows, used: _used, total: _total, ...fitData } = data
  const fixed = input.request.fixed
  try {
    return await fitDistribution(
      {
        ...fitSettings(input.request),
        dist: input.family(dist),
        ...(fixed ? { fixed } : {}),
        ...fitData,
        lean: true,
      },
      control,
    )
  } catch (e) {
    if (!(e instanceof FitError || e instanceof RequestError)) throw e
    return null
  }
}
