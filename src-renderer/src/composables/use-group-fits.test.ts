import * as v from 'valibot'
import { afterEach, describe, expect, it } from 'vitest'
import type { GroupFitResult } from '../../../src-shared/contract'
import { GroupFitRequestSchema } from '../../../src-shared/shapes/groups'
import { CATALOG } from '../../../test/support/renderer/catalog'
import { columnSummary } from '../../../test/support/renderer/datasets'
import { settle } from '../../../test/support/renderer/fake-renderer-api'
import { syntheticGroupFit } from '../../../test/support/renderer/synthetic-fits'
import { startedWorkspace } from '../../../test/support/renderer/workspace'

let stop: (() => void) | null = null
afterEach(() => stop?.())

describe('useGroupFits', () => {
  it('asks with what the group request takes: a Fit all family choice is not part of it', async () => {
    const page = await startedWorkspace({
      'column:get-summary': ({ column }) => columnSummary(column, 1, 9),
      'model:fit-groups': (r) => syntheticGroupFit(r.column),
    })
    stop = page.stop
    const { settings, groups } = page.ws
    settings.dist.value = 'normal'
    settings.setBy('name')
    settings.chooseFitAll(['normal', 'gamma'])
    await groups.run()
    const [sent] = page.named('model:fit-groups')
    expect(v.safeParse(GroupFitRequestSchema, sent).issues).toBeUndefined()
    expect(sent).toMatchObject({ column: 'weight', by: 'name', dists: ['normal'] })
    expect(groups.result.value?.column).toBe('weight')
  })

  it('a mixture among the families is fitted with the components the user chose', async () => {
    const mixture = { ...CATALOG[0], id: 'normal_mixture', components: { default: 2, max: 5 } }
    const page = await startedWorkspace({
      'engine:list-distributions': [...CATALOG, mixture],
      'column:get-summary': ({ column }) => columnSummary(column, 1, 9),
      'model:fit-groups': (r) => syntheticGroupFit(r.column),
    })
    stop = page.stop
    const { settings, groups } = page.ws
    settings.dist.value = 'normal'
    settings.setBy('name')
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
    const page = await startedWorkspace({
      'column:get-summary': ({ column }) => columnSummary(column, 1, 9),
      'model:fit-groups': () => new Promise<GroupFitResult>((resolve) => (answer = resolve)),
    })
    stop = page.stop
    const { dataset, settings, groups } = page.ws
    settings.dist.value = 'normal'
    settings.setBy('name')
    const running = groups.run()
    dataset.column.value = 'height'
    await settle()
    answer(syntheticGroupFit('weight'))
    await running
    expect(groups.result.value).toBeNull()
  })
})
