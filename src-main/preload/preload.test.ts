import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { RendererApi, StudioEvent } from '../../src-shared/contract'

// The preload imports Electron; here Electron is a stub that records what the preload does with it.
const electron = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoked: [] as [string, unknown][],
  listeners: new Map<string, (e: unknown, ...args: unknown[]) => void>(),
}))
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => electron.exposed.set(key, api) },
  ipcRenderer: {
    invoke: (channel: string, payload: unknown) => {
      electron.invoked.push([channel, payload])
      return Promise.resolve({ ok: true, value: channel })
    },
    on: (channel: string, l: (e: unknown, ...args: unknown[]) => void) => electron.listeners.set(channel, l),
    off: (channel: string) => electron.listeners.delete(channel),
  },
  webUtils: { getPathForFile: () => '/home/ana/data.csv' },
}))

await import('./preload')
const api = electron.exposed.get('mleStudio') as RendererApi

beforeEach(() => (electron.invoked.length = 0))

describe('preload bridge', () => {
  it('exposes one object with the RendererApi functions only (no ipcRenderer, no Node)', () => {
    expect([...electron.exposed.keys()]).toEqual(['mleStudio'])
    expect(Object.keys(api).sort()).toEqual(
      [
        'call',
        'mode',
        'onEvent',
        'openFile',
        'openWithDialog',
        'savePng',
        'saveReport',
        'saveText',
        'setUnsaved',
      ].sort(),
    )
    for (const value of Object.values(api)) {
      expect(['function', 'string']).toContain(typeof value)
    }
  })

  it('passes StudioCalls to their channel', async () => {
    await expect(api.call('engine:list-distributions', null)).resolves.toBe('engine:list-distributions')
    expect(electron.invoked).toEqual([['engine:list-distributions', null]])
  })

  it('refuses other channel names through call (the page cannot pick a file path for open-path)', async () => {
    const call = api.call as (name: string, payload: unknown) => Promise<unknown>
    await expect(call('dataset:open-path', '/home/ana/.ssh/id_rsa')).rejects.toMatchObject({
      name: 'SecurityError',
    })
    expect(electron.invoked).toEqual([])
  })

  it('takes a dropped file path from Electron, not from the page', async () => {
    await api.openFile({ name: 'anything', path: '/etc/shadow' } as unknown as File)
    expect(electron.invoked).toEqual([['dataset:open-path', '/home/ana/data.csv']])
  })

  it('hands the page the event only, never the IPC event object (with its sender)', () => {
    const seen: unknown[][] = []
    const stop = api.onEvent((...args) => seen.push(args))
    const event: StudioEvent = { kind: 'engine-halted', message: 'x' }
    electron.listeners.get('studio:event')?.({ sender: 'ipc internals' }, event)
    expect(seen).toEqual([[event]])
    stop()
    expect(electron.listeners.has('studio:event')).toBe(false)
  })
})
