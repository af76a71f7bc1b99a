import { describe, expect, it, vi } from 'vitest'
import type { ColumnInfo, DatasetInfo } from '../../src-shared/contract'
import { EngineState } from './engine-state'
import type { Dataset } from './import/dataset'
import { sortFinite } from './import/sort-values'
import { summarize } from './stats/summary'

// Counts the sorts, so the tests can tell when a column's sorted copy is made.
vi.mock('./import/sort-values', async (original) => {
  const real = await original<typeof import('./import/sort-values')>()
  return { ...real, sortFinite: vi.fn(real.sortFinite) }
})

/** A dataset of the given columns (only what the state reads of the infos). */
function dataset(columns: Record<string, number[] | null>): Dataset {
  return {
    info: { fileName: 'test.csv' } as DatasetInfo,
    columns: Object.entries(columns).map(([name, values]) => ({
      info: { name, numeric: values !== null } as ColumnInfo,
      values: new Float64Array(values ?? [NaN, NaN, NaN]),
    })),
  }
}

describe('EngineState summaries and sorting', () => {
  it('summarises a column without sorting it, from its finite values in row order', () => {
    const state = new EngineState()
    state.open(dataset({ name: null, x: [0.1, NaN, 0.7, 0.2, Infinity, 1e9, 0.3] }))
    vi.mocked(sortFinite).mockClear()
    const summary = state.firstSummary().firstSummary!
    expect(sortFinite).not.toHaveBeenCalled()
    expect(summary).toEqual(summarize('x', new Float64Array([0.1, 0.7, 0.2, 1e9, 0.3])))
  })

  it('gives the same summary whether or not the column was sorted first', () => {
    const values = Array.from({ length: 1000 }, (_, i) => Math.sin(i) * 1e6 + 1 / (i + 1))
    const fresh = new EngineState()
    fresh.open(dataset({ x: values }))
    const sortedFirst = new EngineState()
    sortedFirst.open(dataset({ x: values }))
    sortedFirst.presortFirst()
    expect(sortedFirst.summary('x')).toStrictEqual(fresh.summary('x'))
  })

  it('presorts the first numeric column once, for the fits that follow an open', () => {
    const state = new EngineState()
    state.open(dataset({ name: null, x: [3, 1, 2], y: [9, 8] }))
    vi.mocked(sortFinite).mockClear()
    state.presortFirst()
    expect(sortFinite).toHaveBeenCalledTimes(1)
    expect([...state.sortedValues(state.column('x'))]).toEqual([1, 2, 3])
    state.presortFirst()
    expect(sortFinite).toHaveBeenCalledTimes(1)
  })

  it('presorts nothing when no dataset is open or no column is numeric', () => {
    const state = new EngineState()
    expect(() => state.presortFirst()).not.toThrow()
    state.open(dataset({ name: null }))
    vi.mocked(sortFinite).mockClear()
    state.presortFirst()
    expect(sortFinite).not.toHaveBeenCalled()
  })
})
