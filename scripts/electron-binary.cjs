// Finds the Electron binary without require('electron'), which would try to download it.
const { existsSync, readFileSync } = require('node:fs')
const { join } = require('node:path')

/** @returns {{ path: string } | { reason: string }} */
function findElectronBinary() {
  const pkg = join(__dirname, '../node_modules/electron')
  const pathFile = join(pkg, 'path.txt')
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH
  if (override) {
    const name = existsSync(pathFile) ? readFileSync(pathFile, 'utf8') : 'electron'
    const path = join(override, name)
    return existsSync(path) ? { path } : { reason: `ELECTRON_OVERRIDE_DIST_PATH has no binary at ${path}` }
  }
  if (!existsSync(pathFile))
    return { reason: 'its binary was never downloaded, and this machine cannot fetch it' }
  const path = join(pkg, 'dist', readFileSync(pathFile, 'utf8'))
  return existsSync(path) ? { path } : { reason: `the Electron binary is missing at ${path}` }
}

module.exports = { findElectronBinary }
