// `npm run dist [-- electron-builder options]`: builds the installers of this platform (Linux: AppImage and
// .deb; Windows: NSIS; macOS: dmg) with electron-builder around the local Electron binary, after building
// the app. Where there is no Electron binary it says why and stops (exit 1): nothing is downloaded.
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)
const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const { findElectronBinary } = require('./electron-binary.cjs')

const PLATFORM_FLAG = { linux: '--linux', win32: '--win', darwin: '--mac' }
const flag = PLATFORM_FLAG[process.platform]
if (!flag) {
  console.error(`npm run dist: electron-builder makes no installers for ${process.platform}.`)
  process.exit(1)
}
const electron = findElectronBinary()
if (!('path' in electron)) {
  console.error(
    `npm run dist: cannot build the installers here: Electron is not available (${electron.reason}).\n` +
      'electron-builder packs the app around the Electron binary of this platform. On a machine with network\n' +
      'access, `npx electron --version` fetches it once; then run `npm run dist` again.',
  )
  process.exit(1)
}
require('./ensure-build.cjs').ensureBuilt()
// The folder electron-builder copies: Electron's dist (on macOS the binary sits deep inside Electron.app).
const electronDist = process.env.ELECTRON_OVERRIDE_DIST_PATH || join(root, 'node_modules/electron/dist')
const args = [
  join(root, 'node_modules/electron-builder/cli.js'),
  flag,
  '--config',
  'electron-builder.config.ts',
  // The local binary, so electron-builder downloads no Electron of its own.
  `-c.electronDist=${electronDist}`,
  `-c.electronVersion=${require('electron/package.json').version}`,
  ...process.argv.slice(2),
]
const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' })
if (result.status === 0) console.log('npm run dist: the installers are in dist/.')
process.exit(result.status ?? 1)
