// Builds the app with electron-vite when out/ is missing or older than any source file.
const { existsSync, readdirSync, readFileSync, statSync } = require('node:fs')
const { join } = require('node:path')

const ROOT = join(__dirname, '..')
const SOURCES = ['src-main', 'src-renderer', 'src-shared', 'electron.vite.config.ts', 'package.json']
const OUTPUTS = [
  'out/main/index.js',
  'out/main/engine.js',
  'out/main/web.js',
  'out/main/cli.js',
  'out/preload/index.js',
  'out/renderer/index.html',
]
/** The CLI bundle's list of its sources (packaging/cli-inputs.ts writes it with the bundle). */
const CLI_INPUTS = 'out/cli-inputs.json'
/** What shapes every bundle besides its sources: the build configuration and what it imports. */
const BUILD_CONFIG = ['electron.vite.config.ts', 'package.json', 'packaging']

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

function isStale(root = ROOT) {
  if (!OUTPUTS.every((o) => existsSync(join(root, o)))) return true
  const built = Math.min(...OUTPUTS.map((o) => statSync(join(root, o)).mtimeMs))
  return SOURCES.some((s) => existsSync(join(root, s)) && newestMtime(join(root, s)) > built)
}

/**
 * The CLI's own check, run by every mle-fit: its bundle against the sources it was built from, as the build
 * listed them (~230 stats, where walking every source folder made ~500 and ~40 directory reads). A listed
 * file that is gone (renamed, deleted, another branch) makes the bundle stale. Without the sources (an
 * installed package) there is nothing to rebuild from; without a list written after the bundle (a build
 * from before the list, or one that did not write it), the full check.
 */
function isCliStale(root = ROOT) {
  if (!existsSync(join(root, 'src-main'))) return !existsSync(join(root, 'out/main/cli.js'))
  const built = statSync(join(root, 'out/main/cli.js'), { throwIfNoEntry: false })?.mtimeMs
  const listed = statSync(join(root, CLI_INPUTS), { throwIfNoEntry: false })?.mtimeMs
  if (built === undefined || listed === undefined || listed < built) return isStale(root)
  let inputs
  try {
    inputs = JSON.parse(readFileSync(join(root, CLI_INPUTS), 'utf8'))
  } catch {
    return isStale(root)
  }
  return [...BUILD_CONFIG, ...inputs].some((file) => {
    const s = statSync(join(root, file), { throwIfNoEntry: false })
    return s === undefined || (s.isDirectory() ? newestMtime(join(root, file)) : s.mtimeMs) > built
  })
}

/**
 * Runs `electron-vite build` if needed; output goes to stderr so stdout stays clean for --json. `cli`: only
 * the CLI bundle need be fresh (mle-fit), checked the quick way (isCliStale).
 */
function ensureBuilt({ quiet = false, cli = false } = {}) {
  if (!(cli ? isCliStale() : isStale())) return
  if (!quiet) process.stderr.write('Building MLE Studio (electron-vite build)...\n')
  // Loaded only to build: the check runs on every mle-fit start, and child_process costs ~2 ms to load.
  const { execFileSync } = require('node:child_process')
  execFileSync(process.execPath, [join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
    cwd: ROOT,
    stdio: ['ignore', quiet ? 'ignore' : 2, 2],
  })
}

module.exports = { ensureBuilt, isCliStale }

// `node scripts/ensure-build.cjs`: build if needed.
if (require.main === module) ensureBuilt()
