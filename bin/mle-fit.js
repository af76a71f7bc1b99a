#!/usr/bin/env node
// Runs the mle-fit command line from the built bundle, building it first on a fresh clone. The packaged
// app runs this file too (`mle-studio --cli` and resources/bin/mle-fit, from app.asar), for the code cache.
const { existsSync } = require('node:fs')
const { join } = require('node:path')

// `--version` is what scripts and installers call to probe the tool: answer it before the staleness check
// over the sources and before loading the engine bundle, so it costs no more than Node's own start-up.
if (process.argv.length === 3 && ['--version', '-v'].includes(process.argv[2])) {
  process.stdout.write(`${require('../package.json').version}\n`)
} else {
  // The staleness check is for a checkout, where the sources can be newer than the bundle. A package ships
  // bin/ and out/ without scripts/ or sources: its bundle is the one it was built with, and there is
  // nothing to rebuild it from.
  const ensureBuild = join(__dirname, '../scripts/ensure-build.cjs')
  if (existsSync(ensureBuild)) require(ensureBuild).ensureBuilt({ quiet: true, cli: true })
  // The bundle and its packages compile from V8's code cache (bin/compile-cache.js).
  require('./compile-cache').useCompileCache(join(__dirname, '..'))
  require(join(__dirname, '../out/main/cli.js'))
}
