import { describe, expect, it } from 'vitest'
import { STUDIO_CALL_NAMES } from '../../src-shared/contract'
import { fakeFork } from '../../test/helpers/fake-engine'
import { StudioCore } from '../core/studio-core'
import { gateIpc, studioCallWork, type IpcSender } from './ipc-dispatch'

const APP = 'file:///opt/mle/out/renderer/index.html'
const top = (url: string): IpcSender => ({ senderFrame: { url, parent: null } })

describe('IPC gate', () => {
  const ran: unknown[] = []
  const gated = gateIpc(
    async (_e, payload) => {
      ran.push(payload)
      return 'done'
    },
    () => APP,
  )

  it('runs for the app page and wraps the answer', async () => {
    expect(await gated(top(APP), 1)).toEqual({ ok: true, value: 'done' })
    expect(ran).toEqual([1])
  })

  it.each([
    ['another page', top('https://evil.example/')],
    ['a subframe of the app', { senderFrame: { url: APP, parent: {} } }],
    ['a destroyed frame', { senderFrame: null }],
  ])('refuses %s without running the handler', async (_what, event) => {
    const before = ran.length
    expect(await gated(event, 2)).toEqual({
      ok: false,
      error: { name: 'SecurityError', message: 'IPC from an untrusted page was refused.' },
    })
    expect(ran).toHaveLength(before)
  })

  it('turns a thrown error into an envelope', async () => {
    const failing = gateIpc(
      () => Promise.reject(Object.assign(new Error('boom'), { name: 'FitError' })),
      () => APP,
    )
    expect(await failing(top(APP), null)).toEqual({ ok: false, error: { name: 'FitError', message: 'boom' } })
  })
})

describe('StudioCall payload validation over IPC', () => {
  const { fork, children } = fakeFork()
  const core = new StudioCore({ fork, emit: () => undefined })
  const work = studioCallWork(core)

  it('has a handler for every call', () => {
    expect([...work.keys()].sort()).toEqual([...STUDIO_CALL_NAMES].sort())
  })

  it.each([
    ['model:fit', { column: 'x', dist: 'normal', extra: 1 }],
    ['model:fit', { column: 'x', dist: '../../etc' }],
    ['model:fit', { column: 'x', dist: 'normal', options: { maxIterations: -1 } }],
    ['model:fit', { column: 'x', dist: 'normal', fixed: { mu: Infinity } }],
    ['column:get-summary', { column: 42 }],
    ['column:get-summary', '__proto__'],
    ['session:open', { text: 5 }],
    ['session:autosave', { column: 'x' }],
    ['task:cancel', { all: true }],
  ] as const)('%s refuses %j before reaching the engine', async (name, payload) => {
    await expect(work.get(name)?.(payload)).rejects.toMatchObject({ name: 'ValidationError' })
    expect(children.flatMap((c) => c.requests())).toEqual([])
  })
})
