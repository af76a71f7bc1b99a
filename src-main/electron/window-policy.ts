import type { BrowserWindowConstructorOptions, Event as ElectronEvent } from 'electron'
import { CONTENT_SECURITY_POLICY } from '../core/content-security-policy'
import { secureWebPreferences } from './security'

// Only types come from Electron here, so unit tests can import this file without the Electron binary.

/** Options of the main window: the security checklist's webPreferences, hidden until ready. */
export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'MLE Studio',
    backgroundColor: '#ffffff',
    webPreferences: secureWebPreferences(preloadPath),
  }
}

/** The in-memory session of the window that prints reports to PDF (never the app's own session). */
export const REPORT_PARTITION = 'mle-report-pdf'

/**
 * Options of the hidden window that prints a report to PDF: never shown, sandboxed, no preload, no Node,
 * no JavaScript (the report has none), in its own session; A4 width at 96 dpi so the layout is the page's.
 */
export function reportPdfWindowOptions(): BrowserWindowConstructorOptions {
  return {
    show: false,
    width: 794,
    height: 1123,
    backgroundColor: '#ffffff',
    webPreferences: {
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      javascript: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      partition: REPORT_PARTITION,
    },
  }
}

/** Response headers with the app's CSP forced on (whatever the page or a server sent). */
export function withCsp(headers: Record<string, string[]> | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {}
  for (const [k, v] of Object.entries(headers ?? {})) {
    if (k.toLowerCase() !== 'content-security-policy') out[k] = v
  }
  out['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY]
  return out
}

/** Links the page may hand to the OS browser: https only, never file:, javascript:, custom schemes. */
export function isSafeExternalUrl(url: string): boolean {
  try {
    const u = new URL(url)
    return u.protocol === 'https:' && u.username === '' && u.password === ''
  } catch {
    return false
  }
}

/** The parts of a session (Electron's) that the policy configures. */
export interface SessionLike {
  setPermissionRequestHandler(
    handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void,
  ): void
  setPermissionCheckHandler(handler: (contents: unknown, permission: string) => boolean): void
  webRequest: {
    onHeadersReceived(
      listener: (
        details: { responseHeaders?: Record<string, string[]> },
        callback: (response: { responseHeaders: Record<string, string[]> }) => void,
      ) => void,
    ): void
  }
}

/** Every permission request (camera, notifications, geolocation...) denied; CSP on every response. */
export function applySessionPolicy(ses: SessionLike): void {
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  ses.setPermissionCheckHandler(() => false)
  ses.webRequest.onHeadersReceived((details, callback) =>
    callback({ responseHeaders: withCsp(details.responseHeaders) }),
  )
}

/** The parts of a WebContents that the policy configures. */
export interface ContentsLike {
  on(
    event: 'will-navigate' | 'will-redirect' | 'will-frame-navigate',
    listener: (e: ElectronEvent) => void,
  ): void
  on(event: 'will-attach-webview', listener: (e: ElectronEvent) => void): void
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void
}

/**
 * Every web contents (the window and anything else that appears): no new windows (https links go to the
 * OS browser instead), no navigation or redirect away from the app's page, no <webview>.
 */
export function hardenContents(contents: ContentsLike, openExternal: (url: string) => void): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) openExternal(url)
    return { action: 'deny' }
  })
  const block = (e: ElectronEvent) => e.preventDefault()
  contents.on('will-navigate', block)
  contents.on('will-redirect', block)
  contents.on('will-frame-navigate', block)
  contents.on('will-attach-webview', block)
}

/**
 * The page's process died (crash, out of memory, killed): keep its autosaved session for the reloaded page
 * to offer, then reload. A clean exit (window closing) needs nothing.
 */
export async function recoverFromRendererGone(
  reason: string,
  actions: { keepSession(): Promise<void>; reload(): void },
): Promise<boolean> {
  if (reason === 'clean-exit') return false
  await actions.keepSession().catch(() => undefined)
  actions.reload()
  return true
}
