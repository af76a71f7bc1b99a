#!/usr/bin/env node
// Runs the mle-fit command line from the built bundle, building it first on a fresh clone.
const { join } = require('node:path')

// `--version` is what scripts and installers call to probe the tool: answer it before the staleness check
// over the sources and before loading the engine bundle, so it costs no more than Node's own start-up.
if (process.argv.length === 3 && ['--version', '-v'].includes(process.argv[2])) {
  process.stdout.write(`${require('../package.json').version}\n`)
} else {
  require('../scripts/ensure-build.cjs').ensureBuilt({ quiet: true, cli: true })
  // The bundle and its packages compile from V8's code cache (bin/compile-cache.js).
  require('./compile-cache').useCompileCache(join(__dirname, '..'))
  require(join(__dirname, '../out/main/cli.js'))
}
