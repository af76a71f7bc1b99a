import type { EngineMessage, EngineRequest, EngineResults, Progress } from '../../src-shared/contract'
import { toErrorInfo } from '../../src-shared/errors'
import { describeDistributions, distributions, findDistribution } from './distributions/registry'
import type { Distribution } from './distributions/types'
import { RequestError } from './errors'
import { completeParams, diagnostics, evaluate, likelihoodGrid } from './fit/explorer'
import { fitAll } from './fit/fit-all'
import { createWorkControl } from './control/work-control'
import { fitDistribution } from './fit/fit-distribution'
import { familyContext } from './likelihood/family-inputs'
import { supportProblem } from './likelihood/support-check'
import { importFile } from './import/import-file'
import { fitRegression } from './regression/fit-regression'
import { regressionGrid } from './regression/regression-grid'
import { finiteSorted, type Dataset, type EngineColumn } from './import/dataset'
import { summarize } from './stats/summary'
import { weightedColumn, weightsInfo, type WeightedColumn } from './stats/frequency-weights'
import { excludeOutside } from './stats/exclusions'
import type { Exclusion, ValueRange } from '../../src-shared/contract'

/** The data one fit works on (see `fitData`). */
interface FitData {
  sorted: Float64Array
  rows: Float64Array
  sortedWeights?: Float64Array
  weightsInfo?: ReturnType<typeof weightsInfo>
  exclusions?: Exclusion[]
}

/** Sends one engine message (progress, result or error) back over the transport. */
export type Emit = (message: EngineMessage) => void

/**
 * The engine without its transport: takes a request, emits progress and exactly one result or error for
 * it. One instance holds one dataset; `entry.ts` wires it to a utility/child process port, tests call it
 * directly.
 */
export function createRequestHandler() {
  let dataset: Dataset | null = null
  const cancelled = new Set<number>()
  // Sorted finite values per column, computed once per dataset (fits, summaries and charts share them).
  let sortedCache = new WeakMap<EngineColumn, Float64Array>()
  // What fits with weights or exclusions work on, per (column, weights, range) of this dataset.
  let fitDataCache = new Map<string, FitData>()

  function openDataset(): Dataset {
    if (!dataset) throw new RequestError('No dataset is open: open a CSV file or spreadsheet first.')
    return dataset
  }

  function column(name: string): EngineColumn {
    const data = openDataset()
    const col = data.columns.find((c) => c.info.name === name)
    if (!col) throw new RequestError(`Column "${name}" is not in ${data.info.fileName}.`)
    if (!col.info.numeric) {
      throw new RequestError(`Column "${name}" is not numeric (${col.info.nonNumeric} text cells).`)
    }
    return col
  }

  function sortedValues(col: EngineColumn): Float64Array {
    let sorted = sortedCache.get(col)
    if (!sorted) {
      sorted = finiteSorted(col)
      sortedCache.set(col, sorted)
    }
    return sorted
  }

  /**
   * What a fit or chart works on: the column's sorted values and row values after the exclusion rules
   * (value range), and with a weights column the values that carry a positive weight, paired with their
   * weights (a RequestError names a bad row).
   */
  function fitData(name: string, weights?: string, range?: ValueRange): FitData {
    const col = column(name)
    if (weights === undefined && range === undefined) return { sorted: sortedValues(col), rows: col.values }
    const key = JSON.stringify([name, weights, range])
    let data = fitDataCache.get(key)
    if (!data) {
      data = prepareFitData(col, name, weights, range)
      fitDataCache.set(key, data)
    }
    return data
  }

  function prepareFitData(col: EngineColumn, name: string, weights?: string, range?: ValueRange): FitData {
    const excluded = range ? excludeOutside(col.values, name, range) : { rows: col.values, exclusions: [] }
    const exclusions = range ? { exclusions: excluded.exclusions } : {}
    if (weights === undefined) {
      const kept: EngineColumn = { info: col.info, values: excluded.rows }
      return { sorted: finiteSorted(kept), rows: excluded.rows, ...exclusions }
    }
    const paired: WeightedColumn = weightedColumn(excluded.rows, column(weights).values, {
      column: name,
      weights,
    })
    return {
      sorted: paired.sorted,
      rows: paired.rows,
      sortedWeights: paired.weights,
      weightsInfo: weightsInfo(paired, weights),
      ...exclusions,
    }
  }

  function family(id: string): Distribution {
    const dist = findDistribution(id)
    if (!dist) {
      throw new RequestError(
        `Unknown distribution "${id}" (known: ${distributions.map((d) => d.id).join(', ')}).`,
      )
    }
    return dist
  }

  /** Column, family and context for the chart requests, with the same support rules as a fit. */
  function chartInput(request: {
    column: string
    dist: string
    params: Record<string, number>
    trials?: number
    weights?: string
    range?: ValueRange
  }) {
    const { sorted, rows, sortedWeights } = fitData(request.column, request.weights, request.range)
    const dist = family(request.dist)
    const ctx = familyContext(dist, request.trials)
    const problem = supportProblem(dist, rows, ctx, sorted)
    if (problem) throw new RequestError(problem)
    return { dist, sorted, weights: sortedWeights, ctx, params: completeParams(dist, request.params) }
  }

  async function run(request: Exclude<EngineRequest, { kind: 'cancel' | 'ping' }>, emit: Emit) {
    const watch = {
      isCancelled: () => cancelled.has(request.id),
      onProgress: (progress: Progress) => emit({ kind: 'progress', id: request.id, progress }),
    }
    const control = createWorkControl(watch)
    switch (request.kind) {
      case 'import': {
        const next = await importFile(request.path, {
          fileName: request.fileName,
          settings: request.settings,
          ...watch,
        })
        dataset = next
        sortedCache = new WeakMap()
        fitDataCache = new Map()
        return next.info satisfies EngineResults['import']
      }
      case 'summary': {
        const { column: name } = request.request
        return summarize(name, sortedValues(column(name))) satisfies EngineResults['summary']
      }
      case 'fit': {
        const { request: fit } = request
        return (await fitDistribution(
          { ...fit, dist: family(fit.dist), ...fitData(fit.column, fit.weights, fit.range) },
          control,
        )) satisfies EngineResults['fit']
      }
      case 'fit-all': {
        const { request: all } = request
        return (await fitAll(
          { ...all, families: distributions, ...fitData(all.column, all.weights, all.range) },
          control,
        )) satisfies EngineResults['fit-all']
      }
      case 'diagnostics': {
        const { dist, sorted, weights, ctx, params } = chartInput(request.request)
        return diagnostics(dist, sorted, params, ctx, weights) satisfies EngineResults['diagnostics']
      }
      case 'likelihood-grid': {
        const { dist, sorted, weights, ctx } = chartInput(request.request)
        return likelihoodGrid(
          dist,
          sorted,
          request.request,
          ctx,
          weights,
        ) satisfies EngineResults['likelihood-grid']
      }
      case 'evaluate': {
        const { dist, sorted, weights, ctx, params } = chartInput(request.request)
        return evaluate(dist, sorted, params, ctx, weights) satisfies EngineResults['evaluate']
      }
      case 'regress':
        return (await fitRegression(openDataset(), request.request, watch)) satisfies EngineResults['regress']
      case 'regression-grid':
        return regressionGrid(openDataset(), request.request) satisfies EngineResults['regression-grid']
      case 'distributions':
        return describeDistributions() satisfies EngineResults['distributions']
    }
  }

  return async function handleRequest(request: EngineRequest, emit: Emit): Promise<void> {
    // Both answered at once, between two steps of whatever else runs (long work yields regularly).
    if (request.kind === 'cancel') {
      cancelled.add(request.target)
      return
    }
    if (request.kind === 'ping') {
      emit({ kind: 'pong', id: request.id })
      return
    }
    try {
      const value = await run(request, emit)
      emit({ kind: 'result', id: request.id, value })
    } catch (e) {
      emit({ kind: 'error', id: request.id, error: toErrorInfo(e) })
    } finally {
      cancelled.delete(request.id)
    }
  }
}
