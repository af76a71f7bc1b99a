// Builds the app with electron-vite when out/ is missing or older than any source file.
const { execFileSync } = require('node:child_process')
const { existsSync, readdirSync, statSync } = require('node:fs')
const { join } = require('node:path')

const root = join(__dirname, '..')
const SOURCES = ['src-main', 'src-renderer', 'src-shared', 'electron.vite.config.ts', 'package.json']
const OUTPUTS = [
  'out/main/index.js',
  'out/main/engine.js',
  'out/main/web.js',
  'out/main/cli.js',
  'out/preload/index.js',
  'out/renderer/index.html',
]

function newestMtime(path) {
  const s = statSync(path)
  if (!s.isDirectory()) return s.mtimeMs
  let newest = 0
  for (const name of readdirSync(path)) {
    if (name.endsWith('.test.ts')) continue
    newest = Math.max(newest, newestMtime(join(path, name)))
  }
  return newest
}

function isStale() {
  if (!OUTPUTS.every((o) => existsSync(join(root, o)))) return true
  const built = Math.min(...OUTPUTS.map((o) => statSync(join(root, o)).mtimeMs))
  return SOURCES.some((s) => existsSync(join(root, s)) && newestMtime(join(root, s)) > built)
}

/** Runs `electron-vite build` if needed; output goes to stderr so stdout stays clean for --json. */
function ensureBuilt({ quiet = false } = {}) {
  if (!isStale()) return
  if (!quiet) process.stderr.write('Building MLE Studio (electron-vite build)...\n')
  execFileSync(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
    cwd: root,
    stdio: ['ignore', quiet ? 'ignore' : 2, 2],
  })
}

module.exports = { ensureBuilt }

// `node scripts/ensure-build.cjs`: build if needed.
if (require.main === module) ensureBuilt()
