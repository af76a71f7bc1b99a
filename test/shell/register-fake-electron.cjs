// `node --import tsx --require ./register-fake-electron.cjs out/main/index.js`: every require('electron')
// in the built main bundle resolves to the fake (fake-electron-entry.ts) instead of the npm package, which
// would try to download the Electron binary.
const Module = require('node:module')
const { join } = require('node:path')

const fake = join(__dirname, 'fake-electron-entry.ts')
const resolve = Module._resolveFilename
Module._resolveFilename = function (request, ...rest) {
  if (request === 'electron') return fake
  return resolve.call(this, request, ...rest)
}
