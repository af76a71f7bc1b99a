import { distributions, findDistribution } from './distributions/registry'
import type { Distribution } from './distributions/types'
import { RequestError } from './errors'
import { completeParams } from './fit/explorer'
import { finiteSorted, type Dataset, type EngineColumn } from './import/dataset'
import { familyContext, familyValues } from './likelihood/family-inputs'
import { supportProblem } from './likelihood/support-check'

/** What a chart request names: a column, a family, its parameters (and trials for the binomial). */
export interface ChartRequest {
  column: string
  dist: string
  params: Record<string, number>
  trials?: number
  /** For families that need one (gpd): the chart is of the values above it. */
  threshold?: number
}

/**
 * The engine's one piece of state: the open dataset, and each column's sorted finite values computed once
 * per dataset (fits, summaries and charts share them). Requests look columns and families up here, so every
 * request says the same thing about a missing column, a text column or an unknown family.
 */
export class EngineState {
  private current: Dataset | null = null
  private sortedCache = new WeakMap<EngineColumn, Float64Array>()

  /** Replaces the open dataset (an import); the sorted copies of the old one go with it. */
  open(dataset: Dataset): void {
    this.current = dataset
    this.sortedCache = new WeakMap()
  }

  get dataset(): Dataset {
    if (!this.current) throw new RequestError('No dataset is open: open a CSV file or spreadsheet first.')
    return this.current
  }

  column(name: string): EngineColumn {
    const data = this.dataset
    const col = data.columns.find((c) => c.info.name === name)
    if (!col) throw new RequestError(`Column "${name}" is not in ${data.info.fileName}.`)
    if (!col.info.numeric) {
      throw new RequestError(`Column "${name}" is not numeric (${col.info.nonNumeric} text cells).`)
    }
    return col
  }

  sortedValues(col: EngineColumn): Float64Array {
    let sorted = this.sortedCache.get(col)
    if (!sorted) {
      sorted = finiteSorted(col)
      this.sortedCache.set(col, sorted)
    }
    return sorted
  }

  /** Column, family and context for the chart requests, with the same support rules as a fit. */
  chartInput(request: ChartRequest) {
    const col = this.column(request.column)
    const dist = family(request.dist)
    const ctx = familyContext(dist, request)
    const all = this.sortedValues(col)
    const sorted = familyValues(dist, all, ctx)
    // The rows are checked as given unless the family keeps only some of them (exceedances).
    const problem = supportProblem(dist, sorted === all ? col.values : sorted, ctx, sorted)
    if (problem) throw new RequestError(problem)
    return { dist, sorted, ctx, params: completeParams(dist, request.params) }
  }
}

/** The family with this id, or a RequestError listing the known ones. */
export function family(id: string): Distribution {
  const dist = findDistribution(id)
  if (!dist) {
    throw new RequestError(
      `Unknown distribution "${id}" (known: ${distributions.map((d) => d.id).join(', ')}).`,
    )
  }
  return dist
}
