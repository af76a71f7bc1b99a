import { AsyncLocalStorage } from 'node:async_hooks'
import { readFile, rm } from 'node:fs/promises'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { isStudioCallName, PAGE_HEADER } from '../../src-shared/calls'
import type { Envelope, StudioEvent } from '../../src-shared/contract'
import { StudioError, toErrorInfo } from '../../src-shared/errors'
import { CONTRACT_JSON_LIMITS, jsonShapeProblem } from '../core/json-shape'
import { LARGE_BODY_CALLS, MAX_SESSION_CHARS, parsePageId } from '../core/payload-schemas'
import type { StudioCore } from '../core/studio-core'
import { BROWSER_CONTENT_SECURITY_POLICY } from '../core/content-security-policy'
import { checkOrigin, checkToken } from './http-guard'
import { readStatic } from './static-files'
import { createUploadRoot, removeStaleUploadRoots } from './upload-folders'
import { COLLECT_EVERY_BYTES, collectEvery, youngCollector } from './upload-memory'
import { tooLarge } from './upload-part'
import { Uploads } from './uploads'

export interface WebServerOptions {
  core: StudioCore
  /** Folder of the built renderer (out/renderer). */
  rendererDir: string
  token: string
  /** Largest accepted upload in bytes. */
  maxUploadBytes?: number
  /** JSON bodies are small; anything larger is refused (session calls allow MAX_SESSION_CHARS). */
  maxJsonBytes?: number
  /**
   * Test hook for end-to-end fault injection: `GET /api/test/engine-pid` answers the engine's process id
   * (token still required). Off unless the server is started with MLE_STUDIO_TEST_HOOKS=1.
   */
  testHooks?: boolean
  /** The app icon (PNG) served as `/favicon.ico`; none when absent or missing. */
  iconPath?: string
  /** Bytes per part of an upload sent in parts (default: the page's `UPLOAD_PART_BYTES`; smaller in tests). */
  uploadPartBytes?: number
  /** Where upload folders go (default: the OS temp folder). */
  tempDir?: string
  /**
   * Frees an upload's written chunks while it arrives (default: a young-generation collection, see
   * `youngCollector`); null never collects.
   */
  collectGarbage?: (() => void) | null
}

const HOST = '127.0.0.1'

/**
 * The page an upload request came from, for the import it starts (`core.open`): `Uploads` starts it from
 * whichever request of the upload comes first, deep in its own steps, so the page rides along with the
 * request rather than through each of them. Read only by the importers above, inside that request.
 */
const uploadingPage = new AsyncLocalStorage<string | undefined>()

/**
 * The page a request names (`PAGE_HEADER`; the upload form, which sets no header, in its `page` query), if
 * any (a ValidationError when it is no page id).
 */
function pageOf(req: IncomingMessage, url: URL): string | undefined {
  return parsePageId(
    isUploadForm(url) ? (url.searchParams.get('page') ?? undefined) : req.headers[PAGE_HEADER],
  )
}

/**
 * On every answer: no Referer leaves the app (it makes no request elsewhere), and no type is guessed from
 * content. Same-origin, not no-referrer: under 'no-referrer' a form's post says `Origin: null`, which the
 * origin check refuses.
 */
const COMMON_HEADERS = { 'Referrer-Policy': 'same-origin', 'X-Content-Type-Options': 'nosniff' }

/** A part of an upload sent by the page's form (`UploadQuery.form`). */
function isUploadForm(url: URL): boolean {
  return url.pathname === '/api/upload' && url.searchParams.has('form') && url.searchParams.has('part')
}

/** EventSource and a form cannot set headers: only the event stream and the upload form carry the token in their URL. */
function tokenInQuery(url: URL): boolean {
  return url.pathname === '/api/events' || isUploadForm(url)
}

/**
 * Browser mode: the built renderer and the core's API on 127.0.0.1 only. API calls are POSTs answering an
 * Envelope; events stream as Server-Sent Events. Every request must name our Host (DNS rebinding), and every
 * API request must carry the per-run token.
 */
export class WebServer {
  private readonly server: Server
  private readonly clients = new Set<ServerResponse>()
  private uploadDir: string | null = null
  private port = 0
  private readonly uploads: Uploads

  constructor(private readonly options: WebServerOptions) {
    const collectGarbage = options.collectGarbage === undefined ? youngCollector() : options.collectGarbage
    const core = options.core
    this.uploads = new Uploads({
      root: () => this.uploadDir!,
      limit: options.maxUploadBytes ?? 2 * 1024 ** 3,
      partBytes: options.uploadPartBytes,
      counter: () => collectEvery(COLLECT_EVERY_BYTES, collectGarbage),
      importArriving: (path, name, arriving) => core.open(path, name, {}, arriving, uploadingPage.getStore()),
      importStored: (path, name) => core.open(path, name, {}, undefined, uploadingPage.getStore()),
    })
    // Every rejection of a route ends in an answer (or a closed socket), never in an unhandled rejection.
    this.server = createServer((req, res) => {
      this.route(req, res).catch((e: unknown) => this.fail(res, e))
    })
  }

  /**
   * Starts listening (port 0 = any free port) and returns the URL with the token. Upload folders left by
   * servers that crashed or were killed are removed first (only ours: see `removeStaleUploadRoots`).
   */
  async listen(port = 0): Promise<string> {
    await removeStaleUploadRoots(this.options.tempDir)
    this.uploadDir = await createUploadRoot(this.options.tempDir)
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject)
      this.server.listen(port, HOST, () => resolve())
    })
    const address = this.server.address()
    this.port = typeof address === 'object' && address ? address.port : port
    return `http://${HOST}:${this.port}/?token=${this.options.token}`
  }

  /** Sends an event to every connected page. */
  broadcast(event: StudioEvent): void {
    const data = `data: ${JSON.stringify(event)}\n\n`
    for (const res of this.clients) res.write(data)
  }

  async close(): Promise<void> {
    for (const res of this.clients) res.end()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
    if (this.uploadDir) await rm(this.uploadDir, { recursive: true, force: true })
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const refusal = checkOrigin(req, HOST, this.port)
    if (refusal) return this.plain(res, refusal.status, refusal.reason)
    const url = new URL(req.url ?? '/', `http://${HOST}:${this.port}`)
    if (!url.pathname.startsWith('/api/')) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return this.plain(res, 405, 'Method not allowed')
      const file =
        url.pathname === '/favicon.ico'
          ? await this.icon()
          : await readStatic(this.options.rendererDir, url.pathname)
      if (!file) return this.plain(res, 404, 'Not found')
      res.writeHead(200, {
        ...COMMON_HEADERS,
        'Content-Type': file.type,
        'Content-Security-Policy': BROWSER_CONTENT_SECURITY_POLICY,
        'Cache-Control': 'no-store',
      })
      res.end(req.method === 'HEAD' ? undefined : file.body)
      return
    }
    const denied = checkToken(req, url, this.options.token, tokenInQuery(url))
    if (denied) return this.plain(res, denied.status, denied.reason)
    if (url.pathname === '/api/events' && req.method === 'GET') return this.events(req, res)
    if (this.options.testHooks && url.pathname === '/api/test/engine-pid' && req.method === 'GET') {
      return this.json(res, 200, { ok: true, value: this.options.core.engine.pid })
    }
    if (req.method !== 'POST') return this.plain(res, 405, 'Method not allowed')
    // The upload form's frame shows nothing: its answer is empty, and the import's answer says how it went.
    const form = isUploadForm(url)
    try {
      const value = await this.call(url, req)
      if (form) return this.noContent(res)
      this.json(res, 200, { ok: true, value })
    } catch (e) {
      const error = toErrorInfo(e)
      const status = error.name === 'ValidationError' ? 400 : error.name === 'PayloadTooLarge' ? 413 : 200
      if (status === 413) res.setHeader('Connection', 'close')
      if (form) return this.noContent(res)
      this.json(res, status, { ok: false, error })
    }
  }

  private noContent(res: ServerResponse): void {
    res.writeHead(204, COMMON_HEADERS)
    res.end()
  }

  /** Last resort for a route that threw: a 500 if nothing was sent yet, else the connection is cut. */
  private fail(res: ServerResponse, e: unknown): void {
    if (res.headersSent) {
      res.destroy()
      return
    }
    this.json(res, 500, { ok: false, error: { name: 'InternalError', message: toErrorInfo(e).message } })
  }

  /** The app icon as the page's favicon, when the build has one. */
  private async icon(): Promise<{ body: Buffer; type: string } | null> {
    if (!this.options.iconPath) return null
    const body = await readFile(this.options.iconPath).catch(() => null)
    return body && { body, type: 'image/png' }
  }

  /** `/api/upload?...` takes a file or a part of one (`Uploads`); `/api/<call name>` runs a StudioCall. */
  private async call(url: URL, req: IncomingMessage): Promise<unknown> {
    let name: string
    try {
      name = decodeURIComponent(url.pathname.slice('/api/'.length))
    } catch {
      name = ''
    }
    const page = pageOf(req, url)
    if (name === 'upload') return uploadingPage.run(page, () => this.uploads.handle(url.searchParams, req))
    if (!isStudioCallName(name)) throw new StudioError('ValidationError', `No API ${url.pathname}`)
    const run = this.options.core.handlers[name] as (payload: unknown, page?: string) => Promise<unknown>
    const limit = LARGE_BODY_CALLS.includes(name)
      ? MAX_SESSION_CHARS
      : (this.options.maxJsonBytes ?? 1024 * 1024)
    // The core validates the payload (a ValidationError is a 400 here).
    return run(await this.body(req, limit), page)
  }

  private async body(req: IncomingMessage, limit: number): Promise<unknown> {
    const chunks: Buffer[] = []
    let size = 0
    for await (const chunk of req) {
      size += (chunk as Buffer).length
      if (size > limit) throw tooLarge('The request', limit)
      chunks.push(chunk as Buffer)
    }
    const text = Buffer.concat(chunks).toString('utf8')
    const shape = jsonShapeProblem(text, CONTRACT_JSON_LIMITS)
    if (shape) throw new StudioError('ValidationError', `The request body is refused: ${shape}.`)
    try {
      return JSON.parse(text || 'null') as unknown
    } catch {
      throw new StudioError('ValidationError', 'Request body is not JSON.')
    }
  }

  private events(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, {
      ...COMMON_HEADERS,
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    })
    res.write(': connected\n\n')
    this.clients.add(res)
    req.on('close', () => this.clients.delete(res))
  }

  /**
   * Answers an envelope. The body is serialised before any header is written, so a value that cannot be
   * serialised (too deep, a cycle) becomes a 500 with a message instead of a half-sent answer.
   */
  private json(res: ServerResponse, status: number, envelope: Envelope<unknown>): void {
    let body: string
    try {
      body = JSON.stringify(envelope)
    } catch (e) {
      status = 500
      body = JSON.stringify({
        ok: false,
        error: { name: 'InternalError', message: `The answer could not be encoded: ${(e as Error).message}` },
      })
    }
    res.writeHead(status, {
      ...COMMON_HEADERS,
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
    })
    res.end(body)
  }

  private plain(res: ServerResponse, status: number, text: string): void {
    res.writeHead(status, { ...COMMON_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' })
    res.end(text)
  }
}
