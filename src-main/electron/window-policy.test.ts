import { EventEmitter } from 'node:events'
import { describe, expect, it } from 'vitest'
import { CONTENT_SECURITY_POLICY } from '../core/content-security-policy'
import { isTrustedSenderUrl } from './security'
import {
  applySessionPolicy,
  hardenContents,
  isSafeExternalUrl,
  mainWindowOptions,
  recoverFromRendererGone,
  reportPdfWindowOptions,
  REPORT_PARTITION,
  withCsp,
  type ContentsLike,
  type SessionLike,
} from './window-policy'

describe('the report PDF window', () => {
  it('is hidden, sandboxed, without preload, Node or JavaScript, in its own session', () => {
    const options = reportPdfWindowOptions()
    expect(options.show).toBe(false)
    expect(options.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      javascript: false,
      partition: REPORT_PARTITION,
    })
    expect(options.webPreferences).not.toHaveProperty('preload')
    // In memory: a partition without the persist: prefix keeps nothing on disk.
    expect(REPORT_PARTITION.startsWith('persist:')).toBe(false)
  })
})

describe('main window options (Electron security checklist)', () => {
  const prefs = mainWindowOptions('/app/out/preload/index.js').webPreferences ?? {}
  it.each([
    ['contextIsolation', true],
    ['sandbox', true],
    ['nodeIntegration', false],
    ['nodeIntegrationInWorker', false],
    ['nodeIntegrationInSubFrames', false],
    ['webSecurity', true],
    ['allowRunningInsecureContent', false],
    ['experimentalFeatures', false],
    ['webviewTag', false],
    ['navigateOnDragDrop', false],
  ] as const)('%s is %s', (key, value) => {
    expect(prefs[key]).toBe(value)
  })
  it('loads only the bundled preload', () => {
    expect(prefs.preload).toBe('/app/out/preload/index.js')
  })
})

describe('content security policy', () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/)
      return [name, values] as const
    }),
  )
  it('allows nothing by default and no remote, inline or eval script', () => {
    expect(directives.get('default-src')).toEqual(["'none'"])
    expect(directives.get('script-src')).toEqual(["'self'"])
    expect(directives.get('object-src')).toEqual(["'none'"])
    expect(directives.get('frame-ancestors')).toEqual(["'none'"])
    for (const values of directives.values()) {
      for (const v of values) expect(v).not.toMatch(/unsafe-inline|unsafe-eval|\*|^https?:/)
    }
  })
  it('is forced onto every response, replacing any other CSP', () => {
    const headers = withCsp({ 'content-security-policy': ['default-src *'], 'X-Other': ['1'] })
    expect(headers).toEqual({ 'X-Other': ['1'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] })
  })
})

describe('session policy', () => {
  it('denies every permission request and check', () => {
    let request: ((c: unknown, p: string, cb: (g: boolean) => void) => void) | undefined
    let check: ((c: unknown, p: string) => boolean) | undefined
    let headers: Parameters<SessionLike['webRequest']['onHeadersReceived']>[0] | undefined
    applySessionPolicy({
      setPermissionRequestHandler: (h) => (request = h),
      setPermissionCheckHandler: (h) => (check = h),
      webRequest: { onHeadersReceived: (l) => (headers = l) },
    })
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const answers: boolean[] = []
      request?.({}, permission, (g) => answers.push(g))
      expect(answers).toEqual([false])
      expect(check?.({}, permission)).toBe(false)
    }
    let sent: Record<string, string[]> | undefined
    headers?.({ responseHeaders: {} }, (r) => (sent = r.responseHeaders))
    expect(sent?.['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY])
  })
})

class FakeContents extends EventEmitter {
  openHandler: ((d: { url: string }) => { action: 'deny' }) | undefined
  setWindowOpenHandler(h: (d: { url: string }) => { action: 'deny' }) {
    this.openHandler = h
  }
  fire(name: string): boolean {
    let prevented = false
    this.emit(name, { preventDefault: () => (prevented = true) })
    return prevented
  }
}

describe('web contents policy', () => {
  const contents = new FakeContents()
  const opened: string[] = []
  hardenContents(contents as unknown as ContentsLike, (url) => opened.push(url))

  it('denies every new window; only https links go to the OS browser', () => {
    for (const url of [
      'https://example.org/doc',
      'http://example.org',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
      'https://user:pw@example.org',
    ]) {
      expect(contents.openHandler?.({ url })).toEqual({ action: 'deny' })
    }
    expect(opened).toEqual(['https://example.org/doc'])
  })

  it.each(['will-navigate', 'will-redirect', 'will-frame-navigate', 'will-attach-webview'])(
    'prevents %s',
    (event) => expect(contents.fire(event)).toBe(true),
  )

  it('recognizes safe external URLs', () => {
    expect(isSafeExternalUrl('https://a.b/c')).toBe(true)
    expect(isSafeExternalUrl('not a url')).toBe(false)
  })
})

describe('IPC sender check', () => {
  const app = 'file:///opt/mle/out/renderer/index.html'
  it.each([
    ['file:///opt/mle/out/renderer/index.html', true],
    ['file:///opt/mle/out/renderer/index.html#/x', true],
    ['file:///tmp/evil.html', false],
    ['https://evil.example/', false],
    ['', false],
    [undefined, false],
    ['not a url', false],
  ])('%s -> %s', (sender, trusted) => expect(isTrustedSenderUrl(sender, app)).toBe(trusted))
  it('compares origins for a dev server', () => {
    expect(isTrustedSenderUrl('http://localhost:5173/x', 'http://localhost:5173/')).toBe(true)
    expect(isTrustedSenderUrl('http://localhost:5174/', 'http://localhost:5173/')).toBe(false)
  })
})

describe('renderer crash', () => {
  it.each([
    ['crashed', true],
    ['oom', true],
    ['killed', true],
    ['abnormal-exit', true],
    ['clean-exit', false],
  ])('%s -> keep the session and reload: %s', async (reason, expected) => {
    const done: string[] = []
    const reloaded = await recoverFromRendererGone(reason, {
      keepSession: async () => void done.push('keep'),
      reload: () => void done.push('reload'),
    })
    expect(reloaded).toBe(expected)
    expect(done).toEqual(expected ? ['keep', 'reload'] : [])
  })
  it('reloads even when keeping the session fails', async () => {
    let reloaded = false
    await recoverFromRendererGone('crashed', {
      keepSession: () => Promise.reject(new Error('disk full')),
      reload: () => (reloaded = true),
    })
    expect(reloaded).toBe(true)
  })
})
