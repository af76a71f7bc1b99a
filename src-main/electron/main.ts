import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { app, BrowserWindow, Menu, shell } from 'electron'
import { StudioCore } from '../core/studio-core'
import { broadcast, openWithDialog, registerIpc } from './ipc'
import { buildMenu } from './menu'
import { utilityEngineFork } from './utility-fork'
import { createMainWindow, rendererUrl } from './window'
import { hardenContents } from './window-policy'

/** `electron out/main/index.js [file.csv]`: the file to open, else the bundled sample. */
function initialPath(): string {
  const arg = process.argv.slice(app.isPackaged ? 1 : 2).find((a) => !a.startsWith('-'))
  if (arg && existsSync(arg)) return resolve(arg)
  return join(app.getAppPath(), 'resources/samples/process-measurements.csv')
}

// One instance: a second launch focuses the first window.
if (!app.requestSingleInstanceLock()) app.quit()

app.enableSandbox()

// Every web contents, whoever creates it: no new windows, navigation, redirects or <webview>.
app.on('web-contents-created', (_event, contents) =>
  hardenContents(contents, (url) => void shell.openExternal(url)),
)

void app.whenReady().then(() => {
  const core = new StudioCore({
    fork: utilityEngineFork(join(__dirname, 'engine.js')),
    emit: broadcast,
    initialPath: initialPath(),
    // Autosave and crash recovery live with the app's other per-user data.
    dataDir: app.getPath('userData'),
    // A spare engine process makes recovery from a crash or an enforced cancel near-instant.
    warmSpare: true,
  })
  registerIpc(core, rendererUrl)
  let win = createMainWindow(() => core.sessions.keepForRecovery())
  Menu.setApplicationMenu(
    buildMenu({
      open: () =>
        void openWithDialog(core, win)
          .then((dataset) => dataset && broadcast({ kind: 'dataset-opened', dataset }))
          .catch((e: Error) => broadcast({ kind: 'error', message: e.message })),
      exportPng: () => broadcast({ kind: 'menu', action: 'export' }),
      saveSession: () => broadcast({ kind: 'menu', action: 'save-session' }),
      openSession: () => broadcast({ kind: 'menu', action: 'open-session' }),
    }),
  )
  app.on('second-instance', () => {
    if (win.isMinimized()) win.restore()
    win.focus()
  })
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0)
      win = createMainWindow(() => core.sessions.keepForRecovery())
  })
  // A clean quit removes the autosave (so the next start offers no restore), then really quits.
  let quitting = false
  app.on('before-quit', (event) => {
    if (quitting) return
    quitting = true
    event.preventDefault()
    void core.shutdown().finally(() => app.quit())
  })
})

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})
