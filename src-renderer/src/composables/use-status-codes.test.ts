import { effectScope, shallowRef } from 'vue'
import { describe, expect, it } from 'vitest'
import type { ColumnSummary } from '../../../src-shared/contract'
import { columnInfo, columnSummary, datasetInfo } from '../../../test/support/renderer/datasets'
import { fakeApi, settle } from '../../../test/support/renderer/fake-renderer-api'
import { useStatusCodes } from './use-status-codes'

const LUNG = datasetInfo('lung.csv', [
  columnInfo(0, 'time'),
  columnInfo(1, 'status'),
  columnInfo(2, 'dead'),
  columnInfo(3, 'outcome', false),
])
const withValues = (column: string, values?: number[]): ColumnSummary => ({
  ...columnSummary(column, 0, 2, true),
  ...(values ? { values } : {}),
})

/** useStatusCodes in a scope, over a status column the test sets. */
function codesFor(answer: (column: string) => ColumnSummary | Promise<ColumnSummary>) {
  const fake = fakeApi({ 'column:get-summary': ({ column }) => answer(column) })
  const status = shallowRef<string | null>(null)
  const scope = effectScope()
  const codes = scope.run(() =>
    useStatusCodes({ api: fake.api, dataset: () => LUNG, status: () => status.value }),
  )!
  return { codes, status, fake, stop: () => scope.stop() }
}

describe('useStatusCodes', () => {
  it('offers two numeric codes other than 1 and 0, from the summary; nothing for 0/1, text or no status', async () => {
    const values: Record<string, number[]> = { status: [1, 2], dead: [0, 1] }
    const s = codesFor((column) => withValues(column, values[column]))
    await settle()
    expect(s.codes.value).toBeNull()
    s.status.value = 'status'
    await settle()
    expect(s.codes.value).toEqual(['1', '2'])
    s.status.value = 'dead'
    await settle()
    expect(s.codes.value).toBeNull()
    s.status.value = 'outcome'
    await settle()
    expect(s.codes.value).toBeNull()
    // Text columns have their levels already: only the numeric ones were asked about.
    expect(s.fake.named('column:get-summary')).toEqual([{ column: 'status' }, { column: 'dead' }])
    s.stop()
  })

  it('drops a summary that arrives after another status column was chosen', async () => {
    const pending = new Map<string, (s: ColumnSummary) => void>()
    const s = codesFor((column) => new Promise((resolve) => pending.set(column, resolve)))
    s.status.value = 'status'
    await settle()
    s.status.value = 'time'
    await settle()
    pending.get('time')?.(withValues('time'))
    await settle()
    pending.get('status')?.(withValues('status', [1, 2]))
    await settle()
    expect(s.codes.value).toBeNull()
    s.stop()
  })
})
