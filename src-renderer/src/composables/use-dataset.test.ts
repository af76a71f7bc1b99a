import { afterEach, describe, expect, it } from 'vitest'
import type { ColumnSummary } from '../../../src-shared/contract'
import { columnSummary, WEIGHTS } from '../../../test/support/renderer/datasets'
import { settle } from '../../../test/support/renderer/fake-renderer-api'
import { startedWorkspace } from '../../../test/support/renderer/workspace'
import { firstColumn } from './use-dataset'

let stop: (() => void) | null = null
afterEach(() => stop?.())

describe('useDataset', () => {
  it('drops a summary that arrives after the user chose another column', async () => {
    const pending = new Map<string, (s: ColumnSummary) => void>()
    const s = await startedWorkspace({
      'column:get-summary': ({ column }) => new Promise<ColumnSummary>((r) => pending.set(column, r)),
    })
    stop = s.stop
    pending.get('weight')?.(columnSummary('weight', 1, 2))
    await settle()
    const first = s.ws.dataset.selectColumn('height')
    const second = s.ws.dataset.selectColumn('weight')
    pending.get('weight')?.(columnSummary('weight', 3, 4))
    await second
    pending.get('height')?.(columnSummary('height', 5, 6))
    await first
    expect(s.ws.dataset.column.value).toBe('weight')
    expect(s.ws.dataset.summary.value?.min).toBe(3)
  })

  it('re-imports with the user’s settings and says what came back; a new file counts as a new generation', async () => {
    const s = await startedWorkspace({ 'dataset:reimport': { ...WEIGHTS, rows: 1234 } })
    stop = s.stop
    const before = s.ws.dataset.generation.value
    await s.ws.dataset.reimport({ delimiter: ';' })
    expect(s.named('dataset:reimport')).toEqual([{ delimiter: ';' }])
    expect(s.ws.status.notice.value).toBe('Re-imported weights.csv: 1,234 rows, 3 columns.')
    expect(s.ws.dataset.generation.value).toBe(before + 1)
    expect(s.ws.dataset.column.value).toBe('weight')
  })

  it('shows the summary an import answered with, without asking the engine again', async () => {
    const s = await startedWorkspace({
      'dataset:reimport': { ...WEIGHTS, firstSummary: columnSummary('weight', 7, 9) },
    })
    stop = s.stop
    const asked = s.named('column:get-summary').length
    await s.ws.dataset.reimport({})
    expect(s.ws.dataset.column.value).toBe('weight')
    expect(s.ws.dataset.summary.value).toEqual(columnSummary('weight', 7, 9))
    expect(s.named('column:get-summary')).toHaveLength(asked)
  })

  it('asks for the summary when the one given is of another column than the first numeric one', async () => {
    const s = await startedWorkspace({
      'dataset:reimport': { ...WEIGHTS, firstSummary: columnSummary('height', 7, 9) },
      'column:get-summary': ({ column }) => columnSummary(column, 1, 2),
    })
    stop = s.stop
    const asked = s.named('column:get-summary').length
    await s.ws.dataset.reimport({})
    await settle()
    expect(s.named('column:get-summary').slice(asked)).toEqual([{ column: 'weight' }])
    expect(s.ws.dataset.summary.value).toEqual(columnSummary('weight', 1, 2))
  })

  it('an engine restart replaces the dataset without resetting the column or counting a generation', async () => {
    const s = await startedWorkspace()
    stop = s.stop
    const before = s.ws.dataset.generation.value
    await s.ws.dataset.selectColumn('height')
    s.emit({ kind: 'dataset-restored', dataset: { ...WEIGHTS, seconds: 2 }, message: 'Imported again.' })
    expect(s.ws.dataset.dataset.value?.seconds).toBe(2)
    expect(s.ws.dataset.column.value).toBe('height')
    expect(s.ws.dataset.generation.value).toBe(before)
  })
})

describe('firstColumn', () => {
  it("is a new file's first numeric column, with the summary the import answered for it", () => {
    const numbersAfterText = { ...WEIGHTS, columns: [WEIGHTS.columns[2], ...WEIGHTS.columns.slice(0, 2)] }
    expect(firstColumn(numbersAfterText)).toEqual({ name: 'weight', given: null })
    const given = columnSummary('weight', 40, 90)
    expect(firstColumn({ ...WEIGHTS, firstSummary: given })).toEqual({ name: 'weight', given })
    // A summary of another column is not this one's.
    expect(firstColumn({ ...WEIGHTS, firstSummary: columnSummary('height', 1, 2) })?.given).toBeNull()
    expect(firstColumn({ ...WEIGHTS, columns: [WEIGHTS.columns[2]] })).toBeNull()
  })
})
