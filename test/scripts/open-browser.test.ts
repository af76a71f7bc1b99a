import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'

const require = createRequire(__filename)
const { browserCommand, shouldOpenBrowser } = require('../../scripts/open-browser.cjs') as {
  browserCommand(url: string, platform: string): { command: string; args: string[] }
  shouldOpenBrowser(
    args: string[],
    env: Record<string, string>,
    platform: string,
  ): { open: boolean; reason?: string | null }
}

const URL_WITH_TOKEN = 'http://127.0.0.1:5123/?token=ab&x=1'

describe('npm start in browser mode', () => {
  it('opens the default browser with the OS command', () => {
    expect(browserCommand(URL_WITH_TOKEN, 'linux')).toEqual({ command: 'xdg-open', args: [URL_WITH_TOKEN] })
    expect(browserCommand(URL_WITH_TOKEN, 'darwin')).toEqual({ command: 'open', args: [URL_WITH_TOKEN] })
    // cmd's start: an empty window title first, and & escaped so cmd does not split the command there.
    expect(browserCommand(URL_WITH_TOKEN, 'win32')).toEqual({
      command: 'cmd',
      args: ['/c', 'start', '""', 'http://127.0.0.1:5123/?token=ab^&x=1'],
    })
  })

  it.each([
    [['--no-open'], { DISPLAY: ':0' }, 'linux', false],
    [[], { DISPLAY: ':0', CI: 'true' }, 'linux', false],
    [[], { DISPLAY: ':0', VITEST: 'true' }, 'linux', false],
    [[], { DISPLAY: ':0', PLAYWRIGHT_TEST: '1' }, 'linux', false],
    [[], {}, 'linux', false],
    [[], { WAYLAND_DISPLAY: 'wayland-0' }, 'linux', true],
    [['data.csv'], { DISPLAY: ':0' }, 'linux', true],
    [[], {}, 'darwin', true],
    [[], {}, 'win32', true],
  ])('args %j, env %j on %s: opens %s', (args, env, platform, open) => {
    expect(shouldOpenBrowser(args, env, platform).open).toBe(open)
  })
})
