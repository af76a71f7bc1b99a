import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { BrowserWindow, session, shell } from 'electron'
import { CONTENT_SECURITY_POLICY } from '../core/content-security-policy'
import { secureWebPreferences } from './security'

/** URL of the renderer page: the built index.html (or the dev server under `electron-vite dev`). */
export function rendererUrl(): string {
  const dev = process.env['ELECTRON_RENDERER_URL']
  return dev ?? pathToFileURL(join(__dirname, '../renderer/index.html')).href
}

/**
 * Creates the main window with Electron's security checklist applied: isolated, sandboxed preload, a CSP
 * header, every permission request denied, navigation and new windows refused (links open in the OS browser).
 */
export function createMainWindow(): BrowserWindow {
  const ses = session.defaultSession
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    })
  })
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
  ses.setPermissionCheckHandler(() => false)

  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'MLE Studio',
    backgroundColor: '#ffffff',
    webPreferences: secureWebPreferences(join(__dirname, '../preload/index.js')),
  })
  win.once('ready-to-show', () => win.show())
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url)
    return { action: 'deny' }
  })
  win.webContents.on('will-navigate', (event) => event.preventDefault())
  win.webContents.on('will-redirect', (event) => event.preventDefault())
  void win.loadURL(rendererUrl())
  return win
}
