import type { GroupFitRequest } from '../../../src-shared/contract'
import { distributions } from '../distributions/registry'
import { RequestError } from '../errors'
import type { EngineColumn } from '../import/dataset'
import type { GroupFitInput } from './fit-groups'
import { groupCodes } from './group-codes'

/** What `fitGroups` needs from the open dataset; EngineState provides it (columns, exclusions, families). */
export interface GroupDataset {
  column(name: string): EngineColumn
  anyColumn(name: string): EngineColumn
  fitData(
    name: string,
    weights?: string,
    range?: GroupFitRequest['range'],
    exclude?: GroupFitRequest['exclude'],
  ): { rows: Float64Array; exclusions?: GroupFitInput['exclusions'] }
}

/**
 * Resolves a group-fit request against the dataset: the By column's groups (at most MAX_GROUPS), the fitted
 * column after its exclusion rules (weights are paired per group, so the rows keep every value here), the
 * weights column. A By column equal to the fitted one or to the weights is a RequestError.
 */
export function groupFitInput(
  request: GroupFitRequest,
  data: GroupDataset,
  family: GroupFitInput['family'],
): GroupFitInput {
  const { column, by, weights } = request
  if (by === column)
    throw new RequestError(`The By column "${by}" is the column being fitted: choose a column of groups.`)
  if (by === weights) throw new RequestError(`The By column "${by}" is also the weights column.`)
  if (request.dists !== 'all' && request.dists.length === 0)
    throw new RequestError('Choose at least one family to fit by group.')
  const groups = groupCodes(data.anyColumn(by))
  const excluded = data.fitData(column, undefined, request.range, request.exclude)
  return {
    request,
    source: {
      rows: excluded.rows,
      groups,
      column,
      ...(weights !== undefined ? { weights: { column: weights, values: data.column(weights).values } } : {}),
    },
    exclusions: excluded.exclusions ?? [],
    families: distributions,
    family,
  }
}
