import { effectScope } from 'vue'
import { describe, expect, it } from 'vitest'
import { taskStack, useStatus } from './use-status'

/** A promise and the function that settles it. */
function deferred() {
  let resolve: () => void = () => undefined
  const promise = new Promise<void>((r) => (resolve = r))
  return { promise, resolve }
}

describe('useStatus with overlapping work', () => {
  it('says the newest task, then the one still running when it ends: never idle while work runs', async () => {
    const scope = effectScope()
    const status = scope.run(() => useStatus({ schedule: () => 0, cancelSchedule: () => undefined }))!
    const fit = deferred()
    const open = deferred()
    const fitting = status.run('Fitting Weibull', () => fit.promise)
    expect(status.busy.value).toBe('Fitting Weibull')
    const opening = status.run('Importing other.csv', () => open.promise)
    expect(status.busy.value).toBe('Importing other.csv')
    open.resolve()
    await opening
    expect(status.busy.value).toBe('Fitting Weibull')
    fit.resolve()
    await fitting
    expect(status.busy.value).toBeNull()
    // Ended in the other order: the newest's label goes when it ends, the older's never comes back.
    const a = deferred()
    const b = deferred()
    const first = status.run('A', () => a.promise)
    const second = status.run('B', () => b.promise)
    a.resolve()
    await first
    expect(status.busy.value).toBe('B')
    b.resolve()
    await second
    expect(status.busy.value).toBeNull()
    scope.stop()
  })
})

describe('useStatus: work stopped because another file was opened', () => {
  it('is said as such (a warning), not as an error or a plain cancel', async () => {
    const scope = effectScope()
    const status = scope.run(() => useStatus({ schedule: () => 0, cancelSchedule: () => undefined }))!
    const stopped = Object.assign(new Error('It was stopped because another file was opened.'), {
      name: 'DataReplaced',
    })
    expect(await status.run('Fitting Weibull', () => Promise.reject(stopped))).toBeUndefined()
    expect(status.error.value).toBeNull()
    expect(status.notice.value).toBe(
      'Fitting Weibull was stopped because another file was opened: its result would be of the earlier data.',
    )
    expect(status.noticeTone.value).toBe('warn')
    scope.stop()
  })
})

describe('taskStack', () => {
  it('says the newest task still running as tasks end in any order, even two of one label', () => {
    const tasks = taskStack()
    const endFit = tasks.begin('Fitting Gamma')
    const endOpen = tasks.begin('Opening data.csv')
    const endFit2 = tasks.begin('Fitting Gamma')
    expect(endOpen()).toBe('Fitting Gamma')
    // The older of the two alike tasks ends: the newer one still runs.
    expect(endFit()).toBe('Fitting Gamma')
    expect(endFit2()).toBeNull()
  })
})
