// `npm start [-- file.csv]`: builds if needed and launches the Electron app; where no Electron binary can be had,
// says so in one line and starts browser mode on the same file instead.
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)
const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const { ensureBuilt } = require('./ensure-build.cjs')
const { findElectronBinary } = require('./electron-binary.cjs')

ensureBuilt()
const args = process.argv.slice(2)
const electron = findElectronBinary()
const child =
  'path' in electron
    ? spawn(electron.path, [join(root, 'out/main/index.js'), ...args], { stdio: 'inherit' })
    : (console.log(`Electron is not available here (${electron.reason}); starting browser mode instead.`),
      spawn(process.execPath, [join(root, 'out/main/web.js'), ...args], { stdio: 'inherit' }))
child.on('exit', (code) => process.exit(code ?? 1))
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
