import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { app, BrowserWindow, shell } from 'electron'
import { StudioCore } from '../core/studio-core'
import { DesktopApp } from './desktop-app'
import { DesktopStateFile } from './desktop-state'
import { fileRole } from './file-types'
import { broadcast, registerIpc } from './ipc'
import { cliArguments, filesFromArgv, filesFromInstanceData, programArgs } from './launch-args'
import { SAMPLE_FILE, shippedPaths } from './shipped-files'
import { utilityEngineFork } from './utility-fork'
import { rendererUrl } from './window'
import { hardenContents } from './window-policy'

/**
 * `mle-studio --cli …` runs mle-fit with the app's own binary as Node (ELECTRON_RUN_AS_NODE): no Node
 * installed, no window, no single-instance lock; the exit code is mle-fit's. Through bin/mle-fit.js (in
 * app.asar beside out/), so the bundle compiles from V8's code cache as it does for mle-fit.
 */
function runBundledCli(args: string[]): void {
  const child = spawn(process.execPath, [join(__dirname, '../../bin/mle-fit.js'), ...args], {
    stdio: 'inherit',
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
  })
  child.on('error', (e) => {
    process.stderr.write(`mle-studio --cli: ${e.message}\n`)
    app.exit(2)
  })
  child.on('exit', (code) => app.exit(code ?? 2))
}

/** The desktop app: one instance, one window; files from argv, the OS and second instances open in it. */
function startDesktop(): void {
  const skip = programArgs(app.isPackaged)
  const launchFiles = filesFromArgv(process.argv, process.cwd(), skip)
  // A second launch hands its files to the first (argv can be reordered by Chromium; the data is not).
  if (!app.requestSingleInstanceLock({ files: launchFiles })) {
    app.quit()
    return
  }
  app.enableSandbox()
  // Every web contents, whoever creates it: no new windows, navigation, redirects or <webview>.
  app.on('web-contents-created', (_event, contents) =>
    hardenContents(contents, (url) => void shell.openExternal(url)),
  )
  let desktop: DesktopApp | null = null
  // Files from the OS while the shell is being set up (after `ready`), handed over once it is.
  const early: string[] = []
  const fromOs = (path: string) => {
    if (desktop) desktop.openFromOs(path)
    else (app.isReady() ? early : launchFiles).push(path)
  }
  // macOS hands files over with open-file, also before `ready` (then they are launch files).
  app.on('open-file', (event, path) => {
    event.preventDefault()
    fromOs(path)
  })
  app.on('second-instance', (_event, argv, cwd, data) => {
    const files = filesFromInstanceData(data) ?? filesFromArgv(argv, cwd, skip)
    const win = desktop?.window
    if (win) {
      if (win.isMinimized()) win.restore()
      win.focus()
    }
    for (const path of files.slice(0, 1)) fromOs(path)
  })
  void app.whenReady().then(async () => {
    desktop = await createDesktop(launchFiles)
    for (const path of early.splice(0)) desktop.openFromOs(path)
  })
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
}

/** Builds the core and the shell once Electron is ready, and opens the window. */
async function createDesktop(launchFiles: string[]): Promise<DesktopApp> {
  const paths = shippedPaths({
    isPackaged: app.isPackaged,
    resourcesPath: process.resourcesPath,
    devRoot: join(__dirname, '../..'),
  })
  // The first file named at launch: a data file is the start-up dataset, a session opens once the page is up.
  const first = launchFiles[0]
  const startData = first && fileRole(first) === 'data' ? first : null
  const core = new StudioCore({
    fork: utilityEngineFork(join(__dirname, 'engine.js')),
    emit: broadcast,
    initialPath: startData ?? join(paths.samples, SAMPLE_FILE),
    // Autosave and crash recovery live with the app's other per-user data.
    dataDir: app.getPath('userData'),
    // A spare engine process makes recovery from a crash or an enforced cancel near-instant.
    warmSpare: true,
    // A session is saved once the Save dialog wrote it (`sessionWritten`), not when it is exported.
    exportSaves: false,
  })
  const stateFile = new DesktopStateFile(app.getPath('userData'))
  const desktop = new DesktopApp(core, await stateFile.load(), stateFile, paths)
  registerIpc(core, desktop, rendererUrl)
  desktop.installMenu()
  desktop.openWindow()
  // Importing the start-up file begins now, before the page asks for it.
  void core.initialDataset().then(
    (d) => d && startData && desktop.addRecent(startData),
    () => undefined,
  )
  if (first && !startData) desktop.openFromOs(first)
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) desktop.openWindow()
  })
  // After every window closed (each may have asked about unsaved results): remove the autosave, stop the
  // engine, write the window placement, then really quit.
  let stopped = false
  app.on('will-quit', (event) => {
    if (stopped) return
    event.preventDefault()
    void Promise.allSettled([core.shutdown(), desktop.saveState()]).finally(() => {
      stopped = true
      app.quit()
    })
  })
  return desktop
}

const cli = cliArguments(process.argv, programArgs(app.isPackaged))
if (cli) runBundledCli(cli)
else startDesktop()
