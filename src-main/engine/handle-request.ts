import type { EngineMessage, EngineRequest, EngineResults } from '../../src-shared/contract'
import { describeDistributions, findDistribution } from './distributions/registry'
import { RequestError } from './errors'
import { fitDistribution } from './fit/fit-distribution'
import { importCsv } from './import/csv-import'
import { finiteSorted, type Dataset, type EngineColumn } from './import/dataset'
import { summarize } from './stats/summary'

export type Emit = (message: EngineMessage) => void

/**
 * The engine without its transport: takes a request, emits progress and exactly one result or error for
 * it. One instance holds one dataset; `entry.ts` wires it to a utility/child process port, tests call it
 * directly.
 */
export function createRequestHandler() {
  let dataset: Dataset | null = null
  const cancelled = new Set<number>()

  function column(name: string): EngineColumn {
    if (!dataset) throw new RequestError('No dataset is open: open a CSV file first.')
    const col = dataset.columns.find((c) => c.info.name === name)
    if (!col) throw new RequestError(`Column "${name}" is not in ${dataset.info.fileName}.`)
    if (!col.info.numeric) {
      throw new RequestError(`Column "${name}" is not numeric (${col.info.nonNumeric} text cells).`)
    }
    return col
  }

  async function run(request: Exclude<EngineRequest, { kind: 'cancel' }>, emit: Emit) {
    switch (request.kind) {
      case 'import': {
        const next = await importCsv(request.path, {
          fileName: request.fileName,
          settings: request.settings,
          onProgress: (progress) => emit({ kind: 'progress', id: request.id, progress }),
          isCancelled: () => cancelled.has(request.id),
        })
        dataset = next
        return next.info satisfies EngineResults['import']
      }
      case 'summary':
        return summarize(
          request.column,
          finiteSorted(column(request.column)),
        ) satisfies EngineResults['summary']
      case 'fit': {
        const { request: fit } = request
        const dist = findDistribution(fit.dist)
        if (!dist) throw new RequestError(`Unknown distribution "${fit.dist}".`)
        return fitDistribution(
          dist,
          fit.column,
          finiteSorted(column(fit.column)),
          fit.method,
        ) satisfies EngineResults['fit']
      }
      case 'distributions':
        return describeDistributions() satisfies EngineResults['distributions']
      default:
        throw new RequestError(`The engine cannot do "${request.kind}" yet.`)
    }
  }

  return async function handleRequest(request: EngineRequest, emit: Emit): Promise<void> {
    if (request.kind === 'cancel') {
      cancelled.add(request.target)
      return
    }
    try {
      const value = await run(request, emit)
      emit({ kind: 'result', id: request.id, value })
    } catch (e) {
      const error = e instanceof Error ? e : new Error(String(e))
      emit({ kind: 'error', id: request.id, error: { name: error.name, message: error.message } })
    } finally {
      cancelled.delete(request.id)
    }
  }
}
