import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FitResult, WorkspaceState } from '../../src-shared/contract'
import { IpcChannel } from '../../src-shared/ipc-channels'
import { MAIN, ROOT, ShellProcess } from './driver'
import { normalMle, SAMPLE } from './support'

beforeAll(() => {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` first.`)
})

describe('the built main process starting up', () => {
  let app: ShellProcess
  beforeAll(async () => {
    app = ShellProcess.start()
    await app.started()
  })
  afterAll(() => app.stop())

  it('opens one window with the hardened webPreferences and the built page', async () => {
    const s = await app.state()
    expect(s.sandboxEnabled).toBe(true)
    expect(s.windows).toHaveLength(1)
    const [win] = s.windows
    expect(win.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    })
    // The preload and the page it names are the built ones.
    expect(existsSync(String(win.options.webPreferences?.['preload']))).toBe(true)
    expect(fileURLToPath(win.url)).toBe(join(ROOT, 'out/renderer/index.html'))
    expect(win.options['show']).toBe(false) // shown at ready-to-show, not blank before
    expect(win.visible).toBe(true)
    expect(s.permissionHandlers).toBe(true)
  })

  it('opens the bundled sample at start-up', async () => {
    const { dataset } = await app.value<WorkspaceState>('workspace:get')
    expect(dataset?.path).toBe(SAMPLE)
    expect(dataset?.rows).toBe(480)
    expect(dataset?.columns.map((c) => c.name)).toContain('fill_weight_g')
  })

  it('answers a fit from the page with the real engine', async () => {
    const fit = await app.value<FitResult>('model:fit', { column: 'fill_weight_g', dist: 'normal' })
    const expected = normalMle(SAMPLE, 'fill_weight_g')
    expect(fit.converged).toBe(true)
    expect(fit.params['mu']).toBeCloseTo(expected.mu, 9)
    expect(fit.params['sigma']).toBeCloseTo(expected.sigma, 9)
  })

  it('refuses IPC from another page or a subframe, and validates payloads', async () => {
    const foreign = await app.invoke(
      'model:fit',
      { column: 'fill_weight_g', dist: 'normal' },
      { url: 'https://evil.example/' },
    )
    expect(foreign).toEqual({
      ok: false,
      error: { name: 'SecurityError', message: 'IPC from an untrusted page was refused.' },
    })
    const sub = await app.invoke('workspace:get', null, { subframe: true })
    expect(sub.ok).toBe(false)
    const otherFile = await app.invoke('dataset:open-path', '/etc/passwd', { url: 'file:///tmp/evil.html' })
    expect(otherFile).toMatchObject({ ok: false, error: { name: 'SecurityError' } })
    const bad = await app.invoke('model:fit', { column: 'fill_weight_g', dist: '../../etc' })
    expect(bad).toMatchObject({ ok: false, error: { name: 'ValidationError' } })
    const badFlag = await app.invoke(IpcChannel.setUnsaved, 'yes')
    expect(badFlag).toMatchObject({ ok: false, error: { name: 'ValidationError' } })
  })

  it('denies navigation, new windows (https links go to the OS browser) and permission requests', async () => {
    expect(
      await app.call('contentsEvent', { name: 'will-navigate', args: ['https://evil.example/'] }),
    ).toEqual({
      defaultPrevented: true,
    })
    expect(await app.call('contentsEvent', { name: 'will-attach-webview', args: [{}, {}] })).toEqual({
      defaultPrevented: true,
    })
    expect(await app.call('windowOpen', { url: 'https://example.org/docs' })).toEqual({ action: 'deny' })
    expect(await app.call('windowOpen', { url: 'file:///etc/passwd' })).toEqual({ action: 'deny' })
    expect((await app.state()).externalUrls).toEqual(['https://example.org/docs'])
    expect(await app.call('permission', { permission: 'media' })).toBe(false)
  })

  it('has the standard menus: File with Open and Open Recent, Edit, View, Window and Help', async () => {
    const { menu } = await app.state()
    const names = menu.map((m) => (m.label ?? m.role ?? '').replace('&', ''))
    expect(names).toEqual(['File', 'editMenu', 'viewMenu', 'windowMenu', 'help'])
    const file = menu[0].submenu ?? []
    expect(file.find((i) => i.label === 'Open…')?.accelerator).toBe('CmdOrCtrl+O')
    expect(file.find((i) => i.label === 'Open Recent')?.submenu).toEqual([
      expect.objectContaining({ label: 'No Recent Files', enabled: false }),
    ])
    expect(file.find((i) => i.label === 'Save Session…')?.accelerator).toBe('CmdOrCtrl+S')
    expect(file.at(-1)?.role).toBe('quit')
  })
})

describe('a second launch', () => {
  it('hands its file to the running instance and quits without a window', async () => {
    const second = ShellProcess.start({
      args: ['e2e/data/faithful.csv', '--some-chromium-switch'],
      env: { FAKE_ELECTRON_LOCK: 'taken' },
    })
    expect((await second.exited).code).toBe(0)
    const s = second.exitState()
    expect(s.windows).toEqual([])
    expect(s.engines).toEqual([])
    // What it hands over: the absolute path of the file on its command line, without the switch.
    expect(s.singleInstanceData).toEqual({ files: [join(ROOT, 'e2e/data/faithful.csv')] })
  })
})
