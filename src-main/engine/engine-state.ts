import { distributions, findDistribution } from './distributions/registry'
import type { Distribution } from './distributions/types'
import { RequestError } from './errors'
import { completeParams } from './fit/explorer'
import { finiteSorted, finiteValues, type Dataset, type EngineColumn } from './import/dataset'
import { notNumericMessage } from './import/import-messages'
import { familyContext, familyValues, familyWeights, resolveFamily } from './likelihood/family-inputs'
import { supportProblem } from './likelihood/support-check'
import { applyExclusionRules } from './groups/exclusion-rules'
import { excludeOutside } from './stats/exclusions'
import { summarize } from './stats/summary'
import { weightedColumn, weightsInfo } from './stats/frequency-weights'
import type {
  BinRule,
  Censoring,
  ColumnSummary,
  Exclusion,
  ExclusionRule,
  ValueRange,
} from '../../src-shared/contract'
import { readCensored, type CensoredData, type CensoringColumn } from './censoring/censored-data'
import { censoredFamily, censoredHistogram, representativeValues } from './censoring/censored-likelihood'

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
  exclude?: ExclusionRule[]
  /** The fit's censoring columns. */
  censoring?: Censoring
}

/** What names a fit's data: the column and, when it has them, its weights, range and censoring. */
interface DataRequest {
  column: string
  weights?: string
  range?: ValueRange
  exclude?: ExclusionRule[]
  censoring?: Censoring
}

/**
 * The engine's one piece of state: the open dataset, and each column's sorted finite values computed once
 * per dataset (fits, summaries and charts share them). Requests look columns and families up here, so every
 * request says the same thing about a missing column, a text column or an unknown family.
 */
export class EngineState {
  private current: Dataset | null = null
  private sortedCache = new WeakMap<EngineColumn, Float64Array>()
  private summaryCache = new WeakMap<EngineColumn, ColumnSummary>()
  // What fits with weights or exclusions work on, per (column, weights, range) of this dataset.
  private fitDataCache = new Map<string, FitData>()
  private censoredCache = new Map<string, CensoredData>()

  /** Replaces the open dataset (an import); the sorted copies of the old one go with it. */
  open(dataset: Dataset): void {
    this.current = dataset
    this.sortedCache = new WeakMap()
    this.summaryCache = new WeakMap()
    this.fitDataCache = new Map()
    this.censoredCache = new Map()
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
      throw new RequestError(notNumericMessage(col.info))
    }
    return col
  }

  /** Any column, numeric or not (By columns, exclusions by category), or a RequestError naming the file. */
  anyColumn(name: string): EngineColumn {
    const col = this.dataset.columns.find((c) => c.info.name === name)
    if (!col) throw new RequestError(`Column "${name}" is not in ${this.dataset.info.fileName}.`)
    return col
  }

  /**
   * `{ firstSummary }`: the summary of the open dataset's first numeric column (what an opened file shows
   * first), or nothing when no column is numeric.
   */
  firstSummary(): { firstSummary?: ColumnSummary } {
    const first = this.firstNumeric()
    return first ? { firstSummary: this.summary(first.info.name) } : {}
  }

  /**
   * Sorts the open dataset's first numeric column ahead of its fits (the column an open selects). Called
   * once an import is answered: the sort (a radix sort, ~0.1 s per million values) is then off the open's
   * wait, and done before the user can ask for a fit. Sorting it again is a cache hit.
   */
  presortFirst(): void {
    const first = this.current && this.firstNumeric()
    if (first) this.sortedValues(first)
  }

  private firstNumeric(): EngineColumn | undefined {
    return this.dataset.columns.find((c) => c.info.numeric)
  }

  /**
   * A numeric column's summary, computed once per dataset. Its statistics (moments, extremes) do not depend
   * on the order, so it reads the finite values in row order and never waits for a sort; the same order
   * every time, so it is the same to the last bit whether or not the column was sorted already.
   */
  summary(name: string): ColumnSummary {
    const col = this.column(name)
    let summary = this.summaryCache.get(col)
    if (!summary) {
      summary = summarize(name, finiteValues(col.values))
      this.summaryCache.set(col, summary)
    }
    return summary
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
  fitData(name: string, weights?: string, range?: ValueRange, exclude?: ExclusionRule[]): FitData {
    const col = this.column(name)
    if (weights === undefined && range === undefined && !exclude?.length)
      return { sorted: this.sortedValues(col), rows: col.values }
    const key = JSON.stringify([name, weights, range, exclude])
    let data = this.fitDataCache.get(key)
    if (!data) {
      data = this.prepareFitData(col, name, weights, range, exclude ?? [])
      this.fitDataCache.set(key, data)
    }
    return data
  }

  private prepareFitData(
    col: EngineColumn,
    name: string,
    weights: string | undefined,
    range: ValueRange | undefined,
    exclude: ExclusionRule[],
  ): FitData {
    const ranged = range ? excludeOutside(col.values, name, range) : { rows: col.values, exclusions: [] }
    const ruled = applyExclusionRules(ranged.rows, exclude, (c) => this.anyColumn(c))
    const excluded = { rows: ruled.rows, exclusions: [...ranged.exclusions, ...ruled.exclusions] }
    const exclusions = excluded.exclusions.length > 0 ? { exclusions: excluded.exclusions } : {}
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

  /**
   * A fit's censored observations (`{ censored }`, or nothing when the request names no censoring), read
   * once per dataset and request; a RequestError names the first bad row.
   */
  censoring(request: DataRequest): { censored?: CensoredData } {
    const spec = request.censoring
    if (!spec) return {}
    if (request.weights !== undefined || request.range !== undefined || request.exclude?.length) {
      throw new RequestError(
        'Censored data cannot be combined with frequency weights or exclusion rules yet: clear those to fit with censoring.',
      )
    }
    const key = JSON.stringify(['censoring', request.column, spec])
    let data = this.censoredCache.get(key)
    if (!data) {
      const other =
        'status' in spec ? this.statusColumn(spec.status, spec.event) : this.censoringColumn(spec.upper)
      data = readCensored(this.censoringColumn(request.column), other, spec)
      this.censoredCache.set(key, data)
    }
    return { censored: data }
  }

  /**
   * The status column as the reader needs it. A text one ("failed"/"censored", "Dead"/"Alive") is read by
   * the value the request names as observed; without one, the message names its values and asks for it
   * (instead of "not numeric").
   */
  private statusColumn(name: string, event: string | undefined): CensoringColumn {
    const col = this.anyColumn(name)
    if (col.info.numeric) return this.censoringColumn(name)
    if (event !== undefined) return { name, values: col.values, text: true, categories: col.categories }
    const levels = (col.info.levels ?? []).slice(0, 4).map((l) => `"${l}"`)
    const more = (col.info.levels?.length ?? 0) > 4 ? ', ...' : ''
    throw new RequestError(
      `Status column "${name}" holds text${levels.length ? ` (${levels.join(', ')}${more})` : ''}: say which value marks an observed time (the event; its other value is right-censored), under Censoring in the app or with --event-value in mle-fit. Numbers need no naming: 1 (true, yes) = observed, 0 (false, no) = right-censored.`,
    )
  }

  private censoringColumn(name: string): CensoringColumn {
    const col = this.column(name)
    const example = col.info.nonNumeric > 0 ? col.info.nonNumericExamples[0] : undefined
    return {
      name,
      values: col.values,
      boolean: col.info.type === 'boolean',
      ...(example ? { firstText: example } : {}),
    }
  }

  /**
   * Chart input of a censored fit: the family wrapped with the censored likelihood (so the explorer's
   * log-likelihood is the fit's) over one representative value per observation, with the data.
   */
  censoredChartInput(request: ChartRequest & { censoring: Censoring }) {
    const data = this.censoring(request).censored!
    const base = family(request.dist)
    return {
      base,
      data,
      dist: censoredFamily(base, data),
      sorted: representativeValues(base, data),
      weights: undefined,
      ctx: familyContext(base, request),
      params: completeParams(base, request.params),
    }
  }

  /** Chart input with or without censoring (the explorer: its log-likelihood is always the fit's). */
  anyChartInput(request: ChartRequest) {
    const { censoring } = request
    return censoring ? this.censoredChartInput({ ...request, censoring }) : this.chartInput(request)
  }

  /** A censored fit's histogram: the exact values, scaled by their share of n (see fitCensored). */
  censoredHistogram(request: ChartRequest & { bins: BinRule }) {
    const data = this.censoring(request).censored!
    return censoredHistogram(data, request.bins)
  }

  /** Column, family and context for the chart requests, with the same data and support rules as a fit. */
  chartInput(request: ChartRequest) {
    const {
      sorted: all,
      rows,
      sortedWeights,
    } = this.fitData(request.column, request.weights, request.range, request.exclude)
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
