import { spawnSync } from 'node:child_process'
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { FitResult, TextExport, WorkspaceState } from '../../src-shared/contract'
import { IpcChannel } from '../../src-shared/ipc-channels'
import { FAKE_ELECTRON_FLAGS, isAlive, MAIN, ROOT, ShellProcess } from './driver'
import { FAITHFUL, normalMle, SAMPLE, snapshotWith } from './support'

let apps: ShellProcess[] = []
const start = (...args: Parameters<typeof ShellProcess.start>) => {
  const app = ShellProcess.start(...args)
  apps.push(app)
  return app
}
afterEach(async () => {
  await Promise.all(apps.map((a) => a.stop()))
  apps = []
})

/** Starts on faithful.csv and fits the normal to eruptions: a session with an unsaved result. */
async function withResult(app: ShellProcess): Promise<FitResult> {
  await app.started()
  await app.value('workspace:get')
  const fit = await app.value<FitResult>('model:fit', { column: 'eruptions', dist: 'normal' })
  await app.value('session:autosave', snapshotWith(fit, 'eruptions'))
  await app.value(IpcChannel.setUnsaved, true)
  return fit
}

describe('the engine process', () => {
  it('is restarted after a kill, the open file re-imported, and fits work again', async () => {
    const app = start({ args: [FAITHFUL] })
    await app.started()
    const first = (await app.value<WorkspaceState>('workspace:get')).dataset!
    expect(first.path).toBe(FAITHFUL)
    const before = (await app.events()).length
    const pid = await app.call<number>('killEngine')
    const stopped = await app.waitForEvent('engine-stopped', () => true, before)
    expect(stopped).toMatchObject({ restarted: true })
    expect(stopped.message).toMatch(/killed/)
    const restored = await app.waitForEvent('dataset-restored', () => true, before)
    expect(restored.dataset.path).toBe(FAITHFUL)
    expect(isAlive(pid)).toBe(false)
    const fit = await app.value<FitResult>('model:fit', { column: 'waiting', dist: 'normal' })
    expect(fit.params['mu']).toBeCloseTo(normalMle(FAITHFUL, 'waiting').mu, 9)
  })
})

describe('quitting', () => {
  it('a clean quit removes the autosave and stops every engine process', async () => {
    const app = start({ args: [FAITHFUL] })
    await withResult(app)
    await app.value(IpcChannel.setUnsaved, false)
    const autosave = await app.waitFor(
      async () => app.sessionFile('autosave'),
      Boolean,
      'the autosave to be written',
    )
    const engines = (await app.state()).engines.filter((e) => e.exitCode === null).map((e) => e.pid)
    expect(engines.length).toBeGreaterThan(0)
    await app.call('quit')
    expect((await app.exited).code).toBe(0)
    expect(existsSync(autosave!)).toBe(false)
    // The OS takes a moment to deliver the kill (and the parent's exit closes their channel).
    await app.waitFor(
      async () => engines.filter(isAlive),
      (alive) => alive.length === 0,
      'the engines to end',
      5000,
    )
  })

  it('with unsaved results asks first: Cancel keeps the window, Don’t Save closes and quits', async () => {
    const app = start({ args: [FAITHFUL] })
    await withResult(app)
    await app.call('answer', { kind: 'messageBox', answer: { response: 2 } })
    await app.call('closeWindow')
    let s = await app.waitFor(
      () => app.state(),
      (st) => st.dialogs.some((d) => d.kind === 'messageBox'),
      'the prompt',
    )
    const prompt = s.dialogs.find((d) => d.kind === 'messageBox')?.options
    expect(prompt).toMatchObject({ buttons: ['Save Session…', "Don't Save", 'Cancel'], cancelId: 2 })
    await new Promise((r) => setTimeout(r, 100))
    s = await app.state()
    expect(s.windows).toHaveLength(1)
    await app.call('answer', { kind: 'messageBox', answer: { response: 1 } })
    await app.call('closeWindow')
    expect((await app.exited).code).toBe(0)
    expect(app.sessionFile('autosave')).toBeNull()
  })

  it('with unsaved results, Save Session… asks the page to save, and the window closes once it is saved', async () => {
    const app = start({ args: [FAITHFUL] })
    const fit = await withResult(app)
    const before = (await app.events()).length
    await app.call('answer', { kind: 'messageBox', answer: { response: 0 } })
    await app.call('closeWindow')
    await app.waitForEvent('menu', (e) => e.action === 'save-session', before)
    expect((await app.state()).windows).toHaveLength(1)
    // What the page does on that event: export the session and save it through the dialog.
    const target = join(app.home, 'before-closing.mlestudio.json')
    await app.call('answer', { kind: 'save', answer: { canceled: false, filePath: target } })
    const text = await app.value<TextExport>('session:export', snapshotWith(fit, 'eruptions'))
    await app.value(IpcChannel.saveText, text)
    expect((await app.exited).code).toBe(0)
    expect(JSON.parse(readFileSync(target, 'utf8'))).toMatchObject({ column: 'eruptions' })
  })
})

describe('the window', () => {
  it('reopens where it was, and on a connected display when that one is gone', async () => {
    const twoScreens = JSON.stringify([
      { x: 0, y: 0, width: 1920, height: 1040 },
      { x: 1920, y: 0, width: 2560, height: 1400 },
    ])
    const first = start({ env: { FAKE_ELECTRON_DISPLAYS: twoScreens } })
    await first.started()
    expect((await first.state()).windows[0].bounds).toEqual({ x: 320, y: 110, width: 1280, height: 820 })
    // The user moves it to the right-hand display of two, resizes and maximizes it, then quits.
    await first.call('moveWindow', { bounds: { x: 2100, y: 40, width: 1500, height: 900 }, maximized: true })
    await first.call('quit')
    await first.exited
    const second = start({ home: first.home, env: { FAKE_ELECTRON_DISPLAYS: twoScreens } })
    const s = await second.started()
    expect(s.windows[0].bounds).toEqual({ x: 2100, y: 40, width: 1500, height: 900 })
    expect(s.windows[0].maximized).toBe(true)
    await second.call('quit')
    await second.exited
    // The second display is unplugged: the window comes back centred on the remaining one.
    const third = start({ home: first.home })
    expect((await third.started()).windows[0].bounds).toEqual({ x: 320, y: 110, width: 1280, height: 820 })
  })

  it('a crashed page is reloaded and offered the session it lost', async () => {
    const app = start({ args: [FAITHFUL] })
    await withResult(app)
    await app.call('contentsEvent', {
      name: 'render-process-gone',
      args: [{ reason: 'crashed', exitCode: 139 }],
    })
    await app.waitFor(async () => app.sessionFile('recovery'), Boolean, 'the recovery file')
    const offer = await app.value<{ column: string; results: number }>('session:get-recovery')
    expect(offer).toMatchObject({ column: 'eruptions', results: 1, fileName: 'faithful.csv' })
  })
})

describe('mle-studio --cli', () => {
  it('runs mle-fit with the app binary as Node, without a window, and passes its exit code', () => {
    const run = (args: string[]) =>
      spawnSync(process.execPath, [...FAKE_ELECTRON_FLAGS, MAIN, '--cli', ...args], {
        cwd: ROOT,
        encoding: 'utf8',
      })
    const ok = run([SAMPLE, '--column', 'fill_weight_g', '--dist', 'normal', '--json'])
    expect(ok.status).toBe(0)
    const doc = JSON.parse(ok.stdout) as { fits: { dist: string; params: Record<string, number> }[] }
    expect(doc.fits[0].dist).toBe('normal')
    expect(doc.fits[0].params['mu']).toBeCloseTo(normalMle(SAMPLE, 'fill_weight_g').mu, 9)
    const usage = run([SAMPLE, '--column', 'no_such_column', '--dist', 'normal'])
    expect(usage.status).toBe(2)
    expect(usage.stderr).toMatch(/no column "no_such_column"/)
  })
})

describe('the mle-fit shim shipped in resources/bin', () => {
  it('finds the app binary from its own (linked) location and runs the CLI with it as Node', () => {
    // The installed Linux layout: <app>/mle-studio, <app>/resources/{bin/mle-fit, app.asar}. The stand-in
    // binary insists on ELECTRON_RUN_AS_NODE, as only then does Electron run a script like Node.
    const app = mkdtempSync(join(tmpdir(), 'mle-installed-'))
    mkdirSync(join(app, 'resources/bin'), { recursive: true })
    writeFileSync(
      join(app, 'mle-studio'),
      `#!/bin/sh\n[ "$ELECTRON_RUN_AS_NODE" = 1 ] || exit 99\nexec "${process.execPath}" "$@"\n`,
    )
    chmodSync(join(app, 'mle-studio'), 0o755)
    copyFileSync(join(ROOT, 'resources/bin/mle-fit'), join(app, 'resources/bin/mle-fit'))
    chmodSync(join(app, 'resources/bin/mle-fit'), 0o755)
    symlinkSync(ROOT, join(app, 'resources/app.asar'))
    const onPath = join(mkdtempSync(join(tmpdir(), 'mle-path-')), 'mle-fit')
    symlinkSync(join(app, 'resources/bin/mle-fit'), onPath)
    const run = spawnSync(onPath, [FAITHFUL, '--column', 'eruptions', '--dist', 'normal', '--json'], {
      encoding: 'utf8',
    })
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    expect(JSON.parse(run.stdout).fits[0].params.mu).toBeCloseTo(normalMle(FAITHFUL, 'eruptions').mu, 9)
  })
})

describe('opening a file from the menu with unsaved results', () => {
  it('asks first, as closing does: Cancel opens nothing (no dialog), Discard goes on to the Open dialog', async () => {
    const app = start({ args: [FAITHFUL] })
    await withResult(app)
    const before = (await app.events()).length
    await app.call('answer', { kind: 'messageBox', answer: { response: 2 } })
    await app.call('click', { path: ['File', 'Open…'] })
    const s = await app.waitFor(
      () => app.state(),
      (st) => st.dialogs.some((d) => d.kind === 'messageBox'),
      'the question',
    )
    expect(s.dialogs.find((d) => d.kind === 'messageBox')?.options).toMatchObject({
      buttons: ['Save Session…', 'Discard', 'Cancel'],
      cancelId: 2,
      message: 'Open another file? The results on screen are not saved.',
    })
    await new Promise((r) => setTimeout(r, 100))
    expect((await app.state()).dialogs.filter((d) => d.kind === 'open')).toEqual([])

    await app.call('answer', { kind: 'messageBox', answer: { response: 1 } })
    await app.call('answer', { kind: 'open', answer: { canceled: false, filePaths: [FAITHFUL] } })
    await app.call('click', { path: ['File', 'Open…'] })
    const opened = await app.waitForEvent('dataset-opened', () => true, before)
    expect(opened.dataset.path).toBe(FAITHFUL)
  })
})
