import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FitResult, TextExport, WorkspaceState } from '../../src-shared/contract'
import { IpcChannel } from '../../src-shared/ipc-channels'
import { ROOT, ShellProcess, type MenuEntry } from './driver'
import { FAITHFUL, snapshotWith, TINY_PNG } from './support'

const recentMenu = (menu: MenuEntry[]) =>
  (menu[0].submenu ?? []).find((i) => i.label === 'Open Recent')?.submenu ?? []

describe('opening files: menu, recent list, second instance, the OS', () => {
  let app: ShellProcess
  let sessionPath: string
  beforeAll(async () => {
    app = ShellProcess.start()
    await app.started()
    await app.value('workspace:get')
  })
  afterAll(() => app.stop())

  it("File > Open uses the native dialog and shows the chosen file's dataset", async () => {
    await app.call('answer', { kind: 'open', answer: { canceled: false, filePaths: [FAITHFUL] } })
    const before = (await app.events()).length
    await app.call('click', { path: ['File', 'Open…'] })
    const opened = await app.waitForEvent('dataset-opened', (e) => e.dataset.path === FAITHFUL, before)
    expect(opened.dataset.columns.map((c) => c.name)).toEqual(['eruptions', 'waiting'])
    const s = await app.state()
    const dialog = s.dialogs.filter((d) => d.kind === 'open').at(-1)?.options as {
      filters: { extensions: string[] }[]
      defaultPath: string
    }
    expect(dialog.filters[0].extensions).toEqual(['csv', 'tsv', 'txt', 'xlsx', 'xls', 'ods'])
    expect(dialog.defaultPath).toBe(join(app.home, 'Documents'))
    // Recorded as a recent file: the OS list and File > Open Recent.
    expect(s.recentDocuments).toContain(FAITHFUL)
    expect(recentMenu(s.menu)[0]).toMatchObject({ label: '&1 faithful.csv', toolTip: FAITHFUL })
  })

  it('the next Open dialog starts in the folder of the last opened file; cancelling changes nothing', async () => {
    const before = (await app.events()).length
    await app.call('click', { path: ['File', 'Open…'] })
    const s = await app.waitFor(
      () => app.state(),
      (st) => st.dialogs.filter((d) => d.kind === 'open').length === 2,
      'the second open dialog',
    )
    expect(s.dialogs.filter((d) => d.kind === 'open')[1].options['defaultPath']).toBe(join(ROOT, 'e2e/data'))
    await new Promise((r) => setTimeout(r, 200))
    expect((await app.events()).slice(before).filter((e) => e.kind === 'dataset-opened')).toEqual([])
  })

  it('saves exports through the native Save dialog, with the default name, and remembers the folder', async () => {
    const charts = join(app.home, 'charts')
    mkdirSync(charts)
    await app.call('answer', {
      kind: 'save',
      answer: { canceled: false, filePath: join(charts, 'chart.png') },
    })
    const saved = await app.value<string>(IpcChannel.savePng, {
      dataUrl: TINY_PNG,
      suggestedName: 'faithful eruptions: normal.png',
    })
    expect(saved).toBe(join(charts, 'chart.png'))
    expect(readFileSync(saved).subarray(1, 4).toString()).toBe('PNG')
    const fit = await app.value<FitResult>('model:fit', { column: 'eruptions', dist: 'normal' })
    await app.value('session:autosave', snapshotWith(fit, 'eruptions'))
    const session = await app.value<TextExport>('session:export', snapshotWith(fit, 'eruptions'))
    const isSaved = async () => (await app.value<WorkspaceState>('workspace:get', null)).saved ?? false
    // Not saved until the Save dialog wrote it: a page reloaded now would still count the fit unsaved.
    expect(await isSaved()).toBe(false)
    sessionPath = join(app.home, 'faithful.mlestudio.json')
    await app.call('answer', { kind: 'save', answer: { canceled: false, filePath: sessionPath } })
    expect(await app.value(IpcChannel.saveText, session)).toBe(sessionPath)
    expect(await isSaved()).toBe(true)
    // The second PNG export starts in the folder the first went to.
    await app.value(IpcChannel.savePng, { dataUrl: TINY_PNG, suggestedName: 'again.png' })
    const saves = (await app.state()).dialogs.filter((d) => d.kind === 'save').map((d) => d.options)
    expect(saves[0]).toMatchObject({
      defaultPath: join(app.home, 'Documents', 'faithful eruptions_ normal.png'),
      filters: [{ name: 'PNG image', extensions: ['png'] }],
    })
    expect(saves[1]).toMatchObject({
      defaultPath: join(app.home, 'Documents', 'faithful.mlestudio.json'),
      filters: [{ name: 'MLE Studio session', extensions: ['json'] }],
    })
    expect(saves[2]['defaultPath']).toBe(join(charts, 'again.png'))
    expect(JSON.parse(readFileSync(sessionPath, 'utf8'))).toMatchObject({ results: [{ dist: 'normal' }] })
  })

  it('refuses to save over the open data file', async () => {
    await app.call('answer', { kind: 'save', answer: { canceled: false, filePath: FAITHFUL } })
    const envelope = await app.invoke(IpcChannel.saveText, {
      text: 'x',
      suggestedName: 'r.csv',
      mimeType: 'text/csv',
    })
    expect(envelope).toMatchObject({ ok: false, error: { name: 'FileAccessError' } })
    expect(readFileSync(FAITHFUL, 'utf8')).toMatch(/^"eruptions","waiting"/)
  })

  it('a second instance with a file opens it in this window', async () => {
    const before = (await app.events()).length
    await app.call('appEvent', {
      name: 'second-instance',
      // A development run's argv (electron, the main script, then the file), relative to the second's folder.
      args: [
        ['/usr/bin/electron', 'out/main/index.js', 'process-measurements.csv'],
        join(ROOT, 'resources/samples'),
        null,
      ],
    })
    const opened = await app.waitForEvent('dataset-opened', () => true, before)
    expect(opened.dataset.path).toBe(join(ROOT, 'resources/samples/process-measurements.csv'))
  })

  it('a session from the OS (macOS open-file, or a second instance) opens as a session', async () => {
    const before = (await app.events()).length
    const r = await app.call<{ defaultPrevented: boolean }>('appEvent', {
      name: 'open-file',
      args: [sessionPath],
    })
    expect(r.defaultPrevented).toBe(true)
    const opened = await app.waitForEvent('session-opened', () => true, before)
    expect(opened.opened.sourceStatus).toBe('ok')
    expect(opened.opened.session.results[0].params['mu']).toBeCloseTo(3.487783, 6)
    expect(opened.opened.dataset?.path).toBe(FAITHFUL)
  })

  it('a file that cannot be opened is reported and the app stays usable', async () => {
    const broken = join(app.home, 'broken.mlestudio.json')
    writeFileSync(broken, '{"format": "something else"')
    const before = (await app.events()).length
    await app.call('appEvent', { name: 'second-instance', args: [[], '/', { files: [broken] }] })
    const error = await app.waitForEvent('error', () => true, before)
    expect(error.message).toContain(broken)
    await app.value('model:fit', { column: 'eruptions', dist: 'normal' })
  })

  it('File > Open Recent lists the files newest first and reopens them; Clear Recent empties it', async () => {
    let recent = recentMenu((await app.state()).menu)
    expect(recent.slice(0, 3).map((i) => i.toolTip)).toEqual([
      sessionPath,
      join(ROOT, 'resources/samples/process-measurements.csv'),
      FAITHFUL,
    ])
    const before = (await app.events()).length
    await app.call('click', { path: ['File', 'Open Recent', 'faithful.csv'] })
    await app.waitForEvent('dataset-opened', (e) => e.dataset.path === FAITHFUL, before)
    // A recent file that was deleted meanwhile: a message, and it leaves the list.
    const gone = join(app.home, 'gone.csv')
    writeFileSync(gone, 'x\n1\n2\n')
    await app.call('appEvent', { name: 'second-instance', args: [[], '/', { files: [gone] }] })
    await app.waitFor(
      async () => recentMenu((await app.state()).menu)[0]?.toolTip,
      (t) => t === gone,
      'gone.csv in the list',
    )
    rmSync(gone)
    const beforeGone = (await app.events()).length
    await app.call('click', { path: ['File', 'Open Recent', 'gone.csv'] })
    const error = await app.waitForEvent('error', () => true, beforeGone)
    expect(error.message).toBe(
      `${gone} is no longer there (moved or deleted); it was removed from Open Recent.`,
    )
    expect(recentMenu((await app.state()).menu).map((i) => i.toolTip)).not.toContain(gone)
    await app.call('click', { path: ['File', 'Open Recent', 'Clear Recent'] })
    recent = recentMenu((await app.state()).menu)
    expect(recent).toEqual([expect.objectContaining({ label: 'No Recent Files' })])
    expect((await app.state()).recentDocuments).toEqual([])
  })

  it('Help opens the shipped pages with the OS; About shows the version and the licences', async () => {
    await app.call('click', { path: ['help', 'MLE Studio Help'] })
    await app.call('click', { path: ['help', 'Command Line (mle-fit)'] })
    await app.call('answer', { kind: 'messageBox', answer: { response: 1 } })
    await app.call('click', { path: ['help', 'About MLE Studio'] })
    const s = await app.waitFor(
      () => app.state(),
      (st) => st.openedPaths.length === 3,
      'the licences page',
    )
    expect(s.openedPaths).toEqual([
      join(ROOT, 'out/docs/index.html'),
      join(ROOT, 'out/docs/cli.html'),
      join(ROOT, 'out/licenses/third-party-licenses.html'),
    ])
    for (const path of s.openedPaths) expect(existsSync(path)).toBe(true)
    const about = s.dialogs.find((d) => d.options['title'] === 'About MLE Studio')?.options
    const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string })
      .version
    expect(about?.['message']).toBe(`MLE Studio ${version}`)
    expect(about?.['detail']).toMatch(/It includes \d+ open-source libraries \(\d+ Apache-2\.0, \d+ MIT/)
    // No error dialog: every page existed.
    expect(s.dialogs.filter((d) => d.options['type'] === 'error')).toEqual([])
  })
})
