// Electronegativity scan of the built app (out/). Exits 1 on any finding that is not listed, with a
// reason, in security/electronegativity-accepted.json; 2 when the scan itself cannot run.
// Usage: node scripts/security-scan.mjs [--no-build]
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(import.meta.url)
const acceptedPath = join(root, 'security/electronegativity-accepted.json')

function fail(code, message) {
  console.error(`security-scan: ${message}`)
  process.exit(code)
}

if (!process.argv.includes('--no-build')) {
  try {
    execFileSync(process.execPath, [join(root, 'scripts/ensure-build.cjs')], { stdio: 'inherit' })
  } catch {
    fail(2, 'the build failed; fix it first (npx electron-vite build).')
  }
}
for (const built of ['out/main/index.js', 'out/preload/index.js']) {
  if (!existsSync(join(root, built))) fail(2, `${built} is missing; build first (npx electron-vite build).`)
}

// The installed Electron's version: otherwise the tool assumes 0.1.0 and applies ancient defaults.
const electronVersion = require('electron/package.json').version
const cli = join(dirname(require.resolve('@doyensec/electronegativity/package.json')), 'dist/index.js')
const work = mkdtempSync(join(tmpdir(), 'electronegativity-'))
const sarif = join(work, 'result.sarif')
try {
  execFileSync(
    process.execPath,
    [cli, '-i', join(root, 'out'), '-o', sarif, '-r', '-v', 'false', '-e', electronVersion],
    { stdio: ['ignore', 'ignore', 'pipe'], cwd: root },
  )
} catch (e) {
  fail(2, `electronegativity did not run: ${e.stderr?.toString() || e.message}`)
}
if (!existsSync(sarif)) fail(2, 'electronegativity wrote no result file.')

const results = JSON.parse(readFileSync(sarif, 'utf8')).runs?.[0]?.results ?? []
rmSync(work, { recursive: true, force: true })
const findings = results.map((r) => {
  const location = r.locations?.[0]?.physicalLocation
  return {
    check: r.ruleId,
    file: (location?.artifactLocation?.uri ?? '?').replace(/^out\//, ''),
    line: location?.region?.startLine ?? 0,
    message: r.message?.text ?? '',
  }
})

const accepted = JSON.parse(readFileSync(acceptedPath, 'utf8'))
for (const a of accepted) {
  if (!a.check || !a.file || typeof a.reason !== 'string' || a.reason.trim().length < 20) {
    fail(2, `accepted finding ${JSON.stringify(a)} needs check, file and a reason (a sentence).`)
  }
}
const isAccepted = (f) => accepted.find((a) => a.check === f.check && a.file === f.file)
const open = findings.filter((f) => !isAccepted(f))
const stale = accepted.filter((a) => !findings.some((f) => f.check === a.check && f.file === a.file))

console.log(
  `security-scan: Electronegativity (Electron ${electronVersion}): ${findings.length} finding(s), ` +
    `${findings.length - open.length} accepted, ${open.length} not accepted.`,
)
for (const a of stale) console.log(`  note: accepted ${a.check} in ${a.file} no longer occurs; remove it.`)
for (const f of open) console.error(`  ${f.check} ${f.file}:${f.line} ${f.message}`)
if (open.length > 0) {
  fail(1, `fix these or list them with a reason in ${acceptedPath.slice(root.length + 1)}.`)
}
