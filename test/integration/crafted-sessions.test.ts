import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SessionOpened } from '../../src-shared/contract'
import { snapshot } from '../helpers/sessions'
import { startBrowserMode, WEB_ENTRY as WEB, type BrowserMode } from '../helpers/processes'

/**
 * Browser mode (the built `node out/main/web.js`) against crafted session files, as a hostile file or a
 * careless edit would make them: the server answers every one with a clear outcome, never hangs or reads
 * what the user did not choose, keeps answering other requests meanwhile, and never crashes.
 */

let dir: string
let csv: string
let app: BrowserMode
let origin: string
let token: string

beforeAll(async () => {
  if (!existsSync(WEB)) throw new Error(`${WEB} is missing: run "npx electron-vite build" first.`)
  dir = await mkdtemp(join(tmpdir(), 'mle-crafted-'))
  csv = join(dir, 'measurements.csv')
  await writeFile(csv, 'x,y\n1.5,2\n2.5,3\n3.25,5\n4,7\n5.5,11\n')
  app = await startBrowserMode([csv], { MLE_STUDIO_DATA_DIR: join(dir, 'userdata') })
  origin = app.url.origin
  token = app.token
  await call('workspace:get')
})
afterAll(async () => {
  app?.process.kill('SIGKILL')
  await rm(dir, { recursive: true, force: true })
})

async function post(name: string, payload: unknown = null): Promise<Response> {
  return fetch(`${origin}/api/${name}`, {
    method: 'POST',
    headers: { 'x-mle-token': token, 'content-type': 'application/json' },
    body: typeof payload === 'string' ? payload : JSON.stringify(payload),
  })
}

async function call<T>(name: string, payload: unknown = null): Promise<T> {
  const envelope = (await (await post(name, payload)).json()) as {
    ok: boolean
    value: T
    error?: { name: string; message: string }
  }
  if (!envelope.ok) throw Object.assign(new Error(envelope.error!.message), { name: envelope.error!.name })
  return envelope.value
}

/** A session saved by the server itself, then `edit`ed as a crafted file would be. */
async function crafted(edit: (file: Record<string, unknown>) => void = () => undefined): Promise<string> {
  const { text } = await call<{ text: string }>('session:export', snapshot())
  const file = JSON.parse(text) as Record<string, unknown>
  edit(file)
  return JSON.stringify(file)
}

const naming = (path: string) => (f: Record<string, unknown>) =>
  (f['source'] = { ...(f['source'] as object), path, fileName: 'innocent.csv' })

const open = (text: string) => call<SessionOpened>('session:open', { text })

describe('browser mode survives every crafted session', () => {
  it('5,000 nested arrays in a result (~10 KB): a SessionError, then business as usual', async () => {
    const nested = '['.repeat(5000) + ']'.repeat(5000)
    const text = (await crafted((f) => (f['results'] = ['NESTED']))).replace('"NESTED"', nested)
    await expect(open(text)).rejects.toMatchObject({
      name: 'SessionError',
      message: /nested more than 16 levels deep/,
    })
    expect((await call<{ n: number }>('column:get-summary', { column: 'x' })).n).toBe(5)
  })

  it('/etc/passwd as the source: not imported; the real path is named and the user is asked', async () => {
    const opened = await open(await crafted(naming('/etc/passwd')))
    expect(opened).toMatchObject({ sourceStatus: 'unconfirmed', confirmPath: '/etc/passwd', dataset: null })
    expect(opened.sourceMessage).toContain('/etc/passwd')
    // The open dataset is still the one the user chose.
    expect((await call<{ n: number }>('column:get-summary', { column: 'x' })).n).toBe(5)
  })

  it('FIFOs (five at once), /dev/zero and a folder: refused at once, other requests answered meanwhile', async () => {
    const fifos = await Promise.all(
      [1, 2, 3, 4, 5].map(async (i) => {
        const path = join(dir, `pipe${i}.csv`)
        execFileSync('mkfifo', [path])
        return path
      }),
    )
    await mkdir(join(dir, 'folder.csv'))
    const texts = await Promise.all(
      [...fifos, '/dev/zero', join(dir, 'folder.csv')].map((p) => crafted(naming(p))),
    )
    const [opened, summary] = await Promise.all([
      Promise.all(texts.map(open)),
      call<{ n: number }>('column:get-summary', { column: 'y' }),
    ])
    expect(summary.n).toBe(5)
    expect(opened.map((o) => o.sourceStatus)).toEqual(Array(7).fill('refused'))
    expect(opened[0].sourceMessage).toMatch(/named pipe/)
    expect(opened[5].sourceMessage).toMatch(/system file in \/dev/)
    expect(opened[6].sourceMessage).toMatch(/folder/)
    // Nothing is left waiting on a pipe: a fit still answers.
    const fit = await call<{ params: Record<string, number> }>('model:fit', { column: 'x', dist: 'normal' })
    expect(fit.params['mu']).toBeCloseTo((1.5 + 2.5 + 3.25 + 4 + 5.5) / 5, 12)
  })

  it('a file not opened in this run is imported only after the user confirms it', async () => {
    const other = join(dir, 'other.csv')
    await writeFile(other, 'z\n1\n2\n3\n')
    const asked = await open(await crafted(naming(other)))
    expect(asked).toMatchObject({ sourceStatus: 'unconfirmed', confirmPath: other })
    const opened = await call<SessionOpened>('session:confirm-source', { path: other })
    // Its content differs from the session's hash (it was made from measurements.csv): said so.
    // Shown under its own name, whatever the session calls it.
    expect(opened).toMatchObject({ sourceStatus: 'changed', dataset: { fileName: 'other.csv', rows: 3 } })
  })

  it('a minimal-but-valid session (no source, no results) opens as it is', async () => {
    const opened = await open(await crafted((f) => (f['source'] = null)))
    expect(opened).toMatchObject({ sourceStatus: 'none', dataset: null, session: { results: [] } })
  })

  it('is still alive, with no unhandled rejection or half-sent answer on its error stream', async () => {
    expect(app.process.exitCode).toBeNull()
    expect(app.stderr()).not.toMatch(/Unhandled|ERR_HTTP_HEADERS_SENT|RangeError/)
    const page = await fetch(`${origin}/`)
    expect(page.headers.get('referrer-policy')).toBe('same-origin')
    const api = await post('engine:list-distributions')
    expect(api.headers.get('x-content-type-options')).toBe('nosniff')
    expect(api.headers.get('referrer-policy')).toBe('same-origin')
  })
})
