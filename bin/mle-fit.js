#!/usr/bin/env node
// Runs the mle-fit command line from the built bundle, building it first on a fresh clone.
const { join } = require('node:path')
const { ensureBuilt } = require('../scripts/ensure-build.cjs')

ensureBuilt({ quiet: true })
require(join(__dirname, '../out/main/cli.js'))
