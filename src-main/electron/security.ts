import type { WebPreferences } from 'electron'

/** Electron's security checklist, as the window's webPreferences. */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  }
}

/**
 * An IPC message is trusted only from the app's own top-level page: same file URL (or dev-server origin)
 * as the one the window loaded.
 */
export function isTrustedSenderUrl(senderUrl: string | undefined, appUrl: string): boolean {
  if (!senderUrl) return false
  try {
    const sender = new URL(senderUrl)
    const app = new URL(appUrl)
    if (app.protocol === 'file:') return sender.protocol === 'file:' && sender.pathname === app.pathname
    return sender.origin === app.origin
  } catch {
    return false
  }
}
