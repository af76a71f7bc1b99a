// `npm start [-- file.csv] [-- --no-open]`: builds if needed and launches the Electron app; where no
// Electron binary can be had, says so in one line and starts browser mode on the same file instead, opening
// the printed URL in the default browser (not with --no-open, in CI, under a test runner, or without a
// display).
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)
const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const { ensureBuilt } = require('./ensure-build.cjs')
const { findElectronBinary } = require('./electron-binary.cjs')
const { openBrowser, shouldOpenBrowser } = require('./open-browser.cjs')

ensureBuilt()
const args = process.argv.slice(2).filter((a) => a !== '--no-open')
const electron = findElectronBinary()
const child = 'path' in electron ? startElectron(electron.path) : startBrowserMode(electron.reason)
child.on('exit', (code) => process.exit(code ?? 1))
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))

function startElectron(binary) {
  return spawn(binary, [join(root, 'out/main/index.js'), ...args], { stdio: 'inherit' })
}

/** Browser mode; its first output line carries the URL (with its token) to open. */
function startBrowserMode(reason) {
  console.log(`Electron is not available here (${reason}); starting browser mode instead.`)
  const web = spawn(process.execPath, [join(root, 'out/main/web.js'), ...args], {
    stdio: ['inherit', 'pipe', 'inherit'],
  })
  const decision = shouldOpenBrowser(process.argv.slice(2), process.env, process.platform)
  let opened = false
  web.stdout.on('data', (chunk) => {
    process.stdout.write(chunk)
    const url = /https?:\/\/\S+/.exec(chunk.toString())?.[0]
    if (!url || opened) return
    opened = true
    if (decision.open) openBrowser(url)
    else if (decision.reason) console.log(`(${decision.reason}: open the URL above yourself.)`)
  })
  return web
}
