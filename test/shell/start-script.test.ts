import { spawn } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT } from './driver'

/** Runs `npm start` (scripts/start.mjs) where there is no Electron, with a stand-in xdg-open that records. */
async function startBrowserMode(extraArgs: string[], env: Record<string, string | undefined>) {
  const bin = mkdtempSync(join(tmpdir(), 'mle-open-'))
  const record = join(bin, 'opened.txt')
  writeFileSync(join(bin, 'xdg-open'), `#!/bin/sh\necho "$@" >> "${record}"\n`)
  chmodSync(join(bin, 'xdg-open'), 0o755)
  const base: Record<string, string | undefined> = { ...process.env, CI: undefined, VITEST: undefined }
  const child = spawn(process.execPath, [join(ROOT, 'scripts/start.mjs'), ...extraArgs], {
    cwd: ROOT,
    env: {
      ...base,
      PATH: `${bin}:${process.env['PATH']}`,
      ELECTRON_OVERRIDE_DIST_PATH: '/nonexistent',
      MLE_STUDIO_DATA_DIR: mkdtempSync(join(tmpdir(), 'mle-data-')),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  child.stdout.on('data', (d: Buffer) => (out += d.toString()))
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL printed: ${out}`)), 30_000)
    child.stdout.on('data', () => {
      const m = /http:\/\/127\.0\.0\.1:\d+\/\?token=\w+/.exec(out)
      if (m) {
        clearTimeout(timer)
        resolve(m[0])
      }
    })
  })
  // Give the opener time to run (it is spawned right after the URL line).
  await new Promise((r) => setTimeout(r, 500))
  child.kill('SIGTERM')
  await new Promise((r) => child.on('exit', r))
  return { url, out, opened: existsSync(record) ? readFileSync(record, 'utf8').trim() : null }
}

describe('npm start without Electron', () => {
  it('starts browser mode and opens the printed URL, token included, in the default browser', async () => {
    const run = await startBrowserMode([], { DISPLAY: ':0' })
    expect(run.out).toMatch(/Electron is not available here .*starting browser mode instead/)
    expect(run.opened).toBe(run.url)
  })

  it('opens nothing with --no-open, nor in CI', async () => {
    expect((await startBrowserMode(['--no-open'], { DISPLAY: ':0' })).opened).toBeNull()
    const ci = await startBrowserMode([], { DISPLAY: ':0', CI: 'true' })
    expect(ci.opened).toBeNull()
    expect(ci.out).toMatch(/not opening a browser under CI/)
  })
})
