import { createWriteStream } from 'node:fs'
import type { IncomingMessage } from 'node:http'
import { StudioError } from '../../src-shared/errors'
import { formatBytes } from '../../src-shared/format'
import type { FormFile } from './form-body'
import { batchWrites, WRITE_BATCH_BYTES, WRITE_BATCH_MS } from './upload-writes'

/** Bytes of an upload held in memory while the temp file's writes catch up with the socket. */
const UPLOAD_WRITE_BUFFER = 4 * 1024 * 1024

/** A request body being written into the upload's file. */
export interface ReceivedPart {
  /** The bytes written, once the body has ended and all of it is on disk (rejects with why it stopped). */
  done: Promise<number>
  /** Stops writing (the file keeps what was written) and reads the rest of the body to nowhere. */
  discard(): void
}

export interface PartPlace {
  /** The existing file the part goes into, and where in it. */
  path: string
  offset: number
  /** Most bytes the body may have: more rejects `done` (a 413). */
  limit: number
  /** Told each chunk's size as it arrives (the server frees the written ones now and then). */
  received: (bytes: number) => void
  /** Told each chunk's size once it is written: the bytes from `offset` up to here are in the file. */
  written: (bytes: number) => void
  /** The body is a form around the file (`form-body.ts`): only the file's bytes are written. */
  form?: FormFile
}

/** A 413 that names the real limit, and the size when the request declared it (else it was cut off). */
export function tooLarge(what: string, limit: number, declared?: number): Error {
  const size = declared === undefined ? 'over' : `${formatBytes(declared)}, over`
  return new StudioError(
    'PayloadTooLarge',
    `${what} is too large: ${size} the limit of ${formatBytes(limit)} (${limit.toLocaleString('en-US')} bytes).`,
  )
}

/** Writes the body of `req` into `place.path` from `place.offset` on, in order. */
export function receivePart(req: IncomingMessage, place: PartPlace): ReceivedPart {
  // The default 16 KiB buffer is below one socket read (64 KiB), so every chunk would pause the request
  // until its write ended: the transfer would wait on the disk chunk by chunk. A few MiB (several write
  // batches) let the socket flow while the writes catch up.
  const out = createWriteStream(place.path, {
    flags: 'r+',
    start: place.offset,
    highWaterMark: UPLOAD_WRITE_BUFFER,
  })
  const batch = batchWrites(out, WRITE_BATCH_BYTES, WRITE_BATCH_MS)
  let discarded = false
  const discard = () => {
    if (discarded) return
    discarded = true
    out.destroy()
    req.resume()
  }
  const done = new Promise<number>((resolve, reject) => {
    let total = 0
    let stored = 0
    const refuse = (e: unknown) => {
      discard()
      reject(e)
    }
    req.on('data', (body: Buffer) => {
      if (discarded) return
      total += body.length
      place.received(body.length)
      // Stop storing at once; the 413 answer closes the connection.
      if (total > place.limit) return refuse(tooLarge('The upload', place.limit))
      let chunk: Buffer | null
      try {
        chunk = place.form ? place.form.take(body) : body
      } catch (e) {
        return refuse(e)
      }
      if (!chunk) return
      stored += chunk.length
      batch(chunk.length)
      const bytes = chunk.length
      if (!out.write(chunk, (e) => e || place.written(bytes))) {
        req.pause()
        out.once('drain', () => discarded || req.resume())
      }
    })
    req.on('end', () => {
      if (discarded) return resolve(stored)
      try {
        place.form?.end()
      } catch (e) {
        return refuse(e)
      }
      out.end()
    })
    out.on('finish', () => resolve(stored))
    out.on('error', reject)
    req.on('error', reject)
    req.on('aborted', () =>
      reject(new StudioError('RequestError', 'The upload was cut off before it ended.')),
    )
  })
  // Left unawaited when the upload fails another way first.
  done.catch(() => undefined)
  return { done, discard }
}
