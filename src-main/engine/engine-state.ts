import { distributions, findDistribution } from './distributions/registry'
import type { Distribution } from './distributions/types'
import { RequestError } from './errors'
import { completeParams } from './fit/explorer'
import { finiteSorted, type Dataset, type EngineColumn } from './import/dataset'
import { familyContext, familyValues, familyWeights, resolveFamily } from './likelihood/family-inputs'
import { supportProblem } from './likelihood/support-check'
import { excludeOutside } from './stats/exclusions'
import { weightedColumn, weightsInfo } from './stats/frequency-weights'
import type { Exclusion, ValueRange } from '../../src-shared/contract'

/** The data one fit works on: the column after its exclusions, paired with its weights when given. */
export interface FitData {
  sorted: Float64Array
  rows: Float64Array
  sortedWeights?: Float64Array
  weightsInfo?: ReturnType<typeof weightsInfo>
  exclusions?: Exclusion[]
}

/** What a chart request names: a column, a family, its parameters (and trials for the binomial). */
export interface ChartRequest {
  column: string
  dist: string
  params: Record<string, number>
  trials?: number
  /** For families that need one (gpd): the chart is of the values above it. */
  threshold?: number
  /** A mixture's number of components (the fit's). */
  components?: number
  /** The fit's frequency-weights column and value range: the chart weighs and keeps what the fit did. */
  weights?: string
  range?: ValueRange
}

/**
 * The engine's one piece of state: the open dataset, and each column's sorted finite values computed once
 * per dataset (fits, summaries and charts share them). Requests look columns and families up here, so every
 * request says the same thing about a missing column, a text column or an unknown family.
 */
export class EngineState {
  private current: Dataset | null = null
  private sortedCache = new WeakMap<EngineColumn, Float64Array>()
  // What fits with weights or exclusions work on, per (column, weights, range) of this dataset.
  private fitDataCache = new Map<string, FitData>()

  /** Replaces the open dataset (an import); the sorted copies of the old one go with it. */
  open(dataset: Dataset): void {
    this.current = dataset
    this.sortedCache = new WeakMap()
    this.fitDataCache = new Map()
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

  /**
   * What a fit or chart works on: the column's sorted values and row values after the exclusion rules
   * (value range), and with a weights column the values that carry a positive weight, paired with their
   * weights (a RequestError names a bad row).
   */
  fitData(name: string, weights?: string, range?: ValueRange): FitData {
    const col = this.column(name)
    if (weights === undefined && range === undefined)
      return { sorted: this.sortedValues(col), rows: col.values }
    const key = JSON.stringify([name, weights, range])
    let data = this.fitDataCache.get(key)
    if (!data) {
      data = this.prepareFitData(col, name, weights, range)
      this.fitDataCache.set(key, data)
    }
    return data
  }

  private prepareFitData(col: EngineColumn, name: string, weights?: string, range?: ValueRange): FitData {
    const excluded = range ? excludeOutside(col.values, name, range) : { rows: col.values, exclusions: [] }
    const exclusions = range ? { exclusions: excluded.exclusions } : {}
    if (weights === undefined) {
      const kept: EngineColumn = { info: col.info, values: excluded.rows }
      return { sorted: finiteSorted(kept), rows: excluded.rows, ...exclusions }
    }
    const paired = weightedColumn(excluded.rows, this.column(weights).values, { column: name, weights })
    return {
      sorted: paired.sorted,
      rows: paired.rows,
      sortedWeights: paired.weights,
      weightsInfo: weightsInfo(paired, weights),
      ...exclusions,
    }
  }

  /** Column, family and context for the chart requests, with the same data and support rules as a fit. */
  chartInput(request: ChartRequest) {
    const { sorted: all, rows, sortedWeights } = this.fitData(request.column, request.weights, request.range)
    const dist = resolveFamily(family(request.dist), request.components)
    const ctx = familyContext(dist, request)
    const sorted = familyValues(dist, all, ctx)
    // The rows are checked as given unless the family keeps only some of them (exceedances).
    const problem = supportProblem(dist, sorted === all ? rows : sorted, ctx, sorted)
    if (problem) throw new RequestError(problem)
    return {
      dist,
      sorted,
      weights: familyWeights(sortedWeights, all, sorted),
      ctx,
      params: completeParams(dist, request.params),
    }
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
