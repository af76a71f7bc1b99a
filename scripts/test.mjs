// `npm test`: every check, in order, stopping at the first failure: type check, lint (ESLint + Prettier), unit
// tests, build, an Electronegativity scan of the build, integration tests over the built engine process, shell
// tests (the built Electron main process on a fake Electron API), Playwright end-to-end tests (browser mode in
// Chromium; the Electron project skips itself where no Electron binary exists). Ends with one summary line.
// `--only=NAME` runs the stages whose name starts with NAME, after building if needed (`npm run test:shell`).
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const bin = (name) => join(root, 'node_modules/.bin', name)
mkdirSync(join(root, 'test-results'), { recursive: true })
// Reports of an earlier run must not count in this run's summary.
for (const f of ['unit.json', 'integration.json', 'shell.json', 'e2e-report.json'])
  rmSync(join(root, 'test-results', f), { force: true })

const vitestJson = (project) => [
  bin('vitest'),
  [
    'run',
    '--project',
    project,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=test-results/${project}.json`,
  ],
]

const stages = [
  ['type check (main, engine, preload)', bin('tsc'), ['--noEmit', '-p', 'tsconfig.node.json']],
  ['type check (renderer, vue-tsc)', bin('vue-tsc'), ['--noEmit', '-p', 'tsconfig.web.json']],
  ['type check (end-to-end tests)', bin('tsc'), ['--noEmit', '-p', 'tsconfig.e2e.json']],
  ['lint (ESLint)', bin('eslint'), ['.']],
  ['format (Prettier)', bin('prettier'), ['--check', '.']],
  ['unit tests', ...vitestJson('unit')],
  ['build (electron-vite)', bin('electron-vite'), ['build']],
  [
    'Electron security scan (Electronegativity)',
    process.execPath,
    ['scripts/security-scan.mjs', '--no-build'],
  ],
  ['integration tests (built engine process)', ...vitestJson('integration')],
  ['shell tests (built Electron main process on a fake Electron)', ...vitestJson('shell')],
  ['end-to-end tests (Playwright)', bin('playwright'), ['test']],
]

const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length)
const ensureBuild = ['build (if needed)', process.execPath, ['scripts/ensure-build.cjs']]
const selected = only ? [ensureBuild, ...stages.filter(([name]) => name.startsWith(only))] : stages

const started = Date.now()
for (const [name, command, args] of selected) {
  console.log(`\n=== ${name} ===`)
  const t0 = Date.now()
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env })
  const seconds = ((Date.now() - t0) / 1000).toFixed(1)
  if (result.status !== 0) {
    console.error(`\n✗ ${name} failed after ${seconds} s (exit ${result.status ?? result.signal}).`)
    summarize()
    process.exit(1)
  }
  console.log(`✓ ${name} (${seconds} s)`)
}
console.log(`\nAll stages passed in ${((Date.now() - started) / 1000).toFixed(0)} s.`)
summarize()

/** One closing line over every runner's JSON report: `N passed, N failed, N skipped`. */
function summarize() {
  let passed = 0
  let failed = 0
  let skipped = 0
  for (const project of ['unit', 'integration', 'shell']) {
    const file = join(root, `test-results/${project}.json`)
    if (!existsSync(file)) continue
    const r = JSON.parse(readFileSync(file, 'utf8'))
    passed += r.numPassedTests
    failed += r.numFailedTests
    skipped += r.numPendingTests + (r.numTodoTests ?? 0)
  }
  const e2e = join(root, 'test-results/e2e-report.json')
  if (existsSync(e2e)) {
    const s = JSON.parse(readFileSync(e2e, 'utf8')).stats
    passed += s.expected
    failed += s.unexpected + (s.flaky ?? 0)
    skipped += s.skipped
  }
  console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`)
}
