import type { IncomingMessage } from 'node:http'
import { open, rm, type FileHandle } from 'node:fs/promises'
import { join } from 'node:path'
import type { ArrivingUpload, DatasetInfo } from '../../src-shared/contract'
import { StudioError } from '../../src-shared/errors'
import { uploadParts, type UploadPart } from '../../src-shared/upload-parts'
import { FORM_FRAMING_BYTES, type FormFile } from './form-body'
import { receivePart, type ReceivedPart } from './upload-part'

/** Starts the import of an upload's file while it arrives (`StudioCore.open`). */
export type ImportArriving = (path: string, name: string, arriving: ArrivingUpload) => Promise<DatasetInfo>

/** How an upload's file is split: parts of `partBytes`, or (`form`) one part in the page's upload form. */
export interface PartLayout {
  partBytes: number
  form: boolean
}

/**
 * One upload being received, in one or more parts written at their places in one file, and imported while
 * it arrives. The parts may arrive out of order, so the file's size does not say how much of it is there:
 * the size of a second file, the progress file, does. It is the length of the file's start that is
 * complete, and the engine waits on it (`arriving-file.ts`). A failed upload removes both files, which is
 * how the engine learns it was cut off.
 */
export class PartedUpload {
  readonly path: string
  /** The whole file comes as part 0 in the page's upload form (`form-body.ts`). */
  readonly form: boolean
  /** The import's answer, once the progress file is removed; rejects as the import did. */
  readonly imported: Promise<DatasetInfo>
  /** The first failure (a part cut off or too long, or the import's): why the import failed, when it did. */
  failure: Error | null = null
  private readonly parts: UploadPart[]
  private readonly written: number[]
  private readonly receiving = new Map<number, ReceivedPart>()
  /** Parts whose request has come (each is taken once). */
  private readonly taken = new Set<number>()
  /** The import has answered: no part is taken any more. */
  private ended = false
  private complete = 0
  private synced = 0
  private syncing = false
  private telling: NodeJS.Timeout | null = null

  private constructor(
    private readonly folder: string,
    readonly name: string,
    readonly size: number,
    layout: PartLayout,
    private readonly progress: FileHandle,
    private readonly received: (bytes: number) => void,
    importArriving: ImportArriving,
  ) {
    this.path = join(folder, name)
    this.parts = uploadParts(size, layout.partBytes)
    this.form = layout.form
    this.written = this.parts.map(() => 0)
    // The import ends the upload either way: a failed one stops storing the parts still coming. The
    // progress file is gone before the answer.
    this.imported = importArriving(this.path, name, { bytes: size, progress: progressPath(folder) }).then(
      async (info) => {
        this.ended = true
        await this.removeProgress()
        return info
      },
      (e: unknown) => {
        this.ended = true
        this.fail(asError(e))
        throw e
      },
    )
    this.imported.catch(() => undefined)
  }

  /** Creates the (empty) file and progress file in `folder`, and starts the import. */
  static async create(
    folder: string,
    name: string,
    size: number,
    layout: PartLayout,
    received: (bytes: number) => void,
    importArriving: ImportArriving,
  ): Promise<PartedUpload> {
    await (await open(join(folder, name), 'wx', 0o600)).close()
    const progress = await open(progressPath(folder), 'wx', 0o600)
    return new PartedUpload(folder, name, size, layout, progress, received, importArriving)
  }

  /**
   * Takes part `k`, whose request declares `length` bytes; refuses a part this upload has not got, has had
   * already, or of another length.
   */
  take(k: number, length: number | null, framing = 0): void {
    if (this.ended) throw new StudioError('RequestError', 'This upload has ended already.')
    if (!Number.isInteger(k) || k < 0 || k >= this.parts.length) {
      throw new StudioError('ValidationError', `This upload has no part ${k}.`)
    }
    if (this.taken.has(k)) throw new StudioError('ValidationError', `Part ${k} of this upload came twice.`)
    // A form body holds the part and a few framing bytes besides (`form-body.ts`).
    const bytes = this.parts[k].bytes
    if (length === null || length < bytes || length > bytes + framing) {
      throw new StudioError('ValidationError', `Part ${k} of the upload must have ${bytes} bytes.`)
    }
    this.taken.add(k)
  }

  /**
   * Stores part `k` (taken) from `req`'s body, or from the form around it. A part that fails fails the
   * whole upload.
   */
  async receive(k: number, req: IncomingMessage, form?: FormFile): Promise<void> {
    if (this.failure) throw this.failure
    const part = receivePart(req, {
      path: this.path,
      offset: this.parts[k].offset,
      limit: this.parts[k].bytes + (form ? FORM_FRAMING_BYTES : 0),
      form,
      received: this.received,
      written: (bytes) => this.advance(k, bytes),
    })
    this.receiving.set(k, part)
    try {
      const bytes = await part.done
      if (this.failure) throw this.failure
      if (bytes !== this.parts[k].bytes) throw cutOff()
    } catch (e) {
      this.fail(asError(e))
      throw e
    } finally {
      this.receiving.delete(k)
    }
  }

  /**
   * The page could not send (part of) the file: the upload fails, unless all of it has come already (the
   * browser may report a file changed after its bytes were read) or the import has answered.
   */
  unsent(e: Error): void {
    if (this.ended || this.complete === this.size) return
    this.fail(e)
  }

  /**
   * Ends the upload as failed: the parts still arriving are read to nowhere, and the file and progress file
   * are removed (the engine, waiting on the progress file, sees it gone and stops).
   */
  fail(e: Error): void {
    if (this.failure) return
    this.failure = e
    if (this.telling) clearTimeout(this.telling)
    for (const part of this.receiving.values()) part.discard()
    void this.progress.close().catch(() => undefined)
    void this.remove()
  }

  /** Removes the upload's files (the folder with the file, and the progress file). */
  async remove(): Promise<void> {
    await Promise.all([
      rm(this.folder, { recursive: true, force: true }).catch(() => undefined),
      rm(progressPath(this.folder), { force: true }).catch(() => undefined),
    ])
  }

  /** Part `k` has `bytes` more written: the progress file's size becomes the length of the complete start. */
  private advance(k: number, bytes: number): void {
    this.written[k] += bytes
    let start = 0
    for (const [i, part] of this.parts.entries()) {
      start += this.written[i]
      if (this.written[i] < part.bytes) break
    }
    if (start > this.complete) {
      this.complete = start
      this.tell()
    }
  }

  /**
   * Tells the engine (the progress file's size) of a complete start grown by PROGRESS_STEP, or complete;
   * smaller growth waits PROGRESS_DELAY_MS for more. One truncate per written chunk would be ~10 times as
   * many calls for the same waits.
   */
  private tell(): void {
    if (this.complete - this.synced >= PROGRESS_STEP || this.complete === this.size) {
      void this.sync()
      return
    }
    this.telling ??= setTimeout(() => {
      this.telling = null
      void this.sync()
    }, PROGRESS_DELAY_MS)
  }

  /** One truncate at a time, each to the latest length: the progress file's size only ever grows. */
  private async sync(): Promise<void> {
    if (this.syncing) return
    this.syncing = true
    try {
      while (this.synced < this.complete && !this.failure) {
        const length = this.complete
        await this.progress.truncate(length)
        this.synced = length
      }
    } catch (e) {
      this.fail(asError(e))
    } finally {
      this.syncing = false
    }
  }

  private async removeProgress(): Promise<void> {
    await this.progress.close().catch(() => undefined)
    await rm(progressPath(this.folder), { force: true }).catch(() => undefined)
  }
}

/** Growth of the complete start told at once: the engine's read size. */
const PROGRESS_STEP = 1024 * 1024
/** Longest a smaller growth waits to be told (a slow upload still reaches the engine). */
const PROGRESS_DELAY_MS = 5

/** Beside the upload's folder, so no uploaded file's name can be the same. */
function progressPath(folder: string): string {
  return `${folder}.arrived`
}

function cutOff(): Error {
  return new StudioError('RequestError', 'The upload was cut off before it ended.')
}

function asError(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e))
}
