import { describe, expect, it } from 'vitest'
import { CONTENT_SECURITY_POLICY } from '../core/content-security-policy'
import { isTrustedSenderUrl, secureWebPreferences } from './security'

describe('window security', () => {
  it('applies the Electron security checklist to webPreferences', () => {
    expect(secureWebPreferences('/app/preload.js')).toMatchObject({
      preload: '/app/preload.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    })
  })

  it('has a CSP without inline or remote scripts', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'")
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'")
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|https?:/)
  })

  it.each([
    ['file:///app/out/renderer/index.html', 'file:///app/out/renderer/index.html', true],
    ['file:///app/out/renderer/index.html#x', 'file:///app/out/renderer/index.html', true],
    ['file:///tmp/evil.html', 'file:///app/out/renderer/index.html', false],
    ['https://evil.example/', 'file:///app/out/renderer/index.html', false],
    ['http://localhost:5173/', 'http://localhost:5173/', true],
    ['http://localhost:5174/', 'http://localhost:5173/', false],
    [undefined, 'file:///app/out/renderer/index.html', false],
    ['not a url', 'file:///app/out/renderer/index.html', false],
  ])('IPC from %s to app %s trusted: %s', (sender, app, trusted) => {
    expect(isTrustedSenderUrl(sender, app)).toBe(trusted)
  })
})
