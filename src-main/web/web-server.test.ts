import { request, type IncomingHttpHeaders } from 'node:http'
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inProcessEngineFork } from '../../test/helpers/in-process-engine'
import { StudioCore } from '../core/studio-core'
import type { Envelope } from '../../src-shared/contract'
import { uploadParts, uploadUrl } from '../../src-shared/upload-parts'
import { COLLECT_EVERY_BYTES } from './upload-memory'
import { WebServer } from './web-server'

const TOKEN = 'a'.repeat(48)
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
let dir: string
let server: WebServer
let core: StudioCore
let port: number

interface Reply {
  status: number
  headers: IncomingHttpHeaders
  body: string
}

/** A raw HTTP request: the path goes out exactly as written (no URL normalization), headers as given. */
function send(
  method: string,
  path: string,
  headers: Record<string, string | number> = {},
  body?: string | Buffer,
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, method, path, headers: { host: `127.0.0.1:${port}`, ...headers } },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        )
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}
const api = (name: string, payload: unknown, headers: Record<string, string> = {}) =>
  send(
    'POST',
    `/api/${name}`,
    { 'x-mle-token': TOKEN, 'content-type': 'application/json', ...headers },
    JSON.stringify(payload),
  )

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mle-web-'))
  await mkdir(join(dir, 'renderer', 'assets'), { recursive: true })
  await writeFile(join(dir, 'renderer', 'index.html'), '<!doctype html><title>MLE</title>')
  await writeFile(join(dir, 'renderer', 'assets', 'app.js'), 'console.log(1)')
  await writeFile(join(dir, 'secret.txt'), 'TOP SECRET')
  await mkdir(join(dir, 'renderer-evil'))
  await writeFile(join(dir, 'renderer-evil', 'x.txt'), 'SIBLING SECRET')
  await writeFile(join(dir, 'icon.png'), PNG_MAGIC)
  core = new StudioCore({ fork: inProcessEngineFork().fork, emit: (e) => server.broadcast(e) })
  server = new WebServer({
    core,
    rendererDir: join(dir, 'renderer'),
    token: TOKEN,
    maxUploadBytes: 1024,
    iconPath: join(dir, 'icon.png'),
  })
  const url = await server.listen(0)
  port = Number(new URL(url).port)
})
afterAll(async () => {
  core.dispose()
  await server.close()
  await rm(dir, { recursive: true, force: true })
})

describe('browser mode: network exposure', () => {
  it('listens on the loopback address only, and prints a URL with the token', () => {
    const address = (server as unknown as { server: { address(): { address: string } } }).server.address()
    expect(address.address).toBe('127.0.0.1')
  })
})

describe('browser mode: token', () => {
  it('serves the page without a token but refuses API calls without one (401)', async () => {
    expect((await send('GET', '/')).status).toBe(200)
    const r = await send('POST', '/api/engine:list-distributions', {}, 'null')
    expect(r.status).toBe(401)
  })
  it.each([
    ['a wrong token', 'b'.repeat(48)],
    ['a prefix of the token', TOKEN.slice(0, 10)],
    ['the token plus more', `${TOKEN}x`],
  ])('refuses %s (403)', async (_what, token) => {
    const r = await send('POST', '/api/engine:list-distributions', { 'x-mle-token': token }, 'null')
    expect(r.status).toBe(403)
  })
  it('does not take the token from the query string for calls (only for the event stream)', async () => {
    const r = await send('POST', `/api/engine:list-distributions?token=${TOKEN}`, {}, 'null')
    expect(r.status).toBe(401)
    const events = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path: `/api/events?token=${TOKEN}`,
          headers: { host: `127.0.0.1:${port}` },
        },
        (res) => {
          resolve(res.statusCode ?? 0)
          req.destroy()
        },
      )
      req.on('error', (e) => (String(e).includes('socket hang up') ? undefined : reject(e)))
      req.end()
    })
    expect(events).toBe(200)
  })
  it('answers a call with the right token', async () => {
    const r = await api('engine:list-distributions', null)
    expect(r.status).toBe(200)
    expect(JSON.parse(r.body)).toMatchObject({ ok: true })
  })
})

describe('browser mode: Host and Origin (DNS rebinding, cross-site)', () => {
  it.each([
    ['a rebinding host name', { host: 'evil.example:PORT' }],
    ['localhost instead of the address', { host: 'localhost:PORT' }],
    ['another port', { host: '127.0.0.1:1' }],
    ['no port', { host: '127.0.0.1' }],
  ])('refuses %s even with the token (403)', async (_what, h) => {
    const host = h.host.replace('PORT', String(port))
    const r = await send('POST', '/api/engine:list-distributions', { host, 'x-mle-token': TOKEN }, 'null')
    expect(r.status).toBe(403)
    const page = await send('GET', '/', { host })
    expect(page.status).toBe(403)
  })
  it.each([
    ['another site', { origin: 'https://evil.example' }],
    ['the null origin of a sandboxed frame', { origin: 'null' }],
    ['localhost on our port', { origin: 'http://localhost:PORT' }],
    ['a cross-site fetch label', { 'sec-fetch-site': 'cross-site' }],
  ])('refuses a request from %s (403)', async (_what, h) => {
    const headers = Object.fromEntries(
      Object.entries(h).map(([k, v]) => [k, v.replace('PORT', String(port))]),
    )
    const r = await api('engine:list-distributions', null, headers)
    expect(r.status).toBe(403)
  })
  it('accepts its own origin', async () => {
    const r = await api('engine:list-distributions', null, {
      origin: `http://127.0.0.1:${port}`,
      'sec-fetch-site': 'same-origin',
    })
    expect(r.status).toBe(200)
  })
})

describe('browser mode: served paths', () => {
  it('serves the app with a strict CSP', async () => {
    const r = await send('GET', '/assets/app.js')
    expect(r.status).toBe(200)
    expect(r.headers['content-security-policy']).toContain("default-src 'none'")
    // The upload form posts to the server itself, into a frame of the page's own; nothing may frame the page.
    expect(r.headers['content-security-policy']).toContain("form-action 'self'; frame-src 'self'")
    expect(r.headers['content-security-policy']).toContain("frame-ancestors 'none'")
    expect(r.headers['x-content-type-options']).toBe('nosniff')
  })
  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E%2Fsecret.txt',
    '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    '/..%2fsecret.txt',
    '/..%5csecret.txt',
    '/%252e%252e%252fsecret.txt',
    '/.%2e/secret.txt',
    '/../renderer-evil/x.txt',
    '/%2e%2e/renderer-evil/x.txt',
    '//etc/passwd',
    '/%2fetc%2fpasswd',
    '/index.html%00.js',
    '/%c0%ae%c0%ae/secret.txt',
    '/%',
  ])('never serves a file outside the renderer folder: %s', async (path) => {
    const r = await send('GET', path)
    expect(r.status).toBe(404)
    expect(r.body).not.toMatch(/SECRET|root:/)
  })
  it('refuses other methods on static files', async () => {
    expect((await send('PUT', '/index.html', {}, 'x')).status).toBe(405)
  })
  it('serves the app icon as the favicon', async () => {
    const r = await send('GET', '/favicon.ico')
    expect(r.status).toBe(200)
    expect(r.headers['content-type']).toBe('image/png')
    expect(Buffer.from(r.body, 'latin1').subarray(1, 4).toString()).toBe('PNG')
  })
  it.each([
    ['the page', () => send('GET', '/')],
    ['an API answer', () => api('engine:list-distributions', null)],
    ['an API error', () => api('model:fit', { column: 1 })],
    ['a refusal', () => send('GET', '/nope')],
  ])('sends no Referer anywhere and forbids type sniffing: %s', async (_what, ask) => {
    const r = await ask()
    expect(r.headers['referrer-policy']).toBe('same-origin')
    expect(r.headers['x-content-type-options']).toBe('nosniff')
  })
})

describe('browser mode: request sizes', () => {
  it('refuses an upload whose declared size is over the limit (413) and stores nothing', async () => {
    const r = await send(
      'POST',
      '/api/upload?name=big.csv',
      { 'x-mle-token': TOKEN, 'content-length': 4096 },
      Buffer.alloc(4096, 0x31),
    ).catch(() => ({ status: 413, body: '' }) as Reply)
    expect(r.status).toBe(413)
    const uploads = (server as unknown as { uploadDir: string }).uploadDir
    expect(await readdir(uploads)).toEqual(['owner.json'])
  })
  it('stops a chunked upload that grows over the limit and keeps no partial file', async () => {
    const status = await new Promise<number>((resolve) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/api/upload?name=big.csv',
          headers: { host: `127.0.0.1:${port}`, 'x-mle-token': TOKEN, 'transfer-encoding': 'chunked' },
        },
        (res) => {
          res.resume()
          resolve(res.statusCode ?? 0)
        },
      )
      req.on('error', () => resolve(-1)) // the server may close the socket while we still write
      for (let i = 0; i < 8; i++) req.write(Buffer.alloc(512, 0x32))
      req.end()
    })
    expect([413, -1]).toContain(status)
    const uploads = (server as unknown as { uploadDir: string }).uploadDir
    await new Promise((r) => setTimeout(r, 50))
    expect(await readdir(uploads)).toEqual(['owner.json'])
  })
  it('accepts an upload under the limit and imports it under its own (sanitized) name', async () => {
    const r = await send(
      'POST',
      '/api/upload?name=..%2F..%2Fx%3Cy%3E.csv',
      { 'x-mle-token': TOKEN },
      'x\n1\n2\n3\n',
    )
    const envelope = JSON.parse(r.body) as {
      ok: boolean
      value: { fileName: string; rows: number; path: string }
    }
    expect(envelope.ok).toBe(true)
    expect(envelope.value.rows).toBe(3)
    expect(envelope.value.fileName).toBe('x_y_.csv')
    const uploads = (server as unknown as { uploadDir: string }).uploadDir
    expect(envelope.value.path.startsWith(uploads)).toBe(true)
  })
  it('imports an upload while it arrives: a body sent in pieces is read whole, every row', async () => {
    const rows = Array.from({ length: 120 }, (_, i) => `${i},${i % 7}`).join('\n')
    const body = Buffer.from(`a,b\n${rows}\n`)
    const reply = new Promise<Reply>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/api/upload?name=pieces.csv',
          headers: { host: `127.0.0.1:${port}`, 'x-mle-token': TOKEN, 'content-length': body.length },
        },
        (res) => {
          const chunks: Buffer[] = []
          res.on('data', (c: Buffer) => chunks.push(c))
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: chunks.join('') }),
          )
        },
      )
      req.on('error', reject)
      // The second half comes only after the engine has had time to start on the first.
      req.write(body.subarray(0, body.length >> 1))
      setTimeout(() => req.end(body.subarray(body.length >> 1)), 150)
    })
    const envelope = JSON.parse((await reply).body) as { ok: boolean; value: { rows: number } }
    expect(envelope).toMatchObject({ ok: true, value: { rows: 120 } })
  })
  it("an upload is the work of the page that sends it: another page's Cancel leaves it, its own stops it", async () => {
    const page = (id: string) => ({ 'x-mle-token': TOKEN, 'x-mle-page': id })
    const reply = new Promise<Reply>((resolve, reject) => {
      const headers = { host: `127.0.0.1:${port}`, ...page('page-a'), 'content-length': 1000 }
      const req = request({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/upload?name=a.csv',
        headers,
      })
      req.on('response', (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: chunks.join('') }),
        )
      })
      req.on('error', reject)
      // Half the file: the import waits for the rest, which comes only after the cancel.
      req.write(`x\n${'1\n'.repeat(200)}`)
      const cancel = async () => {
        const other = async () =>
          JSON.parse((await api('task:cancel', null, page('page-b'))).body) as Envelope<unknown>
        // Until the import has started: then page b's Cancel finds it running, and leaves it.
        let answer = await other()
        for (let i = 0; i < 200 && JSON.stringify(answer).includes('"elsewhere":0'); i++)
          answer = await other()
        expect(answer).toEqual({ ok: true, value: { stopped: 0, elsewhere: 1 } })
        const own = JSON.parse((await api('task:cancel', null, page('page-a'))).body) as Envelope<unknown>
        expect(own).toEqual({ ok: true, value: { stopped: 1, elsewhere: 0 } })
        req.end(`${'2\n'.repeat(299)}`)
      }
      void cancel().catch(reject)
    })
    expect(JSON.parse((await reply).body)).toMatchObject({ ok: false, error: { name: 'CancelledError' } })
    const bad = await api('task:cancel', null, page('not a page'))
    expect(bad.status).toBe(400)
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { message: /page id/ } })
  })
  it('an upload cut off half way leaves no file and the server goes on', async () => {
    const uploads = (server as unknown as { uploadDir: string }).uploadDir
    const before = await readdir(uploads)
    await new Promise<void>((resolve) => {
      const req = request({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/upload?name=cut.csv',
        headers: { host: `127.0.0.1:${port}`, 'x-mle-token': TOKEN, 'content-length': 1000 },
      })
      req.on('error', () => resolve())
      req.write(`x\n${'1\n'.repeat(200)}`)
      setTimeout(() => {
        req.destroy()
        resolve()
      }, 150)
    })
    for (let i = 0; i < 100 && (await readdir(uploads)).length > before.length; i++) {
      await new Promise((r) => setTimeout(r, 20))
    }
    expect(await readdir(uploads)).toEqual(before)
    const r = await send('POST', '/api/upload?name=next.csv', { 'x-mle-token': TOKEN }, 'x\n1\n2\n')
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, value: { rows: 2 } })
  })
  it('a bad upload is a clear message and its copy is removed', async () => {
    const uploads = (server as unknown as { uploadDir: string }).uploadDir
    const before = await readdir(uploads)
    const r = await send('POST', '/api/upload?name=table.xlsx', { 'x-mle-token': TOKEN }, 'x\n1\n2\n')
    const envelope = JSON.parse(r.body) as { ok: boolean; error: { message: string } }
    expect(envelope.ok).toBe(false)
    expect(envelope.error.message).toMatch(/table\.xlsx is named \.xlsx but is not a spreadsheet/)
    expect(await readdir(uploads)).toEqual(before)
  })
  it('refuses a JSON body over 1 MB for ordinary calls (413), naming the limit', async () => {
    const r = await api('column:get-summary', { column: 'x'.repeat(2 * 1024 * 1024) }).catch(
      () => ({ status: 413, body: '' }) as Reply,
    )
    expect(r.status).toBe(413)
    if (r.body) expect(r.body).toContain('over the limit of 1.0 MB (1,048,576 bytes)')
  })
  it('names the real upload limit in the 413 answer', async () => {
    const r = await send(
      'POST',
      '/api/upload?name=big.csv',
      { 'x-mle-token': TOKEN, 'content-length': 2048 },
      Buffer.alloc(2048, 0x31),
    ).catch(() => ({ status: 413, body: '' }) as Reply)
    expect(r.status).toBe(413)
    if (r.body)
      expect(JSON.parse(r.body).error.message).toBe(
        'The upload is too large: 2.0 KB, over the limit of 1.0 KB (1,024 bytes).',
      )
  })
  it('refuses a body nested too deeply or with too many keys before parsing it (400)', async () => {
    const deep = await send(
      'POST',
      '/api/session:autosave',
      { 'x-mle-token': TOKEN },
      '['.repeat(5000) + ']'.repeat(5000),
    )
    expect(deep.status).toBe(400)
    expect(JSON.parse(deep.body).error.message).toMatch(/nested more than 16 levels/)
  })
  it('refuses malformed and invalid payloads with 400 and a message', async () => {
    const bad = await send('POST', '/api/model:fit', { 'x-mle-token': TOKEN }, '{not json')
    expect(bad.status).toBe(400)
    const invalid = await api('model:fit', { column: 'x', dist: 'Normal!' })
    expect(invalid.status).toBe(400)
    expect(JSON.parse(invalid.body)).toMatchObject({ ok: false, error: { name: 'ValidationError' } })
    const unknown = await api('fs:read-file', { path: '/etc/passwd' })
    expect(unknown.status).toBe(400)
  })
  it('has no test hook unless asked for', async () => {
    const r = await send('GET', '/api/test/engine-pid', { 'x-mle-token': TOKEN })
    expect(r.status).toBe(405)
  })
})

describe('browser mode: every route answers, whatever a handler does', () => {
  it('a result that cannot be serialised is a 500 with a message, and the server goes on', async () => {
    const circular: Record<string, unknown> = {}
    circular['self'] = circular
    const broken = {
      ...core,
      handlers: { ...core.handlers, 'workspace:get': () => Promise.resolve(circular) },
    } as unknown as StudioCore
    const other = new WebServer({ core: broken, rendererDir: join(dir, 'renderer'), token: TOKEN })
    const url = new URL(await other.listen(0))
    const ask = (name: string) =>
      fetch(`${url.origin}/api/${name}`, {
        method: 'POST',
        headers: { 'x-mle-token': TOKEN },
        body: 'null',
      })
    try {
      const r = await ask('workspace:get')
      expect(r.status).toBe(500)
      expect(await r.json()).toMatchObject({
        ok: false,
        error: { name: 'InternalError', message: /could not be encoded/ },
      })
      expect((await ask('engine:list-distributions')).status).toBe(200)
    } finally {
      await other.close()
    }
  })
})

describe('browser mode: memory during an upload', () => {
  it('frees the written chunks every few MB while a large upload arrives, and imports it whole', async () => {
    let collections = 0
    const other = new WebServer({
      core,
      rendererDir: join(dir, 'renderer'),
      token: TOKEN,
      collectGarbage: () => collections++,
    })
    const url = new URL(await other.listen(0))
    // 2.5 x COLLECT_EVERY_BYTES of rows: two collections while it arrives.
    const rows = 2.5 * (COLLECT_EVERY_BYTES / 8)
    const body = Buffer.from(`x\n${'1234567\n'.repeat(rows)}`)
    try {
      const r = await fetch(`${url.origin}/api/upload?name=large.csv`, {
        method: 'POST',
        headers: { 'x-mle-token': TOKEN },
        body,
      })
      expect(await r.json()).toMatchObject({ ok: true, value: { rows, fileName: 'large.csv' } })
      expect(collections).toBe(2)
    } finally {
      await other.close()
    }
  })
})

describe('browser mode: an upload in parts', () => {
  const PART = 64
  let parted: WebServer
  let origin: string
  const rows = Array.from({ length: 100 }, (_, i) => `${i},${i % 3}`).join('\n')
  const file = Buffer.from(`a,b\n${rows}\n`)
  const parts = uploadParts(file.length, PART)
  const base = (id: string, name = 'parts.csv') => ({ name, id, size: file.length })
  const post = (url: string, body?: Buffer) =>
    fetch(url, { method: 'POST', headers: { 'x-mle-token': TOKEN }, body }).then(async (r) => ({
      status: r.status,
      envelope: (await r.json()) as Envelope<unknown>,
    }))
  const sendPart = (id: string, k: number, body = file, name?: string) =>
    post(
      uploadUrl(origin, { ...base(id, name), part: k }),
      body.subarray(parts[k].offset, parts[k].offset + parts[k].bytes),
    )
  const uploadsNow = () => readdir((parted as unknown as { uploadDir: string }).uploadDir)

  beforeAll(async () => {
    parted = new WebServer({ core, rendererDir: join(dir, 'renderer'), token: TOKEN, uploadPartBytes: PART })
    origin = new URL(await parted.listen(0)).origin
  })
  afterAll(() => parted.close())

  it('imports the parts whichever order they come in, and keeps only the file', async () => {
    expect(parts.length).toBeGreaterThan(4)
    const answer = post(uploadUrl(origin, base('order-1')))
    const order = parts.map((_, k) => k).reverse()
    const stored = await Promise.all(order.map((k) => sendPart('order-1', k)))
    expect(stored.every((r) => r.envelope.ok && r.envelope.value === null)).toBe(true)
    const r = await answer
    expect(r.envelope).toMatchObject({ ok: true, value: { rows: 100, fileName: 'parts.csv' } })
    const folders = await uploadsNow()
    expect(folders.filter((f) => f.endsWith('.arrived'))).toEqual([])
  })
  it('works when a part comes before the request that answers', async () => {
    const first = await sendPart('early-1', 0)
    expect(first.envelope.ok).toBe(true)
    const answer = post(uploadUrl(origin, base('early-1')))
    await Promise.all(parts.slice(1).map((_, k) => sendPart('early-1', k + 1)))
    expect((await answer).envelope).toMatchObject({ ok: true, value: { rows: 100 } })
  })
  it('answers a request that comes only after the parts were all imported', async () => {
    await Promise.all(parts.map((_, k) => sendPart('late-1', k)))
    // The progress file goes once the import has answered: the upload has ended.
    for (let i = 0; i < 200 && (await uploadsNow()).some((f) => f.endsWith('.arrived')); i++) {
      await new Promise((r) => setTimeout(r, 10))
    }
    expect((await uploadsNow()).filter((f) => f.endsWith('.arrived'))).toEqual([])
    const r = await post(uploadUrl(origin, base('late-1')))
    expect(r.envelope).toMatchObject({ ok: true, value: { rows: 100 } })
  })
  it('refuses a part of the wrong length, a part sent twice, a bad id and a size over the limit', async () => {
    const answer = post(uploadUrl(origin, base('refuse-1')))
    const short = await post(uploadUrl(origin, { ...base('refuse-1'), part: 0 }), file.subarray(0, 10))
    expect(short.status).toBe(400)
    expect(short.envelope).toMatchObject({
      ok: false,
      error: { message: /Part 0 of the upload must have 64 bytes/ },
    })
    await Promise.all(parts.map((_, k) => sendPart('refuse-1', k)))
    expect((await answer).envelope).toMatchObject({ ok: true, value: { rows: 100 } })
    const twice = await sendPart('refuse-1', 1)
    expect(twice.envelope).toMatchObject({ ok: false, error: { message: /This upload has ended already/ } })
    const badId = await post(uploadUrl(origin, { ...base('../x'), part: 0 }), file.subarray(0, PART))
    expect(badId.status).toBe(400)
    const huge = await post(uploadUrl(origin, { name: 'x.csv', id: 'huge-1', size: 3 * 1024 ** 3 }))
    expect(huge.status).toBe(413)
    const beyondAnswer = post(uploadUrl(origin, base('beyond-1')))
    const beyond = await sendPart('beyond-1', 0)
    expect(beyond.envelope.ok).toBe(true)
    const noPart = await post(uploadUrl(origin, { ...base('beyond-1'), part: parts.length }), Buffer.alloc(0))
    expect(noPart.envelope).toMatchObject({ ok: false, error: { message: /This upload has no part/ } })
    await Promise.all(parts.slice(1).map((_, k) => sendPart('beyond-1', k + 1)))
    expect((await beyondAnswer).envelope).toMatchObject({ ok: true, value: { rows: 100 } })
  })
  it('a part cut off fails the import with that reason, and removes the upload', async () => {
    const before = await uploadsNow()
    const answer = post(uploadUrl(origin, base('cut-1')))
    await sendPart('cut-1', 0)
    const second = new URL(uploadUrl(origin, { ...base('cut-1'), part: 1 }))
    await new Promise<void>((resolve) => {
      const req = request({
        host: '127.0.0.1',
        port: Number(second.port),
        method: 'POST',
        path: second.pathname + second.search,
        headers: { host: second.host, 'x-mle-token': TOKEN, 'content-length': PART },
      })
      req.on('error', () => resolve())
      req.write(file.subarray(PART, PART + 10))
      setTimeout(() => {
        req.destroy()
        resolve()
      }, 100)
    })
    expect((await answer).envelope).toMatchObject({
      ok: false,
      error: { message: 'The upload was cut off before it ended.' },
    })
    expect(await uploadsNow()).toEqual(before)
    const late = await sendPart('cut-1', 2)
    expect(late.envelope.ok).toBe(false)
  })
  it('a page that could not read a part ends the upload at once, and the import answers why', async () => {
    const before = await uploadsNow()
    const answer = post(uploadUrl(origin, base('unread-1')))
    await sendPart('unread-1', 0)
    const told = await post(uploadUrl(origin, { ...base('unread-1'), unreadable: true }))
    expect(told.envelope).toMatchObject({ ok: true, value: null })
    expect((await answer).envelope).toMatchObject({
      ok: false,
      error: { message: /The browser could not read parts\.csv while sending it .*Open it again\./ },
    })
    expect(await uploadsNow()).toEqual(before)
  })
  it('a file the import refuses ends the upload: the parts still coming are refused, and nothing is kept', async () => {
    const before = await uploadsNow()
    const answer = post(uploadUrl(origin, base('bad-1', 'table.xlsx')))
    await sendPart('bad-1', 0, file, 'table.xlsx')
    expect((await answer).envelope).toMatchObject({
      ok: false,
      error: { message: /table\.xlsx is named \.xlsx but is not a spreadsheet/ },
    })
    const rest = await Promise.all(parts.slice(1).map((_, k) => sendPart('bad-1', k + 1, file, 'table.xlsx')))
    expect(rest.every((r) => !r.envelope.ok)).toBe(true)
    expect(await uploadsNow()).toEqual(before)
  })
})

describe('browser mode: an upload in its form', () => {
  const rows = Array.from({ length: 100 }, (_, i) => `${i},${i % 3}`).join('\n')
  const file = Buffer.from(`a,b\n${rows}\n`)
  let formServer: WebServer
  let origin: string
  const query = (id: string, size = file.length) => ({ name: 'form.csv', id, size, form: true as const })
  const answerOf = (id: string, size?: number) =>
    fetch(uploadUrl(origin, query(id, size)), { method: 'POST', headers: { 'x-mle-token': TOKEN } }).then(
      async (r) => (await r.json()) as Envelope<unknown>,
    )
  /** Posts `content` as the page's form does: one file field, the token in the query. */
  const postForm = (id: string, content: Buffer, token = TOKEN, size?: number) => {
    const body = new FormData()
    body.append('file', new Blob([content]), 'form.csv')
    const url = `${uploadUrl(origin, { ...query(id, size), part: 0 })}&token=${token}`
    return fetch(url, { method: 'POST', body })
  }
  const uploadsNow = () => readdir((formServer as unknown as { uploadDir: string }).uploadDir)

  beforeAll(async () => {
    formServer = new WebServer({ core, rendererDir: join(dir, 'renderer'), token: TOKEN })
    origin = new URL(await formServer.listen(0)).origin
  })
  afterAll(() => formServer.close())

  it('imports the file in the form, every row and no framing; the form itself gets an empty answer', async () => {
    const answer = answerOf('form-1')
    const posted = await postForm('form-1', file)
    expect(posted.status).toBe(204)
    expect(await posted.text()).toBe('')
    expect(await answer).toMatchObject({ ok: true, value: { rows: 100, fileName: 'form.csv' } })
    const summary = await api('column:get-summary', { column: 'a' })
    expect(JSON.parse(summary.body)).toMatchObject({ ok: true, value: { n: 100, mean: 49.5 } })
    expect((await uploadsNow()).filter((f) => f.endsWith('.arrived'))).toEqual([])
  })

  it('takes the token from the query for the form only', async () => {
    const refused = await postForm('form-2', file, 'b'.repeat(48))
    expect(refused.status).toBe(403)
    const plain = await fetch(`${uploadUrl(origin, { name: 'x.csv' })}&token=${TOKEN}`, {
      method: 'POST',
      body: file,
    })
    expect(plain.status).toBe(401)
  })

  it('a form that is not the declared file fails the import with a message, and nothing is kept', async () => {
    const before = await uploadsNow()
    const answer = answerOf('form-3', file.length + 5)
    await postForm('form-3', file, TOKEN, file.length + 5)
    expect(await answer).toMatchObject({
      ok: false,
      error: { message: /cut off|not one file field of the declared size/ },
    })
    expect(await uploadsNow()).toEqual(before)
  })

  it("the form's upload is the work of the page its query names: another page's Cancel leaves it", async () => {
    const boundary = 'b0undary'
    const content = Buffer.from(`x\n${'1\n'.repeat(500)}`)
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="f.csv"\r\n\r\n`
    const body = Buffer.concat([Buffer.from(head), content, Buffer.from(`\r\n--${boundary}--\r\n`)])
    const url = new URL(
      `${uploadUrl(origin, { ...query('form-5', content.length), part: 0 })}&token=${TOKEN}&page=page-f`,
    )
    const req = request({
      host: '127.0.0.1',
      port: Number(url.port),
      method: 'POST',
      path: url.pathname + url.search,
      headers: {
        host: url.host,
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': body.length,
      },
    })
    req.on('error', () => undefined)
    // Half the form first: the import (started by the form, no answer request yet) waits for the rest.
    req.write(body.subarray(0, body.length >> 1))
    const cancelBy = async (page: string) =>
      JSON.parse((await api('task:cancel', null, { 'x-mle-page': page })).body) as Envelope<unknown>
    let other = await cancelBy('page-g')
    for (let i = 0; i < 200 && JSON.stringify(other).includes('"elsewhere":0'); i++) {
      other = await cancelBy('page-g')
    }
    expect(other).toEqual({ ok: true, value: { stopped: 0, elsewhere: 1 } })
    expect(await cancelBy('page-f')).toEqual({ ok: true, value: { stopped: 1, elsewhere: 0 } })
    req.end(body.subarray(body.length >> 1))
    expect(await answerOf('form-5', content.length)).toMatchObject({
      ok: false,
      error: { name: 'CancelledError' },
    })
  })

  it('a page that says it could not send the file after all of it came is not believed', async () => {
    const answer = answerOf('form-4')
    await postForm('form-4', file)
    const told = await fetch(uploadUrl(origin, { ...query('form-4'), unreadable: true }), {
      method: 'POST',
      headers: { 'x-mle-token': TOKEN },
    })
    expect(told.status).toBe(200)
    expect(await answer).toMatchObject({ ok: true, value: { rows: 100 } })
  })
})
