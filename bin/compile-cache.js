// V8's code cache for mle-fit: compiling the CLI bundle and the packages it loads (~4 MB of JavaScript)
// was a third of what every run spent before reading a byte of data. Node 20 has no
// module.enableCompileCache (Node 22), so those modules are compiled here with vm.Script and the cached
// data an earlier run left. Any failure (no writable directory, a cache from another build, Node or V8, a
// damaged file) only means a plain compile: the cache can make a run faster, never different.
const Module = require('node:module')
const fs = require('node:fs')
const { dirname, isAbsolute, join, relative, sep } = require('node:path')
const vm = require('node:vm')
const { crc32 } = require('node:zlib')

const FORMAT = 'mle-code-cache 1'
// Node 20's V8 drops a script's dynamic-import callback when the script comes from cached data ("A dynamic
// import callback was not specified"), so a module with an import() (the chunks that load the PNG and
// spreadsheet readers) is compiled the plain way. A module with a cache entry had none when it was cached:
// the entry's key pins its content.
const DYNAMIC_IMPORT = /\bimport\s*\(/

/**
 * Where the cache lives: out/.cli-code-cache when out/ is writable (a checkout); else the user's cache
 * directory, one folder per installation (a package the user cannot write to). MLE_CODE_CACHE=DIR (an
 * absolute path) puts it in DIR.
 */
function cacheDirFor(root) {
  const chosen = process.env.MLE_CODE_CACHE
  if (chosen && isAbsolute(chosen)) return chosen
  try {
    fs.accessSync(join(root, 'out'), fs.constants.W_OK)
    return join(root, 'out', '.cli-code-cache')
  } catch {
    const base = process.env.XDG_CACHE_HOME || join(require('node:os').homedir(), '.cache')
    const where = require('node:crypto').createHash('sha256').update(root).digest('hex').slice(0, 16)
    return join(base, 'mle-studio', 'cli-code-cache', where)
  }
}

/** What an entry's data must match: the source file (size and mtime), Node, V8 and the CPU. */
function keyOf(filename) {
  const s = fs.statSync(filename)
  return `${FORMAT} ${s.size} ${s.mtimeMs} ${process.version} ${process.versions.v8} ${process.arch}`
}

/** The cached data of `entry`, or undefined when there is none or it is not for this file and Node. */
function readEntry(entry) {
  let bytes
  try {
    bytes = fs.readFileSync(entry.file)
  } catch {
    return undefined
  }
  const newline = bytes.indexOf(10)
  if (newline < 0) return undefined
  // V8 checks the data's version and flags but not, in release builds, its checksum: the CRC is ours.
  const [key, sum] = bytes.subarray(0, newline).toString('latin1').split('|')
  const data = bytes.subarray(newline + 1)
  return key === entry.key && sum === String(crc32(data)) ? data : undefined
}

/** Writes the entry whole or not at all (a temporary file renamed into place). */
function writeEntry(entry, cachedData) {
  const temporary = `${entry.file}.${process.pid}.tmp`
  try {
    const data = cachedData()
    fs.mkdirSync(dirname(entry.file), { recursive: true })
    fs.writeFileSync(temporary, Buffer.concat([Buffer.from(`${entry.key}|${crc32(data)}\n`, 'latin1'), data]))
    fs.renameSync(temporary, entry.file)
  } catch {
    fs.rmSync(temporary, { force: true })
  }
}

/** An entry's file name: the module's path below the root, one file name (reversed by `prune`). */
const entryName = (root, filename) => `${encodeURIComponent(relative(root, filename))}.cache`

/** Removes the entries of modules that are gone (a rebuild renames the bundle's hashed chunks). */
function prune(cacheDir, root) {
  try {
    for (const name of fs.readdirSync(cacheDir)) {
      const module = name.endsWith('.cache') && join(root, decodeURIComponent(name.slice(0, -6)))
      if (!module || !fs.existsSync(module)) fs.rmSync(join(cacheDir, name), { force: true })
    }
  } catch {
    // An unreadable cache directory is left as it is.
  }
}

/** `require` for a module, as Node's own loader makes it (lib/internal/modules/helpers.js). */
function makeRequire(mod) {
  const require = (id) => mod.require(id)
  require.resolve = (request, options) => Module._resolveFilename(request, mod, false, options)
  require.resolve.paths = (request) => Module._resolveLookupPaths(request, mod)
  require.main = process.mainModule
  require.extensions = Module._extensions
  require.cache = Module._cache
  return require
}

/** Compiles and runs one module with its entry's cached data; `toWrite` hears when that was not usable. */
function runCached(mod, content, filename, { entry, cachedData }, toWrite) {
  const script = new vm.Script(Module.wrap(content), { filename, cachedData })
  if (cachedData === undefined || script.cachedDataRejected) toWrite.push({ entry, script })
  const wrapper = script.runInThisContext({ displayErrors: true })
  return wrapper.call(mod.exports, mod.exports, makeRequire(mod), mod, filename, dirname(filename))
}

/**
 * From now on, compiles the CommonJS modules under `root` (the package: out/main's bundle and the packages
 * it requires) with V8's code cache. A module that had no usable entry gets one when the process exits: by
 * then the functions that ran are compiled too, so the next run starts with more than each module's top
 * level. MLE_CODE_CACHE=off compiles the plain way.
 */
function useCompileCache(root) {
  if (process.env.MLE_CODE_CACHE === 'off' || typeof crc32 !== 'function') return
  const cacheDir = cacheDirFor(root)
  const toWrite = []
  const compile = Module.prototype._compile
  Module.prototype._compile = function (content, filename) {
    if (!filename.startsWith(root + sep)) return compile.call(this, content, filename)
    const entry = { file: join(cacheDir, entryName(root, filename)), key: keyOf(filename) }
    const cachedData = readEntry(entry)
    if (cachedData === undefined && DYNAMIC_IMPORT.test(content)) return compile.call(this, content, filename)
    return runCached(this, content, filename, { entry, cachedData }, toWrite)
  }
  process.once('exit', () => {
    if (toWrite.length === 0) return
    for (const { entry, script } of toWrite) writeEntry(entry, () => script.createCachedData())
    prune(cacheDir, root)
  })
}

module.exports = { useCompileCache }
