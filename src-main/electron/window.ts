import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { BrowserWindow, session } from 'electron'
import type { WindowPlacement } from './desktop-state'
import { applySessionPolicy, mainWindowOptions, recoverFromRendererGone } from './window-policy'

/** URL of the renderer page: the built index.html (or the dev server under `electron-vite dev`). */
export function rendererUrl(): string {
  const dev = process.env['ELECTRON_RENDERER_URL']
  return dev ?? pathToFileURL(join(__dirname, '../renderer/index.html')).href
}

export interface MainWindowHooks {
  placement: WindowPlacement
  /** The page crashed: keep its autosave for the reloaded page to offer. */
  keepSession(): Promise<void>
  /** The window moved or was resized (debounced), or is closing: remember where it is. */
  placed(placement: WindowPlacement): void
  /** The page finished loading (its event listeners are in place). */
  loaded(): void
  /** Whether closing needs the user's word (unsaved results); resolves true to close. */
  confirmClose(win: BrowserWindow): Promise<boolean> | null
}

function placementOf(win: BrowserWindow): WindowPlacement {
  return { ...win.getNormalBounds(), maximized: win.isMaximized() }
}

/**
 * Creates the main window with Electron's security checklist applied (see window-policy.ts, unit-tested):
 * isolated, sandboxed preload, CSP header, permissions denied; a crashed page is reloaded. It opens where it
 * was last closed (placement clamped to the displays by the caller) and asks before closing with unsaved
 * results. Navigation and new windows are refused for every web contents in desktop-app.ts.
 */
export function createMainWindow(hooks: MainWindowHooks): BrowserWindow {
  applySessionPolicy(session.defaultSession)
  const { maximized, ...bounds } = hooks.placement
  const win = new BrowserWindow({ ...mainWindowOptions(join(__dirname, '../preload/index.js')), ...bounds })
  win.once('ready-to-show', () => {
    if (maximized) win.maximize()
    win.show()
  })
  let timer: ReturnType<typeof setTimeout> | undefined
  const remember = () => {
    clearTimeout(timer)
    timer = setTimeout(() => !win.isDestroyed() && hooks.placed(placementOf(win)), 500)
  }
  for (const event of ['resize', 'move', 'maximize', 'unmaximize'] as const)
    win.on(event as 'resize', remember)
  let confirmed = false
  win.on('close', (event) => {
    clearTimeout(timer)
    hooks.placed(placementOf(win))
    const asking = confirmed ? null : hooks.confirmClose(win)
    if (!asking) return
    event.preventDefault()
    void asking.then((close) => {
      if (!close || win.isDestroyed()) return
      confirmed = true
      win.close()
    })
  })
  win.webContents.on('did-finish-load', () => hooks.loaded())
  // A crashed page comes back by itself and is offered the session it lost (main never goes down with it).
  win.webContents.on('render-process-gone', (_e, details) => {
    void recoverFromRendererGone(details.reason, {
      keepSession: hooks.keepSession,
      reload: () => !win.isDestroyed() && win.reload(),
    })
  })
  void win.loadURL(rendererUrl())
  return win
}
