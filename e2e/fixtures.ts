import { spawn, type ChildProcess } from 'node:child_process'
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { test as base, expect, type Page } from '@playwright/test'

const ROOT = join(__dirname, '..')

/** A browser-mode server started for one test, on its own temp copy of a CSV. */
export interface WebApp {
  /** Full URL with the per-run token. */
  url: string
  /** The temp folder holding this test's data files. */
  dataDir: string
  /** The server's own data folder (autosave, recovery): `<dataDir>/userdata`, never the user's ~/.config. */
  userData: string
  /** The `node out/main/web.js` process. */
  server: ChildProcess
  /** Starts over with another file (copied into dataDir first). */
  open(page: Page): Promise<void>
}

/** Copies a fixture into the test's folder, so tests never touch the originals. */
export function copyFixture(dataDir: string, fixture: string): string {
  const target = join(dataDir, basename(fixture))
  copyFileSync(fixture, target)
  return target
}

/**
 * Starts `node out/main/web.js --port 0 <csv>` and waits for the one line with its URL. Its data folder
 * (MLE_STUDIO_DATA_DIR) is inside the test's own folder: parallel runs and other tests never share
 * autosaves, and a second start in the same test (a restart) finds what the first left.
 */
export async function startWebApp(csv: string | null, dataDir: string): Promise<Omit<WebApp, 'open'>> {
  const args = [join(ROOT, 'out/main/web.js'), '--port', '0', ...(csv ? [csv] : [])]
  const userData = join(dataDir, 'userdata')
  const server = spawn(process.execPath, args, {
    env: { ...process.env, MLE_STUDIO_DATA_DIR: userData },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const url = await new Promise<string>((resolve, reject) => {
    let out = ''
    let err = ''
    const timer = setTimeout(() => reject(new Error(`browser mode did not start: ${out}${err}`)), 20_000)
    server.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const match = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+)/.exec(out)
      if (match) {
        clearTimeout(timer)
        resolve(match[1])
      }
    })
    server.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()))
    server.on('exit', (code) => reject(new Error(`browser mode exited with ${code}: ${out}${err}`)))
  })
  return { url, dataDir, userData, server }
}

/** `csvFixture` (test option) names the file browser mode opens; `app` is the running server. */
export const test = base.extend<{ csvFixture: string | null; app: WebApp }>({
  csvFixture: [join(__dirname, 'data/faithful.csv'), { option: true }],
  app: async ({ csvFixture }, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mle-e2e-'))
    const csv = csvFixture ? copyFixture(dataDir, csvFixture) : null
    const started = await startWebApp(csv, dataDir)
    await use({
      ...started,
      open: async (page) => {
        await page.goto(started.url)
        await expect(page.getByRole('heading', { name: 'MLE Studio' })).toBeVisible()
      },
    })
    started.server.kill()
    rmSync(dataDir, { recursive: true, force: true })
  },
})

export { expect }
