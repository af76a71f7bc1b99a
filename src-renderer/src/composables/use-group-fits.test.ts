import * as v from 'valibot'
import { afterEach, describe, expect, it } from 'vitest'
import type { GroupFitResult } from '../../../src-shared/contract'
import { GroupFitRequestSchema } from '../../../src-shared/shapes/groups'
import { CATALOG } from '../../../test/support/renderer/catalog'
import { columnSummary } from '../../../test/support/renderer/datasets'
import { settle, type Answers } from '../../../test/support/renderer/fake-renderer-api'
import { syntheticGroupFit } from '../../../test/support/renderer/synthetic-fits'
import { startedWorkspace } from '../../../test/support/renderer/workspace'

let stop: (() => void) | null = null
afterEach(() => stop?.())

/** A started page showing weight with the normal chosen, grouped by name; the engine answers with `answers`. */
async function groupedPage(answers: Answers = {}) {
  const page = await startedWorkspace({
    'column:get-summary': ({ column }) => columnSummary(column, 1, 9),
    'model:fit-groups': (r) => syntheticGroupFit(r.column),
    ...answers,
  })
  stop = page.stop
  page.ws.settings.dist.value = 'normal'
  page.ws.settings.setBy('name')
  return page
}

describe('useGroupFits', () => {
  it('asks with what the group request takes: a Fit all family choice is not part of it', async () => {
    const page = await groupedPage()
    const { settings, groups } = page.ws
    settings.chooseFitAll(['normal', 'gamma'])
    await groups.run()
    const [sent] = page.named('model:fit-groups')
    expect(v.safeParse(GroupFitRequestSchema, sent).issues).toBeUndefined()
    expect(sent).toMatchObject({ column: 'weight', by: 'name', dists: ['normal'] })
    expect(groups.result.value?.column).toBe('weight')
  })

  it('a mixture among the families is fitted with the components the user chose', async () => {
    const mixture = { ...CATALOG[0], id: 'normal_mixture', components: { default: 2, max: 5 } }
    const page = await groupedPage({ 'engine:list-distributions': [...CATALOG, mixture] })
    const { settings, groups } = page.ws
    settings.components.value = 3
    await groups.run()
    settings.dist.value = 'normal_mixture'
    await groups.run()
    const [plain, mixed] = page.named('model:fit-groups')
    expect(plain.components).toBeUndefined()
    expect(mixed).toMatchObject({ dists: ['normal_mixture'], components: 3 })
  })

  it('keeps no answer for a column the page no longer shows (a new column clears the groups)', async () => {
    let answer: (r: GroupFitResult) => void = () => undefined
    const page = await groupedPage({
      'model:fit-groups': () => new Promise<GroupFitResult>((resolve) => (answer = resolve)),
    })
    const { dataset, groups } = page.ws
    const running = groups.run()
    dataset.column.value = 'height'
    await settle()
    answer(syntheticGroupFit('weight'))
    await running
    expect(groups.result.value).toBeNull()
  })
})
