import type { IncomingMessage } from 'node:http'
import { mkdtemp, open, rm } from 'node:fs/promises'
import { basename, join } from 'node:path'
import type { DatasetInfo } from '../../src-shared/contract'
import { StudioError } from '../../src-shared/errors'
import { UPLOAD_PART_BYTES, unreadableUploadMessage } from '../../src-shared/upload-parts'
import { FORM_FRAMING_BYTES, formBoundary, formFile } from './form-body'
import { PartedUpload, type ImportArriving, type PartLayout } from './parted-upload'
import { receivePart, tooLarge } from './upload-part'

export interface UploadsOptions {
  /** The server's private upload folder (each upload gets a fresh folder in it). */
  root: () => string
  /** Largest accepted upload in bytes. */
  limit: number
  /** Bytes per part (the page's `UPLOAD_PART_BYTES`; smaller in tests). */
  partBytes?: number
  /** A fresh counter of one upload's received bytes (frees the written chunks now and then). */
  counter: () => (bytes: number) => void
  importArriving: ImportArriving
  /** Imports a file already stored whole (a body without a declared length). */
  importStored: (path: string, name: string) => Promise<DatasetInfo>
}

/** Ended uploads remembered (see `forgetOldest`). */
const ENDED_KEPT = 64

/**
 * Browser mode's `/api/upload` (the query is `UploadQuery` in `src-shared/upload-parts.ts`): a whole file in
 * one request, or an upload in parts with one more request that answers the import. Each upload is stored in
 * a fresh folder under the user's file name, so messages name the file they chose.
 */
export class Uploads {
  private readonly byId = new Map<string, { upload: Promise<PartedUpload>; ended: boolean }>()

  constructor(private readonly options: UploadsOptions) {}

  /** Answers the import (a whole file, or an upload's answer request), or null once a part is stored. */
  async handle(query: URLSearchParams, req: IncomingMessage): Promise<DatasetInfo | null> {
    const name = basename(query.get('name') ?? 'upload.csv').replace(/[^\w.\- ]/g, '_') || 'upload.csv'
    const id = query.get('id')
    if (id === null) return this.whole(name, req)
    if (!/^[\w-]{1,64}$/.test(id)) throw new StudioError('ValidationError', 'The upload id is not valid.')
    const size = this.size(query.get('size'))
    const form = query.has('form')
    const upload = await this.upload(id, name, size, form)
    if (query.has('unreadable')) {
      upload.unsent(unreadable(name))
      return null
    }
    const part = query.get('part')
    if (part === null) return answer(upload)
    const k = /^\d{1,9}$/.test(part) ? Number(part) : NaN
    if (form) await receiveForm(upload, k, req)
    else {
      upload.take(k, declaredLength(req))
      await upload.receive(k, req)
    }
    return null
  }

  /** A whole file in one body: imported while it arrives when its length is declared, else once stored. */
  private async whole(name: string, req: IncomingMessage): Promise<DatasetInfo> {
    const declared = declaredLength(req)
    if (declared === null) return this.stored(name, req)
    if (declared > this.options.limit) throw tooLarge('The upload', this.options.limit, declared)
    // One part, the whole body (a part size of at least 1, so an empty file is one empty part).
    const upload = await this.start(name, declared, { partBytes: Math.max(declared, 1), form: false })
    upload.take(0, declared)
    // The body is read to its end before the answer (a failed import discards the rest), so the page gets
    // the answer rather than a reset connection.
    await upload.receive(0, req).catch(() => undefined)
    return answer(upload)
  }

  /** A body of unknown length is stored first (up to the limit), then imported. */
  private async stored(name: string, req: IncomingMessage): Promise<DatasetInfo> {
    const folder = await mkdtemp(join(this.options.root(), 'upload-'))
    const path = join(folder, name)
    try {
      await (await open(path, 'wx', 0o600)).close()
      const received = this.options.counter()
      await receivePart(req, { path, offset: 0, limit: this.options.limit, received, written: () => {} }).done
      return await this.options.importStored(path, name)
    } catch (e) {
      req.resume()
      await rm(folder, { recursive: true, force: true }).catch(() => undefined)
      throw e
    }
  }

  /** The upload `id`: the one under way (or ended lately), or a new one started by its first request. */
  private async upload(id: string, name: string, size: number, form: boolean): Promise<PartedUpload> {
    const upload = await (this.byId.get(id)?.upload ?? this.begin(id, name, size, form))
    if (upload.name !== name || upload.size !== size || upload.form !== form) {
      throw new StudioError(
        'ValidationError',
        'The requests of this upload disagree on its name, size or form.',
      )
    }
    return upload
  }

  /** Starts upload `id`: in parts, or (`form`) the whole file in one form body, its part 0. */
  private begin(id: string, name: string, size: number, form: boolean): Promise<PartedUpload> {
    const partBytes = form ? Math.max(size, 1) : (this.options.partBytes ?? UPLOAD_PART_BYTES)
    const entry = { upload: this.start(name, size, { partBytes, form }), ended: false }
    this.byId.set(id, entry)
    const end = () => {
      entry.ended = true
      this.forgetOldest()
    }
    entry.upload.then((upload) => upload.imported.then(end, end), end)
    return entry.upload
  }

  /**
   * Ended uploads are kept a while: a part coming late is refused rather than starting the upload anew, and
   * an answer request that comes after the end (held up behind other requests) still gets the answer.
   */
  private forgetOldest(): void {
    let ended = [...this.byId.values()].filter((e) => e.ended).length
    for (const [key, entry] of this.byId) {
      if (ended <= ENDED_KEPT) break
      if (!entry.ended) continue
      this.byId.delete(key)
      ended--
    }
  }

  private async start(name: string, size: number, layout: PartLayout): Promise<PartedUpload> {
    const folder = await mkdtemp(join(this.options.root(), 'upload-'))
    try {
      return await PartedUpload.create(folder, name, size, layout, this.options.counter(), (p, n, a) =>
        this.options.importArriving(p, n, a),
      )
    } catch (e) {
      await rm(folder, { recursive: true, force: true }).catch(() => undefined)
      throw e
    }
  }

  private size(text: string | null): number {
    const size = Number(text)
    if (text === null || !Number.isSafeInteger(size) || size < 0) {
      throw new StudioError('ValidationError', 'The upload must say its size in bytes.')
    }
    if (size > this.options.limit) throw tooLarge('The upload', this.options.limit, size)
    return size
  }
}

/** Part `k` in the page's upload form: its body is the form, of the part's bytes and a little framing. */
async function receiveForm(upload: PartedUpload, k: number, req: IncomingMessage): Promise<void> {
  const boundary = formBoundary(req.headers['content-type'])
  if (boundary === null) {
    throw new StudioError('ValidationError', 'The upload form is not multipart/form-data.')
  }
  upload.take(k, declaredLength(req), FORM_FRAMING_BYTES)
  await upload.receive(k, req, formFile(boundary, upload.size))
}

/** The import's answer; when a part failed first (cut off, too long), that failure, as it is the cause. */
async function answer(upload: PartedUpload): Promise<DatasetInfo> {
  try {
    return await upload.imported
  } catch (e) {
    // A file the import refused is not kept.
    await upload.remove()
    throw upload.failure ?? e
  }
}

function unreadable(name: string): Error {
  return new StudioError('RequestError', unreadableUploadMessage(name))
}

function declaredLength(req: IncomingMessage): number | null {
  const length = req.headers['content-length']
  return length === undefined ? null : Number(length)
}
