// Opens a URL in the user's default browser for `npm start` in browser mode (scripts/start.mjs).
const { spawn } = require('node:child_process')

/**
 * Whether to open a browser: not when asked not to (`--no-open`), not in CI or under a test runner (which
 * start out/main/web.js themselves), and not on a Linux machine without a display (a server, SSH).
 * @returns {{ open: true } | { open: false, reason: string | null }}
 */
function shouldOpenBrowser(args, env, platform) {
  if (args.includes('--no-open')) return { open: false, reason: null }
  if (env.CI || env.VITEST || env.PLAYWRIGHT_TEST || env.MLE_STUDIO_NO_OPEN)
    return { open: false, reason: 'not opening a browser under CI or a test runner' }
  if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY)
    return { open: false, reason: 'no display to open a browser on' }
  return { open: true }
}

/** The OS command that opens `url` with the default browser. */
function browserCommand(url, platform) {
  if (platform === 'darwin') return { command: 'open', args: [url] }
  // `start` is a cmd built-in; its first quoted argument is a window title, hence the empty one.
  if (platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""', url.replace(/&/g, '^&')] }
  return { command: 'xdg-open', args: [url] }
}

/** Opens the URL; a missing opener is a one-line note, never a crash of the app it started. */
function openBrowser(url, platform = process.platform) {
  const { command, args } = browserCommand(url, platform)
  const child = spawn(command, args, {
    stdio: 'ignore',
    detached: true,
    windowsVerbatimArguments: platform === 'win32',
  })
  child.on('error', (e) =>
    console.log(`Could not open a browser (${command}: ${e.message}); open the URL above.`),
  )
  child.unref()
}

module.exports = { shouldOpenBrowser, browserCommand, openBrowser }
