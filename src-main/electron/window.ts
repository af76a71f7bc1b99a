import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { BrowserWindow, session } from 'electron'
import { applySessionPolicy, mainWindowOptions, recoverFromRendererGone } from './window-policy'

/** URL of the renderer page: the built index.html (or the dev server under `electron-vite dev`). */
export function rendererUrl(): string {
  const dev = process.env['ELECTRON_RENDERER_URL']
  return dev ?? pathToFileURL(join(__dirname, '../renderer/index.html')).href
}

/**
 * Creates the main window with Electron's security checklist applied (see window-policy.ts, unit-tested):
 * isolated, sandboxed preload, CSP header, permissions denied; a crashed page is reloaded. Navigation and new windows are refused for
 * every web contents in main.ts (`web-contents-created`).
 */
export function createMainWindow(keepSession: () => Promise<void>): BrowserWindow {
  applySessionPolicy(session.defaultSession)
  const win = new BrowserWindow(mainWindowOptions(join(__dirname, '../preload/index.js')))
  win.once('ready-to-show', () => win.show())
  // A crashed page comes back by itself and is offered the session it lost (main never goes down with it).
  win.webContents.on('render-process-gone', (_e, details) => {
    void recoverFromRendererGone(details.reason, {
      keepSession,
      reload: () => !win.isDestroyed() && win.reload(),
    })
  })
  void win.loadURL(rendererUrl())
  return win
}
